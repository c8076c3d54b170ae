package org.opudfa.dfa.train;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.opu.RandomProjector;

/**
 * Everything a {@link Trainer} runs, as a task builds it: the rule (which holds the model and its
 * loss), the optimizer over the rule's trained parameters, the training batches and the metrics
 * measured on them, the sets evaluated after each epoch, and the run's length.
 *
 * @param rule            the training rule
 * @param optimizer       the optimizer over {@code rule.trainedParameters()}
 * @param train           the training batches
 * @param trainMetrics    measured on the training batches as they are seen (columns {@code train_NAME})
 * @param evaluations     evaluated after every epoch, in order
 * @param projectors      DFA's projectors, one per error group (for their cost and their states in
 *                        checkpoints), or empty
 * @param epochs          passes over the training batches
 * @param alignmentEvery  measure gradient alignment every N steps (0 = never)
 * @param configuration   the run's settings by name, as written into checkpoints and compared on
 *                        resume: the task's name under {@link #TASK}, then every setting
 * @param changeableOnResume names of the settings of {@code configuration} that a run resuming a
 *                        checkpoint may have otherwise than the run that wrote it (the thread
 *                        count, say); every other one must be the same
 * @param data            what the data is, for people and provenance
 * @param resources       released when the trainer is closed (the compute threads), or null
 * @param stopping        when to stop before {@code epochs}, and which epoch's columns to keep as
 *                        the best, or null to run every epoch
 */
public record TrainingRun(TrainingRule rule, Optimizer optimizer, BatchSource train, List<Metric> trainMetrics,
                          List<Evaluation> evaluations, List<RandomProjector> projectors, int epochs, int alignmentEvery,
                          Map<String, Object> configuration, Set<String> changeableOnResume, DataDescription data,
                          AutoCloseable resources, EarlyStopping stopping) {

    /** The key of {@link #configuration()} that names the task that built the run. */
    public static final String TASK = "task";

    /**
     * A run of every epoch, without early stopping.
     *
     * @param rule            the training rule
     * @param optimizer       the optimizer
     * @param train           the training batches
     * @param trainMetrics    measured on the training batches
     * @param evaluations     evaluated after every epoch
     * @param projectors      DFA's projectors, or empty
     * @param epochs          passes over the training batches, at least 1
     * @param alignmentEvery  alignment interval in steps, at least 0
     * @param configuration   the run's settings
     * @param changeableOnResume the settings a resumed run may change
     * @param data            what the data is
     * @param resources       released on close, or null
     */
    public TrainingRun(TrainingRule rule, Optimizer optimizer, BatchSource train, List<Metric> trainMetrics,
                       List<Evaluation> evaluations, List<RandomProjector> projectors, int epochs, int alignmentEvery,
                       Map<String, Object> configuration, Set<String> changeableOnResume, DataDescription data,
                       AutoCloseable resources) {
        this(rule, optimizer, train, trainMetrics, evaluations, projectors, epochs, alignmentEvery, configuration,
                changeableOnResume, data, resources, null);
    }

    /**
     * Validates and copies.
     *
     * @param rule            the training rule
     * @param optimizer       the optimizer
     * @param train           the training batches
     * @param trainMetrics    measured on the training batches
     * @param evaluations     evaluated after every epoch
     * @param projectors      DFA's projectors, or empty
     * @param epochs          passes over the training batches, at least 1
     * @param alignmentEvery  alignment interval in steps, at least 0
     * @param configuration   the run's settings
     * @param changeableOnResume the settings a resumed run may change
     * @param data            what the data is
     * @param resources       released on close, or null
     * @param stopping        early stopping, or null
     * @throws IllegalArgumentException if {@code epochs < 1} or {@code alignmentEvery < 0}
     */
    public TrainingRun {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(train, "train");
        trainMetrics = List.copyOf(trainMetrics);
        evaluations = List.copyOf(evaluations);
        projectors = List.copyOf(projectors);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (alignmentEvery < 0) {
            throw new IllegalArgumentException("alignment interval must be at least 0, got " + alignmentEvery);
        }
        Objects.requireNonNull(data, "data");
        configuration = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configuration));
        changeableOnResume = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(changeableOnResume));
    }
}
