/**
 * Neural-network building blocks on batch-major float matrices: the {@link org.opudfa.dfa.nn.Layer}
 * contract (forward, local backward, parameters), trainable {@link org.opudfa.dfa.nn.Parameter}s,
 * and the layers built on them (dense, activations, dropout, layer normalisation, sequential
 * blocks). Every layer owns and reuses its buffers, so a training step allocates nothing once
 * the batch size is stable.
 */
package org.opudfa.dfa.nn;
