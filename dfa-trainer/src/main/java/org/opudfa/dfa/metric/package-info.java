/**
 * Metrics by name, accumulated over the batches of a pass over a data set: accuracy, and the
 * measurements of the other task families (bits per character, perplexity, PSNR, AUC, log loss,
 * average precision). They become the columns of the epoch tables, logs, sweeps and plots.
 */
package org.opudfa.dfa.metric;
