/**
 * The trainer: it runs what a task built ({@link org.opudfa.dfa.train.TrainingRun}) — epochs of
 * rule steps and optimizer updates over a batch source, training metrics, gradient alignment per
 * feedback point, evaluation of each set after every epoch, divergence detection — and writes and
 * restores checkpoints so that a resumed run continues exactly; epoch metrics by column name and
 * their CSV/JSON logs.
 */
package org.opudfa.dfa.train;
