package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.IdxReader;
import org.opudfa.dfa.data.SourceFile;

class TextCorpusTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    @Test
    void readsAFileAsItsUtf8Bytes() throws IOException {
        Path f = write("a.txt", "héllo\n");
        TextCorpus c = TextCorpus.read(f);
        assertArrayEquals("héllo\n".getBytes(StandardCharsets.UTF_8), c.bytes());
        assertEquals(7, c.size(), "é is two bytes");
        assertEquals(List.of(new SourceFile(f.toString(), 7, IdxReader.sha256(c.bytes()))), c.files());
    }

    @Test
    void readsAFolderInPathOrderWithoutFollowingLinks() throws IOException {
        write("b.txt", "second ");
        write("a/z.txt", "first ");
        write("c", "third");
        Files.createSymbolicLink(dir.resolve("b.link"), dir.resolve("b.txt"));
        TextCorpus c = TextCorpus.read(dir);
        assertEquals("first second third", new String(c.bytes(), StandardCharsets.UTF_8));
        assertEquals(3, c.files().size());
    }

    @Test
    void fortunesLeaveOutIndexesLinksAndTheOffensiveFolder() throws IOException {
        write("cookie", "A fortune.\n%\n");
        write("cookie.dat", new byte[] {0, 0, 0, 2, 0, 0, 0, 1});
        Files.createSymbolicLink(dir.resolve("cookie.u8"), dir.resolve("cookie"));
        write("off/rude", "Not here.\n%\n");
        write("off/rude.dat", new byte[] {0, 1});
        write("zippy", "YOW!\n%\n");
        TextCorpus c = TextCorpus.readFortunes(dir);
        assertEquals("A fortune.\n%\nYOW!\n%\n", new String(c.bytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(dir.resolve("cookie").toString(), dir.resolve("zippy").toString()),
                c.files().stream().map(SourceFile::path).toList());
    }

    @Test
    void namesThePackageWhenTheFortunesAreMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextCorpus.readFortunes(dir.resolve("none")));
        assertEquals("the fortune files are not in " + dir.resolve("none") + "; install them with 'apt-get install "
                + "fortunes', or give a text file or folder with --data", e.getMessage());
    }

    @Test
    void refusesEmptyText() throws IOException {
        Path empty = write("empty.txt", "");
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(empty));
        assertEquals("the text file " + empty + " is empty", file.getMessage());
        write("other.txt", "");
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(dir));
        assertEquals("the 2 files of " + dir + " are all empty", folder.getMessage());
        Path none = Files.createDirectory(dir.resolve("nothing"));
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(none));
        assertEquals("the text folder " + none + " holds no file to read", nothing.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TextCorpus.read(dir.resolve("missing.txt")));
        assertEquals("the text corpus " + dir.resolve("missing.txt") + " is neither a file nor a folder",
                missing.getMessage());
    }

    @Test
    void refusesBinaryDataNamingTheLine() throws IOException {
        Path nul = write("nul.bin", new byte[] {'a', '\n', 'b', '\n', 'c', 0, 'd'});
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(nul));
        assertEquals(nul + " is not text: line 3 holds a NUL byte (a binary file?)", n.getMessage());
        Path latin1 = write("latin1.txt", new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xe9, '\n'});
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(latin1));
        assertEquals(latin1 + " is not UTF-8 text: line 2 holds the invalid byte 0xe9 (a binary file, or another "
                + "encoding?)", l.getMessage());
    }

    @Test
    void splitsInOrderNinetyFiveFive() throws IOException {
        byte[] text = new byte[1000];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 26);
        }
        CorpusSplit s = TextCorpus.read(write("t.txt", text)).split(10);
        assertEquals(900, s.train().length);
        assertEquals(50, s.validation().length);
        assertEquals(50, s.test().length);
        assertArrayEquals(java.util.Arrays.copyOfRange(text, 900, 950), s.validation());
        assertArrayEquals(java.util.Arrays.copyOfRange(text, 950, 1000), s.test());
    }

    @Test
    void refusesTextTooShortForTheContext() throws IOException {
        Path f = write("short.txt", "x".repeat(300));
        TextCorpus c = TextCorpus.read(f);
        c.split(14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.split(15));
        assertEquals("the text corpus " + f + " is too short: it has 300 bytes, and with a context of 15 tokens it "
                + "needs at least 321 (its last 5 % and the 5 % before must each hold 16 tokens)", e.getMessage());
    }
}
