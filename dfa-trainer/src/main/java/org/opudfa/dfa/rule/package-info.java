/**
 * Training rules: how the gradients of a {@link org.opudfa.dfa.model.Network}'s parameters are
 * computed for one batch. Backpropagation, Direct Feedback Alignment (the output error projected
 * once per batch by a {@link org.opudfa.opu.RandomProjector} to every hidden block), feedback
 * alignment (fixed random backward matrices) and the shallow baseline (only the head learns),
 * all behind {@link org.opudfa.dfa.rule.TrainingRule}, with the gradient-alignment measurement
 * against backpropagation.
 */
package org.opudfa.dfa.rule;
