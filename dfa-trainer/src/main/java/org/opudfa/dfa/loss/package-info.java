/**
 * Loss functions on a batch: the mean loss of predictions against the batch's targets (class ids
 * with an ignore index, dense targets, binary labels), and the global error
 * {@code e = ∂L/∂ŷ} that backpropagation starts from and that Direct Feedback Alignment projects.
 * Sums are taken in double; tensors stay float.
 */
package org.opudfa.dfa.loss;
