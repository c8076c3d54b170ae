package org.opudfa.dfa.train;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param projector       DFA's projector (for its cost and its state in checkpoints), or null
 * @param epochs          passes over the training batches
 * @param alignmentEvery  measure gradient alignment every N steps (0 = never)
 * @param configuration   the run's settings, as written into checkpoints and compared on resume
 * @param data            what the data is, for people and provenance
 * @param resources       released when the trainer is closed (the compute threads), or null
 * @param stopping        when to stop before {@code epochs}, and which epoch's columns to keep as
 *                        the best, or null to run every epoch
 */
public record TrainingRun(TrainingRule rule, Optimizer optimizer, BatchSource train, List<Metric> trainMetrics,
                          List<Evaluation> evaluations, RandomProjector projector, int epochs, int alignmentEvery,
                          Map<String, Object> configuration, DataDescription data, AutoCloseable resources,
                          EarlyStopping stopping) {

    /**
     * A run of every epoch, without early stopping.
     *
     * @param rule            the training rule
     * @param optimizer       the optimizer
     * @param train           the training batches
     * @param trainMetrics    measured on the training batches
     * @param evaluations     evaluated after every epoch
     * @param projector       DFA's projector, or null
     * @param epochs          passes over the training batches, at least 1
     * @param alignmentEvery  alignment interval in steps, at least 0
     * @param configuration   the run's settings
     * @param data            what the data is
     * @param resources       released on close, or null
     */
    public TrainingRun(TrainingRule rule, Optimizer optimizer, BatchSource train, List<Metric> trainMetrics,
                       List<Evaluation> evaluations, RandomProjector projector, int epochs, int alignmentEvery,
                       Map<String, Object> configuration, DataDescription data, AutoCloseable resources) {
        this(rule, optimizer, train, trainMetrics, evaluations, projector, epochs, alignmentEvery, configuration, data,
                resources, null);
    }

    /**
     * Validates and copies.
     *
     * @param rule            the training rule
     * @param optimizer       the optimizer
     * @param train           the training batches
     * @param trainMetrics    measured on the training batches
     * @param evaluations     evaluated after every epoch
     * @param projector       DFA's projector, or null
     * @param epochs          passes over the training batches, at least 1
     * @param alignmentEvery  alignment interval in steps, at least 0
     * @param configuration   the run's settings
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
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (alignmentEvery < 0) {
            throw new IllegalArgumentException("alignment interval must be at least 0, got " + alignmentEvery);
        }
        Objects.requireNonNull(data, "data");
        configuration = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configuration));
    }
}
