/**
 * The transformer language-model task: a byte-level text corpus reader ({@link
 * org.opudfa.dfa.task.lm.TextCorpus}) and its windows ({@link org.opudfa.dfa.task.lm.TokenWindows}),
 * causal multi-head self-attention and positional encoding, the model recipe with DFA's macro or
 * micro feedback points ({@link org.opudfa.dfa.task.lm.TransformerLm}), the task itself ({@link
 * org.opudfa.dfa.task.lm.LmTask}) and text generation from a trained model ({@link
 * org.opudfa.dfa.task.lm.TextGenerator}).
 */
package org.opudfa.dfa.task.lm;
