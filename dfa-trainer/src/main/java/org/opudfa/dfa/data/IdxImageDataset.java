package org.opudfa.dfa.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.ejml.data.FMatrixRMaj;

/**
 * Builds a {@link Dataset} from an IDX image file and an IDX label file in the MNIST layout:
 * images of shape {@code (count, rows, columns)} (or any shape whose first dimension is the
 * count), labels of shape {@code (count)}. Each image becomes one row of
 * {@code rows·columns} features, pixel {@code p} scaled to {@code p / 255 ∈ [0, 1]}. The data is
 * described by what it is, the files and their checksums ({@link DataSource}), whatever name
 * the collection it came from may have.
 */
public final class IdxImageDataset {

    private static final float PIXEL_SCALE = 1f / 255f;

    private static final String IMAGE_LAYOUT = "count, then the pixels of one image";
    private static final String LABEL_LAYOUT = "the count";

    private IdxImageDataset() {
    }

    /**
     * @param name        the dataset's name
     * @param description what the data is, for its {@link DataSource}
     * @param imagesFile  the IDX image file, plain or gzip
     * @param labelsFile  the IDX label file, plain or gzip
     * @param numClasses  the number of classes; every label must be below it
     * @return the dataset, with both files' sizes and checksums in its source
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a file is malformed, the shapes are wrong, the counts
     *                                  differ or a label is out of range
     */
    public static Dataset read(String name, String description, Path imagesFile, Path labelsFile, int numClasses)
            throws IOException {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses must be between 1 and 256, got " + numClasses);
        }
        IdxArray images = readImages(imagesFile);
        IdxArray labels = readLabels(labelsFile);
        return fromArrays(name, description, images, labels, numClasses);
    }

    /**
     * Reads a training set and a test set whose images must have the same size.
     *
     * @param name        the name of the pair; the sets are named {@code name + "-train"} and {@code name + "-test"}
     * @param trainImages the training images, plain or gzip IDX
     * @param trainLabels the training labels
     * @param testImages  the test images, of the same size as the training images
     * @param testLabels  the test labels
     * @param numClasses  the number of classes; every label must be below it
     * @return the two sets, each with its files' sizes and checksums in its source
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a file is malformed, a pair disagrees, or the test images
     *                                  differ in size from the training images (naming both files)
     */
    public static DatasetSplit readSplit(String name, Path trainImages, Path trainLabels, Path testImages,
                                         Path testLabels, int numClasses) throws IOException {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses must be between 1 and 256, got " + numClasses);
        }
        IdxArray trainX = readImages(trainImages);
        IdxArray testX = readImages(testImages);
        if (pixels(trainX) != pixels(testX)) {
            throw new IllegalArgumentException("test image file " + testImages + " holds images of "
                    + imageSize(testX) + " pixels but training image file " + trainImages + " holds images of "
                    + imageSize(trainX) + " pixels; expected the same size");
        }
        Dataset train = fromArrays(name + "-train", "training set", trainX, readLabels(trainLabels), numClasses);
        Dataset test = fromArrays(name + "-test", "test set", testX, readLabels(testLabels), numClasses);
        return new DatasetSplit(train, test);
    }

    private static IdxArray readImages(Path file) throws IOException {
        return IdxReader.read(file, "image file", 2, IdxReader.MAX_DIMENSIONS, IMAGE_LAYOUT);
    }

    private static IdxArray readLabels(Path file) throws IOException {
        return IdxReader.read(file, "label file", 1, 1, LABEL_LAYOUT);
    }

    /** @return the number of pixels of one image: the product of every dimension after the count */
    private static long pixels(IdxArray images) {
        long pixels = 1;
        for (int axis = 1; axis < images.dimensionCount(); axis++) {
            int size = images.dimension(axis);
            // a file of 0 images may declare any sizes: saturate rather than overflow
            pixels = size == 0 ? 0 : pixels > Long.MAX_VALUE / size ? Long.MAX_VALUE : pixels * size;
        }
        return pixels;
    }

    /** @return the size of one image, e.g. {@code "28x28"}: every dimension after the count */
    private static String imageSize(IdxArray images) {
        StringBuilder sb = new StringBuilder();
        for (int axis = 1; axis < images.dimensionCount(); axis++) {
            sb.append(axis == 1 ? "" : "x").append(images.dimension(axis));
        }
        return sb.toString();
    }

    /**
     * @param name        the dataset's name
     * @param description what the data is, for its {@link DataSource}
     * @param images      the images, first dimension the count, at least 2 dimensions
     * @param labels      the labels, 1 dimension
     * @param numClasses  the number of classes
     * @return the dataset
     * @throws IllegalArgumentException if the shapes are wrong, the counts differ or a label is out of range
     */
    public static Dataset fromArrays(String name, String description, IdxArray images, IdxArray labels, int numClasses) {
        String imagesPath = images.source().path();
        String labelsPath = labels.source().path();
        if (images.dimensionCount() < 2) {
            throw new IllegalArgumentException("image file " + imagesPath + " has " + images.dimensionCount()
                    + " dimension; expected at least 2 (" + IMAGE_LAYOUT + ")");
        }
        if (labels.dimensionCount() != 1) {
            throw new IllegalArgumentException("label file " + labelsPath + " has " + labels.dimensionCount()
                    + " dimensions; expected 1 (" + LABEL_LAYOUT + ")");
        }
        int count = images.dimension(0);
        if (labels.dimension(0) != count) {
            throw new IllegalArgumentException("image file " + imagesPath + " holds " + count + " images but label file "
                    + labelsPath + " holds " + labels.dimension(0) + " labels; expected the same count");
        }
        if (count == 0) {
            throw new IllegalArgumentException("image file " + imagesPath + " holds 0 images; expected at least 1");
        }
        int pixels = images.size() / count;
        if (pixels == 0) {
            throw new IllegalArgumentException("image file " + imagesPath + " has images of 0 pixels; expected at least 1");
        }
        byte[] rawLabels = labels.rawContent();
        int labelOffset = labels.rawOffset();
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = rawLabels[labelOffset + i] & 0xff;
            if (y[i] >= numClasses) {
                throw new IllegalArgumentException("label file " + labelsPath + " has label " + y[i] + " at index " + i
                        + "; expected labels between 0 and " + (numClasses - 1));
            }
        }
        byte[] rawPixels = images.rawContent();
        int pixelOffset = images.rawOffset();
        FMatrixRMaj x = new FMatrixRMaj(count, pixels);
        float[] d = x.data;
        int n = images.size();
        for (int i = 0; i < n; i++) {
            d[i] = (rawPixels[pixelOffset + i] & 0xff) * PIXEL_SCALE;
        }
        DataSource source = new DataSource(description + ", " + imageSize(images) + " pixels scaled to [0, 1]",
                List.of(images.source(), labels.source()));
        return new Dataset(name, x, y, numClasses, source);
    }
}
