package org.opudfa.dfa.task.lm;

/** Where a transformer block normalises, relative to its residual sums. */
public enum NormPlacement {
    /**
     * After each residual sum, {@code h = LN(x + f(x))}: the original transformer, and the
     * paper's code.
     */
    POST,
    /**
     * At the entrance of each branch, {@code h = x + f(LN(x))}, leaving the residual stream
     * unnormalised (GPT-2 and later); the final norm then matters.
     */
    PRE
}
