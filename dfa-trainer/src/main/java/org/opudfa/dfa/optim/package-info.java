/**
 * Optimizers and learning-rate schedules: in-place updates of a fixed list of
 * {@link org.opudfa.dfa.nn.Parameter}s from their gradients (SGD with momentum, Nesterov and
 * L2 weight decay; Adam; AdamW with decoupled weight decay), learning rates as a function of the
 * step count, and optimizer state that can be exported and imported so a resumed run continues
 * bit for bit. Steps allocate nothing.
 */
package org.opudfa.dfa.optim;
