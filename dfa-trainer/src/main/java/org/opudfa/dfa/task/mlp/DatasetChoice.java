package org.opudfa.dfa.task.mlp;

/** Which data a run trains on. */
public enum DatasetChoice {
    /** Fashion-MNIST when it is installed, otherwise the synthetic task. */
    AUTO,
    /** Fashion-MNIST; an error when it cannot be found. */
    FASHION_MNIST,
    /** The seeded synthetic classification task, which needs no files. */
    SYNTHETIC
}
