/**
 * The training loop: configuration, epochs over a dataset with a training rule and an optimizer,
 * evaluation, metrics, checkpoints and resumption.
 */
package org.opudfa.dfa.train;
