package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    private void writeFake(Path folder, String prefix, int count, boolean gz) throws IOException {
        byte[] pixels = new byte[count * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 256);
        }
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        String suffix = gz ? ".gz" : "";
        IdxWriter.writeUnsignedBytes(folder.resolve(prefix + "-images-idx3-ubyte" + suffix), new int[] {count, 28, 28},
                pixels, gz);
        IdxWriter.writeUnsignedBytes(folder.resolve(prefix + "-labels-idx1-ubyte" + suffix), new int[] {count}, labels, gz);
    }

    @Test
    void loadsFromAFolderWithPlainAndGzipFiles() throws IOException {
        writeFake(dir, "train", 12, true);
        writeFake(dir, "t10k", 5, false);
        DatasetSplit split = FashionMnist.load(dir);
        assertEquals(12, split.train().size());
        assertEquals(5, split.heldOut().size());
        assertEquals(FashionMnist.FEATURES, split.train().featureCount());
        assertEquals(FashionMnist.CLASSES, split.heldOut().numClasses());
        assertEquals("idx-train", split.train().name());
        assertEquals("idx-test", split.heldOut().name());
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte").toString(), split.heldOut().source().files().get(1).path());
    }

    @Test
    void describesWhatWasReadByFolderFilesAndChecksumsNotByName() throws IOException {
        Path mnist = Files.createDirectory(dir.resolve("mnist"));
        writeFake(mnist, "train", 4, true);
        writeFake(mnist, "t10k", 2, false);
        DatasetSplit split = FashionMnist.load(mnist);
        String note = FashionMnist.describe(mnist, split);
        StringBuilder expected = new StringBuilder("IDX files in " + mnist + ":");
        String[] names = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"};
        for (int i = 0; i < names.length; i++) {
            String sha = IdxReader.sha256(Files.readAllBytes(mnist.resolve(names[i])));
            expected.append(i == 0 ? " " : ", ").append(names[i]).append(" (sha256 ").append(sha, 0, 12).append(')');
        }
        assertEquals(expected.toString(), note);
        assertFalse(note.contains("Fashion"), note);
    }

    @Test
    void testImagesOfAnotherSizeNameBothFiles() throws IOException {
        writeFake(dir, "train", 3, false);
        IdxWriter.writeUnsignedBytes(dir.resolve("t10k-images-idx3-ubyte"), new int[] {2, 20, 20}, new byte[800], false);
        IdxWriter.writeUnsignedBytes(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {2}, new byte[2], false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertEquals("test image file " + dir.resolve("t10k-images-idx3-ubyte") + " holds images of 20x20 pixels but"
                + " training image file " + dir.resolve("train-images-idx3-ubyte") + " holds images of 28x28 pixels;"
                + " expected the same size", e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        writeFake(dir, "train", 3, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST folder " + dir
                + " has no file t10k-images-idx3-ubyte or t10k-images-idx3-ubyte.gz;"), e.getMessage());
    }

    @Test
    void missingFolderIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        assertEquals("Fashion-MNIST folder " + nowhere + " does not exist or is not a folder",
                assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(nowhere)).getMessage());
    }

    @Test
    void defaultFolderHonoursTheEnvironment() {
        assertEquals(Path.of("data-root", "fashion-mnist"),
                FashionMnist.defaultFolder(Map.of(FashionMnist.ENVIRONMENT_VARIABLE, "data-root")));
        assertEquals(FashionMnist.SYSTEM_FOLDER, FashionMnist.defaultFolder(Map.of()));
        assertEquals(FashionMnist.SYSTEM_FOLDER, FashionMnist.defaultFolder(Map.of(FashionMnist.ENVIRONMENT_VARIABLE, " ")));
    }

    @Test
    void installedDatasetHasTheExpectedShapes() throws IOException {
        Optional<Path> folder = FashionMnist.findInstalled();
        Assumptions.assumeTrue(folder.isPresent(), "Fashion-MNIST is not installed in the default folder");
        DatasetSplit split = FashionMnist.load(folder.get());
        Dataset train = split.train();
        Dataset test = split.heldOut();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(784, train.featureCount());
        assertEquals(784, test.featureCount());
        // Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, train.classCounts()[c]);
            assertEquals(1000, test.classCounts()[c]);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < test.size(); i++) {
            for (int j = 0; j < test.featureCount(); j++) {
                min = Math.min(min, test.feature(i, j));
                max = Math.max(max, test.feature(i, j));
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        assertEquals(2, train.source().files().size());
        assertTrue(Files.isRegularFile(Path.of(train.source().files().get(0).path())));
    }
}
