package org.opudfa.dfa.rule;

/** The factor the projected error {@code B·e} is multiplied by before it is injected. */
public enum FeedbackScale {

    /** No scaling: the signal at feedback point l is exactly {@code (B·e)_l}. */
    NONE,

    /**
     * {@code 1/√P}, where P is the projection's output size (the projector's output
     * dimension), as TinyDFA's normalisation: with unit-variance entries in B it keeps the
     * injected signal's size independent of the width of the projection.
     */
    INVERSE_SQRT_SIZE
}
