/**
 * Neural-network building blocks on batch-major float matrices: the
 * {@link org.opudfa.dfa.nn.Module} contract (parameters, shape inference) and its per-application
 * state, the {@link org.opudfa.dfa.nn.Call} (forward, local backward); trainable
 * {@link org.opudfa.dfa.nn.Parameter}s; the batch's side inputs, the {@link org.opudfa.dfa.nn.Feed};
 * and the generic modules (dense, activations, dropout, layer normalisation, sum, concatenation).
 * Every call owns and reuses its buffers, so a training step allocates nothing once the batch
 * shape is stable.
 */
package org.opudfa.dfa.nn;
