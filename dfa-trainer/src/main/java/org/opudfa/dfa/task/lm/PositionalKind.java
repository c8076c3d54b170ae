package org.opudfa.dfa.task.lm;

/** How the transformer language model encodes a token's position ({@link PositionalEncoding}). */
public enum PositionalKind {
    /** A fixed table of sines and cosines of geometrically spaced frequencies. */
    SINUSOIDAL,
    /** A learned table, one vector per position. */
    LEARNED
}
