package org.opudfa.dfa.data;

import java.util.List;
import java.util.Objects;

/**
 * What a run's data is, for people and for provenance records.
 *
 * @param note  one line, e.g. "Fashion-MNIST from FOLDER (first 6000 training samples)" or how
 *              generated data was made
 * @param files the files read, with their SHA-256 checksums (empty for generated data)
 */
public record DataDescription(String note, List<SourceFile> files) {

    /**
     * Copies the list.
     *
     * @param note  one line
     * @param files the files read
     */
    public DataDescription {
        Objects.requireNonNull(note, "note");
        files = List.copyOf(files);
    }
}
