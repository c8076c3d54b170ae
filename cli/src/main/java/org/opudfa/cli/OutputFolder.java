package org.opudfa.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A command's output folder ({@code --out DIR}), made ready before any work: created when missing,
 * so that a folder that cannot be created (a read-only or virtual file system, a file in the way)
 * is reported in one sentence before the data is loaded, not after training.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Creates the folder and its parents when missing, and checks that it can be written.
     *
     * @param folder the folder
     * @param option the option that named it, for messages, e.g. {@code "--out"}
     * @return whether this call created it (so that {@link #removeIfEmpty} may take it back)
     * @throws IllegalArgumentException if it is a file, cannot be created (saying why) or cannot
     *     be written
     */
    static boolean create(Path folder, String option) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + " must be a folder, but " + folder + " is a file");
        }
        boolean existed = Files.isDirectory(folder);
        if (!existed) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new IllegalArgumentException("could not create the output folder " + folder + " (" + option
                        + "): " + reason(e, folder), e);
            }
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalArgumentException("the output folder " + folder + " (" + option
                    + ") cannot be written to");
        }
        return !existed;
    }

    /**
     * Deletes a folder if it is empty: a command that created its output folder and then refused
     * its input takes the folder back. Anything else (a folder with files, a failure to delete)
     * is left as it is.
     *
     * @param folder the folder
     */
    static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException e) {
            // it holds files: not ours to remove
        } catch (IOException e) {
            // best effort: the refusal being reported matters more than an empty folder
        }
    }

    /** @return why the file system refused, in words, with the path it names when that is another one */
    private static String reason(IOException e, Path folder) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason().toLowerCase(Locale.ROOT);
        } else if (e.getMessage() != null) {
            why = e.getMessage();
        } else {
            why = e.getClass().getSimpleName();
        }
        if (e instanceof FileSystemException f && f.getFile() != null
                && !Path.of(f.getFile()).toAbsolutePath().equals(folder.toAbsolutePath())) {
            why += " (at " + f.getFile() + ")";
        }
        return why;
    }
}
