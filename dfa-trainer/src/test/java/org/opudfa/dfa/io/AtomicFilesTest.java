package org.opudfa.dfa.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesContentAndCreatesFolders() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(target, "hello");
        assertEquals("hello", Files.readString(target));
    }

    @Test
    void failedWriteKeepsPreviousVersionAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("checkpoint.bin");
        AtomicFiles.writeString(target, "good");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("good", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aFolderInTheWayIsNamedWithoutTheTemporaryFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("results"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeString(folder, "text"));
        assertEquals("could not write " + folder + ": it is a folder, not a file", e.getMessage());
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        UncheckedIOException under = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeString(file.resolve("out.csv"), "text"));
        assertEquals("could not write " + file.resolve("out.csv") + ": " + file + " is a file, not a folder",
                under.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file, folder), files.sorted().toList(), "no temporary file left");
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count(), "no temporary file left in the folder");
        }
    }

    @Test
    void provenanceKeepsTheChecksumsItIsGiven() {
        Provenance p = Provenance.capture("train", java.util.Map.of("seed", 3L), 3, "1.0", 2,
                java.util.Map.of("a.idx", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "test");
        assertEquals(java.util.Map.of("a.idx", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                p.data());
        assertEquals(2, p.threads());
        // the checksum the data loaders record is the SHA-256 of the file's bytes
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                org.opudfa.dfa.data.IdxReader.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
