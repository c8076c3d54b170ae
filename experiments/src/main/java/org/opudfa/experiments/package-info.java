/**
 * Experiments: named, documented studies of Direct Feedback Alignment and of the simulated
 * optical processing unit, each a declarative spec file under
 * {@code src/main/resources/org/opudfa/experiments/specs/}, with the runners that execute them
 * and the writers of their results (CSV, JSON lines, provenance, plots, a markdown table).
 *
 * <p>{@link org.opudfa.experiments.spec} parses and validates specs, {@link org.opudfa.experiments.run}
 * runs every point of a sweep (in parallel, resumably) and {@link org.opudfa.experiments.report}
 * writes the files people and programs read.
 */
package org.opudfa.experiments;
