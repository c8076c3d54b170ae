/**
 * Loss functions on a batch: the mean loss of predictions against targets, and the global error
 * {@code e = ∂L/∂ŷ} that backpropagation starts from and that Direct Feedback Alignment projects.
 * Sums are taken in double; tensors stay float.
 */
package org.opudfa.dfa.loss;
