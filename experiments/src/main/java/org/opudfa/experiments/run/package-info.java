/**
 * Running sweeps and experiments: one runner per kind of point (training, fidelity, cost), a
 * sweep runner that executes points on a bounded pool of threads and skips points whose result
 * file already exists, and the experiment runner that runs an experiment's sweeps and writes its
 * report.
 */
package org.opudfa.experiments.run;
