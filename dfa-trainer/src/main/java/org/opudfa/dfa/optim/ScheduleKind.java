package org.opudfa.dfa.optim;

/** How the learning rate changes over a run. */
public enum ScheduleKind {
    /** The same rate throughout. */
    CONSTANT,
    /** The rate halved after every quarter of the run. */
    STEP,
    /** Cosine decay from the rate to zero over the run. */
    COSINE,
    /** Exponential decay to a tenth of the rate over the run (NeRF's schedule). */
    EXPONENTIAL
}
