package org.opudfa.dfa.task.lm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.opudfa.dfa.data.IdxReader;
import org.opudfa.dfa.data.SourceFile;

/**
 * A text corpus read as bytes: one UTF-8 file, or every file of a folder (its subfolders
 * included, in order of relative path, symbolic links not followed) joined end to end as they
 * are stored. The model's tokens are these bytes ({@link ByteVocabulary}).
 *
 * <p>The default corpus is the English fortune-cookie collection of the Debian package
 * {@code fortunes}: the plain-text files of {@value #FORTUNES_FOLDER}, without the {@code .dat}
 * indexes that {@code strfile} writes beside them, without the {@code .u8} names (symbolic links
 * to the same files) and without the {@code off/} folder of offensive fortunes (another package).
 * About 2.6 million bytes, almost all ASCII.
 *
 * <p>Reading refuses, with one sentence naming the file and the line: a file that is not UTF-8
 * (an invalid byte sequence), a file holding a NUL byte (binary data), and a corpus with no text
 * at all. Whether there is enough text for a context length is checked when the corpus is split
 * ({@link #split}).
 */
public final class TextCorpus {

    /** Where the Debian package {@code fortunes} installs its fortune files. */
    public static final String FORTUNES_FOLDER = "/usr/share/games/fortunes";

    /** The part of the corpus, from its start, that trains: 90 %. */
    public static final double TRAIN_FRACTION = 0.90;
    /** The part after it, validation: 5 % (the test set is the last 5 %). */
    public static final double VALIDATION_FRACTION = 0.05;

    private final byte[] bytes;
    private final List<SourceFile> files;
    private final String origin;

    private TextCorpus(byte[] bytes, List<SourceFile> files, String origin) {
        this.bytes = bytes;
        this.files = List.copyOf(files);
        this.origin = origin;
    }

    /**
     * Reads a file, or every regular file under a folder.
     *
     * @param path a UTF-8 text file or a folder of them
     * @return the corpus
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the path does not exist, a file is not UTF-8 text, or
     *                                  there is no text
     */
    public static TextCorpus read(Path path) throws IOException {
        return read(path, p -> true, path.toString());
    }

    /**
     * Reads the plain-text fortune files of the Debian package {@code fortunes}.
     *
     * @param folder the package's folder, normally {@value #FORTUNES_FOLDER}
     * @return the corpus
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the folder is missing (naming the package to install) or
     *                                  holds no fortune file
     */
    public static TextCorpus readFortunes(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("the fortune files are not in " + folder
                    + "; install them with 'apt-get install fortunes', or give a text file or folder with --data");
        }
        Path offensive = folder.resolve("off");
        Predicate<Path> plainText = p -> !p.getFileName().toString().endsWith(".dat") && !p.startsWith(offensive);
        return read(folder, plainText, "the fortunes package's files in " + folder);
    }

    private static TextCorpus read(Path path, Predicate<Path> keep, String origin) throws IOException {
        Objects.requireNonNull(path, "path");
        List<Path> paths;
        if (Files.isRegularFile(path)) {
            paths = List.of(path);
        } else if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                paths = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).filter(keep).sorted()
                        .collect(Collectors.toList());
            }
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("the text folder " + path + " holds no file to read");
            }
        } else {
            throw new IllegalArgumentException("the text corpus " + path + " is neither a file nor a folder");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<SourceFile> files = new ArrayList<>();
        for (Path p : paths) {
            byte[] content = Files.readAllBytes(p);
            requireText(p, content);
            all.writeBytes(content);
            files.add(new SourceFile(p.toString(), content.length, IdxReader.sha256(content)));
        }
        if (all.size() == 0) {
            throw new IllegalArgumentException(paths.size() == 1 ? "the text file " + path + " is empty"
                    : "the " + paths.size() + " files of " + path + " are all empty");
        }
        return new TextCorpus(all.toByteArray(), files, origin);
    }

    /**
     * Checks that bytes are UTF-8 text without NUL bytes.
     *
     * @param file    where they come from, for the message
     * @param content the bytes
     * @throws IllegalArgumentException naming the file and the line of the first offending byte
     */
    static void requireText(Path file, byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                throw new IllegalArgumentException(file + " is not text: line " + lineOf(content, i)
                        + " holds a NUL byte (a binary file?)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new IllegalArgumentException(file + " is not UTF-8 text: line " + lineOf(content, in.position())
                        + " holds the invalid byte 0x" + String.format("%02x", content[in.position()] & 0xff)
                        + " (a binary file, or another encoding?)");
            }
            if (result.isOverflow()) {
                out.clear();
                continue;
            }
            break;
        }
    }

    private static int lineOf(byte[] content, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** @return the number of bytes, that is of tokens */
    public int size() {
        return bytes.length;
    }

    /** @return a copy of the bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the files read, with their checksums, in the order they were joined */
    public List<SourceFile> files() {
        return files;
    }

    /** @return where the text came from, for people */
    public String origin() {
        return origin;
    }

    /**
     * Cuts the corpus into three contiguous parts, in order: the first {@value #TRAIN_FRACTION} of
     * the bytes train, the next {@value #VALIDATION_FRACTION} validate, the rest (5 %) test.
     * Contiguous parts keep whole passages together, so that held-out text is not a shuffled copy
     * of training text.
     *
     * @param context the model's context length: each held-out part must hold at least one window
     *                of {@code context + 1} tokens, and the training part more than that
     * @return the three parts
     * @throws IllegalArgumentException if the corpus is too short for the context
     */
    public CorpusSplit split(int context) {
        if (context < 1) {
            throw new IllegalArgumentException("the context must be at least 1 token, got " + context);
        }
        int n = bytes.length;
        int trainEnd = (int) (n * TRAIN_FRACTION);
        int validationEnd = trainEnd + (int) (n * VALIDATION_FRACTION);
        int smallest = Math.min(validationEnd - trainEnd, n - validationEnd);
        if (smallest < context + 1) {
            long needed = (long) Math.ceil((context + 1) / VALIDATION_FRACTION) + 1;
            throw new IllegalArgumentException("the text corpus " + origin + " is too short: it has " + n
                    + " bytes, and with a context of " + context + " tokens it needs at least " + needed
                    + " (its last 5 % and the 5 % before must each hold " + (context + 1) + " tokens)");
        }
        return new CorpusSplit(java.util.Arrays.copyOfRange(bytes, 0, trainEnd),
                java.util.Arrays.copyOfRange(bytes, trainEnd, validationEnd),
                java.util.Arrays.copyOfRange(bytes, validationEnd, n));
    }
}
