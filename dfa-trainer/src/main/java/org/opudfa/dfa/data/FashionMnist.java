package org.opudfa.dfa.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28×28 grey-level images of clothing in
 * 10 classes, 60 000 for training and 10 000 for testing, as four IDX files
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or with a
 * {@code .gz} suffix (the plain name is preferred when both exist).
 *
 * <p>Where to look when no folder is given: {@code $OPU_DFA_DATA/fashion-mnist} when the
 * environment variable {@value #ENVIRONMENT_VARIABLE} is set, otherwise
 * {@code /usr/share/datasets/fashion-mnist}, where the Debian package
 * {@code dataset-fashion-mnist} installs it. Features are pixels scaled to {@code [0, 1]}.
 *
 * <p>Any folder of four files in this layout loads (MNIST has the same one), so what was read is
 * described by the folder and the files' checksums ({@link #describe}), not by the name
 * Fashion-MNIST, which the data may not have.
 */
public final class FashionMnist {

    /** The environment variable naming a data root; Fashion-MNIST is looked for in its {@code fashion-mnist} folder. */
    public static final String ENVIRONMENT_VARIABLE = "OPU_DFA_DATA";

    /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
    public static final Path SYSTEM_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    /** The name of the dataset's folder under a data root. */
    public static final String FOLDER_NAME = "fashion-mnist";

    /** Number of classes. */
    public static final int CLASSES = 10;

    /** Features per image, 28 × 28. */
    public static final int FEATURES = 784;

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Hex digits of each checksum shown by {@link #describe}; the full checksums are in the datasets' sources. */
    private static final int CHECKSUM_DIGITS = 12;

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private FashionMnist() {
    }

    /**
     * @param folder the folder holding the four files
     * @return the training set ({@code "idx-train"}) and the test set ({@code "idx-test"})
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the folder or a file is missing, a file is malformed, or
     *                                  the test images differ in size from the training images
     */
    public static DatasetSplit load(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Fashion-MNIST folder " + folder + " does not exist or is not a folder");
        }
        Path trainImages = find(folder, TRAIN_IMAGES);
        Path trainLabels = find(folder, TRAIN_LABELS);
        Path testImages = find(folder, TEST_IMAGES);
        Path testLabels = find(folder, TEST_LABELS);
        return IdxImageDataset.readSplit("idx", trainImages, trainLabels, testImages, testLabels, CLASSES);
    }

    /**
     * @param folder the folder given to {@link #load}
     * @param split  what {@link #load} returned
     * @return one line saying what was read, e.g. {@code "IDX files in mnist: train-images-idx3-ubyte.gz
     *     (sha256 440fcabf73cc…), …"}: the folder, and each file's name with the first
     *     {@value #CHECKSUM_DIGITS} hex digits of its SHA-256
     */
    public static String describe(Path folder, DatasetSplit split) {
        StringBuilder sb = new StringBuilder("IDX files in ").append(folder).append(':');
        List<SourceFile> files = new ArrayList<>(split.train().source().files());
        files.addAll(split.heldOut().source().files());
        for (int i = 0; i < files.size(); i++) {
            SourceFile f = files.get(i);
            Path name = Path.of(f.path()).getFileName();
            sb.append(i == 0 ? " " : ", ").append(name == null ? f.path() : name.toString())
                    .append(" (sha256 ").append(f.sha256(), 0, CHECKSUM_DIGITS).append(')');
        }
        return sb.toString();
    }

    /**
     * @return the data from the default folder ({@link #defaultFolder()})
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the default folder or a file is missing, or a file is malformed
     */
    public static DatasetSplit loadDefault() throws IOException {
        return load(defaultFolder());
    }

    /**
     * @return {@code $OPU_DFA_DATA/fashion-mnist} if the variable is set, else {@link #SYSTEM_FOLDER};
     *     the folder may not exist
     */
    public static Path defaultFolder() {
        return defaultFolder(System.getenv());
    }

    /** The default folder for the given environment; package-visible so tests can pass their own. */
    static Path defaultFolder(Map<String, String> environment) {
        String root = environment.get(ENVIRONMENT_VARIABLE);
        if (root != null && !root.isBlank()) {
            return Path.of(root).resolve(FOLDER_NAME);
        }
        return SYSTEM_FOLDER;
    }

    /**
     * @return the default folder if it holds all four files (plain or gzip), else empty
     */
    public static Optional<Path> findInstalled() {
        Path folder = defaultFolder();
        for (String base : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (!Files.isRegularFile(folder.resolve(base)) && !Files.isRegularFile(folder.resolve(base + ".gz"))) {
                return Optional.empty();
            }
        }
        return Optional.of(folder);
    }

    private static Path find(Path folder, String base) {
        Path plain = folder.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = folder.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new IllegalArgumentException("Fashion-MNIST folder " + folder + " has no file " + base + " or " + base
                + ".gz; expected the four files train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                + "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz)");
    }
}
