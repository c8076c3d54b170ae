package org.opudfa.dfa.data;

import java.util.List;
import java.util.Objects;

/**
 * Where a dataset came from, for the provenance record a run writes beside its results: a
 * human-readable description (generator and its parameters, or the transformation applied)
 * and the files read with their checksums (empty for generated data).
 *
 * @param description what produced the data, e.g. {@code "Fashion-MNIST training set"}
 * @param files       the files read, in reading order; copied
 */
public record DataSource(String description, List<SourceFile> files) {

    /**
     * Validates the components.
     *
     * @param description what produced the data, e.g. {@code "Fashion-MNIST training set"}
     * @param files       the files read, in reading order; copied
     * @throws NullPointerException if a field is null
     */
    public DataSource {
        Objects.requireNonNull(description, "description");
        files = List.copyOf(files);
    }

    /**
     * @param description what generated the data
     * @return a source without files
     */
    public static DataSource generated(String description) {
        return new DataSource(description, List.of());
    }

    /**
     * @param step what was done to this source's data, e.g. {@code "first 1000 samples"}
     * @return the same files with {@code "; " + step} appended to the description
     */
    public DataSource derived(String step) {
        return new DataSource(description + "; " + step, files);
    }
}
