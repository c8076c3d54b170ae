package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImageDatasetTest {

    private static final float PIXEL_TOLERANCE = 1e-7f;

    @TempDir
    Path dir;

    private Path images(String name, int count, int rows, int cols) throws IOException {
        byte[] v = new byte[count * rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (i * 53);
        }
        Path p = dir.resolve(name);
        IdxWriter.writeUnsignedBytes(p, new int[] {count, rows, cols}, v, true);
        return p;
    }

    private Path labels(String name, byte... labels) throws IOException {
        Path p = dir.resolve(name);
        IdxWriter.writeUnsignedBytes(p, new int[] {labels.length}, labels, false);
        return p;
    }

    @Test
    void pixelsAreScaledToUnitIntervalAndRowsAreImages() throws IOException {
        Path img = images("img", 3, 2, 2);
        Path lab = labels("lab", (byte) 2, (byte) 0, (byte) 1);
        Dataset d = IdxImageDataset.read("tiny", "tiny images", img, lab, 3);
        assertEquals(3, d.size());
        assertEquals(4, d.featureCount());
        assertEquals(2, d.label(0));
        assertEquals(1, d.label(2));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                int raw = ((i * 4 + j) * 53) & 0xff;
                assertEquals(raw / 255f, d.feature(i, j), PIXEL_TOLERANCE);
            }
        }
        assertEquals(2, d.source().files().size());
        assertEquals(img.toString(), d.source().files().get(0).path());
        assertEquals(lab.toString(), d.source().files().get(1).path());
        assertEquals("tiny images, 2x2 pixels scaled to [0, 1]", d.source().description());
    }

    @Test
    void countsMustAgree() throws IOException {
        Path img = images("img", 3, 2, 2);
        Path lab = labels("lab", (byte) 0, (byte) 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", img, lab, 3));
        assertEquals("image file " + img + " holds 3 images but label file " + lab
                + " holds 2 labels; expected the same count", e.getMessage());
    }

    @Test
    void labelsMustBeInRange() throws IOException {
        Path img = images("img", 3, 2, 2);
        Path lab = labels("lab", (byte) 0, (byte) 7, (byte) 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", img, lab, 3));
        assertEquals("label file " + lab + " has label 7 at index 1; expected labels between 0 and 2", e.getMessage());
    }

    @Test
    void shapesMustBeImagesAndLabels() throws IOException {
        Path lab = labels("lab", (byte) 0, (byte) 1);
        IllegalArgumentException flatImages = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", lab, lab, 3));
        assertEquals("image file " + lab + " declares 1 dimension; expected at least 2 (count, then the pixels of one"
                + " image)", flatImages.getMessage());
        Path img = images("img", 2, 2, 2);
        IllegalArgumentException imageLabels = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", img, img, 3));
        assertEquals("label file " + img + " declares 3 dimensions; expected 1 (the count)", imageLabels.getMessage());
    }

    @Test
    void aLabelFileWhoseHeaderClaimsThreeDimensionsIsNamedForItsDimensions() throws IOException {
        Path img = images("img", 3, 2, 2);
        // 10 labels, then the dimension byte changed from 1 to 3: the "sizes" are label bytes
        byte[] bytes = java.nio.file.Files.readAllBytes(labels("lab", new byte[10]));
        bytes[3] = 3;
        Path lab = java.nio.file.Files.write(dir.resolve("lab3"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", img, lab, 3));
        assertEquals("label file " + lab + " declares 3 dimensions; expected 1 (the count)", e.getMessage());
    }

    @Test
    void trainAndTestImagesOfDifferentSizesNameBothFiles() throws IOException {
        Path trainImages = images("train-img", 3, 2, 2);
        Path testImages = images("test-img", 2, 3, 3);
        Path trainLabels = labels("train-lab", (byte) 0, (byte) 1, (byte) 2);
        Path testLabels = labels("test-lab", (byte) 0, (byte) 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.readSplit("x", trainImages, trainLabels, testImages, testLabels, 3));
        assertEquals("test image file " + testImages + " holds images of 3x3 pixels but training image file "
                + trainImages + " holds images of 2x2 pixels; expected the same size", e.getMessage());

        Path sameSize = images("test-img2", 2, 2, 2);
        DatasetSplit split = IdxImageDataset.readSplit("x", trainImages, trainLabels, sameSize, testLabels, 3);
        assertEquals("x-train", split.train().name());
        assertEquals("x-test", split.heldOut().name());
        assertEquals(4, split.heldOut().featureCount());
    }

    @Test
    void emptyAndZeroPixelImagesAreRejected() throws IOException {
        Path noImages = images("none", 0, 2, 2);
        Path noLabels = labels("nolab");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", noImages, noLabels, 3));
        assertEquals("image file " + noImages + " holds 0 images; expected at least 1", empty.getMessage());
        Path flat = images("flat", 2, 0, 2);
        Path lab = labels("lab", (byte) 0, (byte) 1);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", flat, lab, 3));
        assertEquals("image file " + flat + " has images of 0 pixels; expected at least 1", zero.getMessage());
    }

    @Test
    void classCountIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxImageDataset.read("x", "x", dir.resolve("a"), dir.resolve("b"), 0));
        assertEquals("numClasses must be between 1 and 256, got 0", e.getMessage());
    }
}
