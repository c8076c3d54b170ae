package org.opudfa.dfa.optim;

/** How the learning rate changes over a run. */
public enum ScheduleKind {
    /** The same rate throughout. */
    CONSTANT,
    /** The rate halved after every quarter of the run. */
    STEP,
    /** Cosine decay from the rate to zero over the run. */
    COSINE,
    /**
     * The rate cut by 5 after two epochs in a row without improvement of the watched loss (the
     * first evaluated set's, else the training loss): {@link ReduceOnPlateau} with factor 0.2 and
     * patience 1, as in the paper's transformer runs.
     */
    PLATEAU,
    /** Exponential decay to a tenth of the rate over the run (NeRF's schedule). */
    EXPONENTIAL
}
