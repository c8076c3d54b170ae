/**
 * Training rules: how the gradients of a model's parameters are computed for one batch, on any
 * {@link org.opudfa.dfa.graph.Graph}. Backpropagation, Direct Feedback Alignment (the true
 * gradient at the error point projected once per batch by a
 * {@link org.opudfa.opu.RandomProjector} and injected at every feedback point, the segments below
 * the points optionally backpropagated concurrently), feedback alignment
 * (fixed random backward matrices in every {@link org.opudfa.dfa.nn.LinearMap}) and the shallow
 * baseline (only what lies above the feedback points learns), all behind
 * {@link org.opudfa.dfa.rule.TrainingRule} and made by {@link org.opudfa.dfa.rule.Method}, with the
 * gradient-alignment measurement against backpropagation per feedback point.
 */
package org.opudfa.dfa.rule;
