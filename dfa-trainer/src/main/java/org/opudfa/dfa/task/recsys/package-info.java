/**
 * The recommender task family: click-through-rate prediction on click logs in the Criteo format.
 * The streaming log reader ({@link org.opudfa.dfa.task.recsys.ClickLogFormat},
 * {@link org.opudfa.dfa.task.recsys.ClickLogFile}, {@link org.opudfa.dfa.task.recsys.ClickLogBatches})
 * and per-field vocabularies ({@link org.opudfa.dfa.task.recsys.ClickVocabulary}); the generator
 * of logs from a documented latent click model whose Bayes-optimal AUC is known
 * ({@link org.opudfa.dfa.task.recsys.ClickModel}, {@link org.opudfa.dfa.task.recsys.ClickLogGenerator});
 * the modules (field embeddings, the factorization machine's pairwise term, cross layers); the
 * models FM, DeepFM and Deep &amp; Cross with their DFA feedback points
 * ({@link org.opudfa.dfa.task.recsys.RecsysModels}); and the task
 * ({@link org.opudfa.dfa.task.recsys.RecsysTask}).
 */
package org.opudfa.dfa.task.recsys;
