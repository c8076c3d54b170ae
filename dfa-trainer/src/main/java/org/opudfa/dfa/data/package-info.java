/**
 * Labelled data for training and evaluation: the IDX file format (MNIST, Fashion-MNIST), an
 * immutable {@link org.opudfa.dfa.data.Dataset} with provenance, a seeded synthetic
 * classification task that needs no files, seeded train/validation splits, seeded shuffling
 * into caller-reused mini-batch buffers with checkpointable state, and a confusion matrix for
 * accuracy; and {@link org.opudfa.dfa.data.BatchSource}, where a run's batches come from (rows of a
 * data set through {@link org.opudfa.dfa.data.RowBatches}, and each task's own sources).
 *
 * <p>Features are float, batch-major (one sample per row); labels are class indices
 * {@code 0 … numClasses−1}.
 */
package org.opudfa.dfa.data;
