package org.opudfa.dfa.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.io.MessageText;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.opu.ProjectionCost;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.Restorable;

/**
 * Runs a {@link TrainingRun} that a task built: epochs of rule steps and optimizer updates over
 * the training batches, measuring the training metrics as it goes and the gradient alignment every
 * few steps, then evaluating every set after each epoch and, when asked, writing a checkpoint. It
 * builds nothing itself: model, loss, rule, optimizer, data and metrics all come in the run.
 *
 * <p>A run resumed from a checkpoint ({@link #restore}) continues exactly as the uninterrupted
 * run would have: same batches, same updates, same noise (the projectors' states travel in the
 * checkpoint when they are {@link Restorable}), same dropout masks (the states of the model's
 * {@link Graph#randomStreams()} travel in it), same metrics.
 */
public final class Trainer implements AutoCloseable {

    private final TrainingRun run;
    private final TrainingRule rule;
    private final Graph model;
    private final Optimizer optimizer;
    private final BatchSource batches;
    private final Feed batch;
    private final Feed[] evalFeeds;
    /** the run's training metrics, as an array: iterating a list would allocate an iterator every step */
    private final Metric[] trainMetrics;
    private final double[] cosines;
    private final boolean measureAlignment;
    private final DivergenceGuard divergence;
    private final List<EpochMetrics> history = new ArrayList<>();
    private int epochsDone;

    /**
     * @param run what to run
     */
    public Trainer(TrainingRun run) {
        this.run = Objects.requireNonNull(run, "run");
        this.rule = run.rule();
        this.model = rule.model();
        this.optimizer = run.optimizer();
        this.batches = run.train();
        this.batch = batches.newFeed();
        this.evalFeeds = new Feed[run.evaluations().size()];
        for (int i = 0; i < evalFeeds.length; i++) {
            evalFeeds[i] = run.evaluations().get(i).source().newFeed();
        }
        this.trainMetrics = run.trainMetrics().toArray(new Metric[0]);
        this.cosines = new double[model.feedbackPoints().size()];
        this.measureAlignment = run.alignmentEvery() > 0 && rule.approximatesBackpropagation() && cosines.length > 0;
        this.divergence = new DivergenceGuard(rule.loss().divergenceBound(model.output().width()));
    }

    /** @return what this trainer runs */
    public TrainingRun run() {
        return run;
    }

    /** @return the model being trained */
    public Graph model() {
        return model;
    }

    /** @return the training rule */
    public TrainingRule rule() {
        return rule;
    }

    /** @return DFA's projectors, one per error group, or empty */
    public List<RandomProjector> projectors() {
        return run.projectors();
    }

    /**
     * @return the names of the measurements every epoch reports, in order: {@code train_loss}, the
     *     training metrics, then per evaluated set its loss and metrics, then with early stopping
     *     {@code best_epoch} and the best epoch's evaluation columns (the keys of
     *     {@link EpochMetrics#values()})
     */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add("train_loss");
        for (Metric metric : trainMetrics) {
            columns.add("train_" + metric.name());
        }
        for (Evaluation set : run.evaluations()) {
            columns.add(set.name() + "_loss");
            for (Metric metric : set.metrics()) {
                columns.add(set.name() + "_" + metric.name());
            }
        }
        if (run.stopping() != null) {
            columns.addAll(EarlyStopping.bestColumnNames(columns));
        }
        return columns;
    }

    /** @return epochs completed so far (including those restored from a checkpoint) */
    public int epochsDone() {
        return epochsDone;
    }

    /** @return the metrics of the epochs completed so far */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * Runs the remaining epochs, up to {@link TrainingRun#epochs()}, or until the run's
     * {@link EarlyStopping} says to stop.
     *
     * @param listener   receives progress
     * @param checkpoint where to write a checkpoint after each epoch, or null for none
     * @return the metrics of every epoch of the run
     * @throws TrainingDivergedException if a loss becomes NaN or infinite or explodes
     *     ({@link DivergenceGuard}); no checkpoint is written for the failing epoch
     */
    public List<EpochMetrics> run(TrainingListener listener, Path checkpoint) {
        // checked before each epoch, so a run resumed after it stopped early does not go on
        while (epochsDone < run.epochs() && !(run.stopping() != null && run.stopping().shouldStop(history))) {
            EpochMetrics m = trainEpoch(listener);
            history.add(m);
            epochsDone++;
            optimizer.observeEpochs(watchedLosses());
            if (checkpoint != null) {
                checkpoint().write(checkpoint);
            }
            listener.onEpoch(m);
        }
        return history();
    }

    private EpochMetrics trainEpoch(TrainingListener listener) {
        int epoch = epochsDone + 1;
        int perEpoch = batches.batchesPerEpoch();
        ProjectionCost before = ProjectorStates.cost(run.projectors());
        for (Metric metric : trainMetrics) {
            metric.reset();
        }
        double lossSum = 0;
        long items = 0;
        double[] alignmentSums = new double[cosines.length];
        int alignmentCount = 0;
        long trainNanos = 0;
        int b = 0;
        while (true) {
            long start = System.nanoTime();
            if (!batches.next(batch)) {
                break;
            }
            double loss = rule.step(batch);
            long step = optimizer.stepCount() + 1;
            if (divergence.diverges(loss)) {
                throw new TrainingDivergedException(step, epoch, loss, divergence.threshold());
            }
            FMatrixRMaj prediction = rule.prediction();
            for (Metric metric : trainMetrics) {
                metric.add(prediction, batch);
            }
            long pause = 0;
            if (measureAlignment && (step - 1) % run.alignmentEvery() == 0) {
                long t = System.nanoTime();
                rule.measureAlignment(cosines);
                for (int i = 0; i < cosines.length; i++) {
                    alignmentSums[i] += cosines[i];
                }
                alignmentCount++;
                pause = System.nanoTime() - t;
            }
            optimizer.step();
            trainNanos += System.nanoTime() - start - pause;
            int n = batches.items(batch);
            lossSum += loss * n;
            items += n;
            b++;
            listener.onBatch(epoch, b, perEpoch, loss);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", lossSum / items);
        for (Metric metric : trainMetrics) {
            values.put("train_" + metric.name(), metric.value());
        }
        for (int i = 0; i < evalFeeds.length; i++) {
            Evaluation set = run.evaluations().get(i);
            values.putAll(evaluate(set, evalFeeds[i]));
        }
        if (run.stopping() != null) {
            values.putAll(run.stopping().bestColumns(history, values, epoch));
        }
        List<Double> alignment = new ArrayList<>();
        if (alignmentCount > 0) {
            for (double s : alignmentSums) {
                alignment.add(s / alignmentCount);
            }
        }
        ProjectionCost cost = ProjectorStates.cost(run.projectors());
        double seconds = trainNanos * 1e-9;
        return new EpochMetrics(epoch, optimizer.stepCount(), values, alignment, batches.itemName(),
                items / seconds, seconds, cost.frames() - before.frames(),
                cost.deviceSeconds() - before.deviceSeconds(), cost.deviceJoules() - before.deviceJoules());
    }

    /**
     * Evaluates the model (inference mode) on a set: a full pass over its batches.
     *
     * @param set the set
     * @return {@code NAME_loss} and {@code NAME_METRIC} for each of its metrics, in order
     */
    public Map<String, Double> evaluate(Evaluation set) {
        int i = run.evaluations().indexOf(set);
        return evaluate(set, i >= 0 ? evalFeeds[i] : set.source().newFeed());
    }

    private Map<String, Double> evaluate(Evaluation set, Feed feed) {
        for (Metric metric : set.metrics()) {
            metric.reset();
        }
        BatchSource source = set.source();
        double lossSum = 0;
        long seen = 0;
        while (source.next(feed)) {
            FMatrixRMaj prediction = model.forward(feed, false);
            int n = source.items(feed);
            lossSum += rule.loss().value(prediction, feed) * n;
            for (Metric metric : set.metrics()) {
                metric.add(prediction, feed);
            }
            seen += n;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(set.name() + "_loss", lossSum / seen);
        for (Metric metric : set.metrics()) {
            values.put(set.name() + "_" + metric.name(), metric.value());
        }
        return values;
    }

    /**
     * @return a checkpoint of the run as it is now (between epochs), holding the states of its
     *     {@link Restorable} projectors ({@code ProjectorStates})
     */
    public Checkpoint checkpoint() {
        Map<String, float[]> params = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            params.put(p.name(), java.util.Arrays.copyOf(p.value().data, p.size()));
        }
        // Untrained state (running statistics) travels with the parameters, under its own unique names.
        for (Map.Entry<String, FMatrixRMaj> b : model.buffers().entrySet()) {
            params.put(b.getKey(), java.util.Arrays.copyOf(b.getValue().data, b.getValue().getNumElements()));
        }
        byte[] projectorState = ProjectorStates.save(run.projectors());
        Map<String, byte[]> streams = new LinkedHashMap<>();
        for (Map.Entry<String, RestorableUniformRandomProvider> s : model.randomStreams().entrySet()) {
            streams.put(s.getKey(), streamState(s.getValue()));
        }
        return new Checkpoint(run.configuration(), epochsDone, List.copyOf(history), params, optimizer.exportState(),
                batches.saveState(), projectorState, streams);
    }

    private static byte[] streamState(RestorableUniformRandomProvider stream) {
        return ((RandomProviderDefaultState) stream.saveState()).getState();
    }

    /**
     * Continues from a checkpoint written by a run of the same configuration: only the settings of
     * {@link TrainingRun#changeableOnResume()} may differ (the thread count; the number of epochs
     * when the learning-rate schedule does not depend on it). A run interrupted after an epoch and
     * restored with the same configuration continues exactly as if it had not stopped, and a
     * finished run restored with more epochs continues as a run started with the larger count
     * would have. A setting the checkpoint does not name (one added after it was written) is not
     * compared: a setting is added with a default that keeps the earlier behaviour.
     *
     * <p>A {@link Restorable} projector's state is restored as well, so the resumed run sees the
     * same drift, noise and calibrations, and so are the model's random streams, so it draws the
     * same dropout masks. When the configuration, a parameter, a stream's state or the projector's
     * state does not fit, the trainer is left unchanged.
     *
     * @param checkpoint the checkpoint
     * @throws IllegalArgumentException if it was written by a different configuration (naming the
     *     first setting that differs) or model, holds more epochs than this run has, lacks the state
     *     of one of the model's random streams, or its projector state does not fit this run's projector
     */
    public void restore(Checkpoint checkpoint) {
        Map<String, Object> theirs = checkpoint.configuration();
        for (Map.Entry<String, Object> e : run.configuration().entrySet()) {
            String key = e.getKey();
            if (run.changeableOnResume().contains(key) || !theirs.containsKey(key)) {
                continue;
            }
            // Compared as text: JSON does not keep the Java number types (a long seed may come back as an int).
            Object other = theirs.get(key);
            if (!String.valueOf(e.getValue()).equals(String.valueOf(other))) {
                throw new IllegalArgumentException("the checkpoint was written with " + key + " = " + other
                        + ", but this run has " + key + " = " + e.getValue() + "; resume with the same settings ("
                        + (run.changeableOnResume().isEmpty() ? "none may change"
                        : "only " + MessageText.inWords(run.changeableOnResume()) + " may change") + ")");
            }
        }
        if (checkpoint.epochsDone() > run.epochs()) {
            throw new IllegalArgumentException("the checkpoint holds " + checkpoint.epochsDone()
                    + " epochs, more than the " + run.epochs() + " of this run");
        }
        // Check every parameter before copying any, so a checkpoint that does not fit leaves the
        // model as it was instead of half overwritten.
        for (Parameter p : model.parameters()) {
            float[] values = checkpoint.parameters().get(p.name());
            if (values == null || values.length != p.size()) {
                throw new IllegalArgumentException("the checkpoint has no parameter '" + p.name() + "' of "
                        + p.size() + " values");
            }
        }
        for (Map.Entry<String, FMatrixRMaj> b : model.buffers().entrySet()) {
            float[] values = checkpoint.parameters().get(b.getKey());
            if (values == null || values.length != b.getValue().getNumElements()) {
                throw new IllegalArgumentException("the checkpoint has no buffer '" + b.getKey() + "' of "
                        + b.getValue().getNumElements() + " values");
            }
        }
        for (Map.Entry<String, RestorableUniformRandomProvider> s : model.randomStreams().entrySet()) {
            byte[] state = checkpoint.randomStreams().get(s.getKey());
            int size = streamState(s.getValue()).length;
            if (state == null || state.length != size) {
                throw new IllegalArgumentException("the checkpoint has no state of the random stream '" + s.getKey()
                        + "' of " + size + " bytes");
            }
        }
        // The projectors' states are checked whole before anything changes, so a state that does not
        // fit is refused here, before the rest of the trainer is touched.
        ProjectorStates.restore(run.projectors(), checkpoint.projectorState());
        optimizer.importState(checkpoint.optimizer());
        batches.restoreState(checkpoint.batches());
        // after the batcher's: a model may draw its masks from the batcher's generator (the same state then)
        for (Map.Entry<String, RestorableUniformRandomProvider> s : model.randomStreams().entrySet()) {
            s.getValue().restoreState(new RandomProviderDefaultState(checkpoint.randomStreams().get(s.getKey())));
        }
        for (Parameter p : model.parameters()) {
            float[] values = checkpoint.parameters().get(p.name());
            System.arraycopy(values, 0, p.value().data, 0, values.length);
        }
        for (Map.Entry<String, FMatrixRMaj> b : model.buffers().entrySet()) {
            float[] values = checkpoint.parameters().get(b.getKey());
            System.arraycopy(values, 0, b.getValue().data, 0, values.length);
        }
        history.clear();
        history.addAll(checkpoint.history());
        List<Map<String, Double>> recorded = new ArrayList<>(history.size());
        for (EpochMetrics m : history) {
            recorded.add(m.values());
        }
        for (Evaluation set : run.evaluations()) {
            for (Metric metric : set.metrics()) {
                metric.resume(recorded, set.name() + "_" + metric.name());
            }
        }
        epochsDone = checkpoint.epochsDone();
        optimizer.observeEpochs(watchedLosses());
    }

    /**
     * The loss a schedule that follows the run watches ({@link Optimizer#observeEpochs}), per epoch
     * done: the first evaluated set's ({@code validation_loss} for a task that evaluates a
     * validation set first), else the training loss.
     */
    private List<Double> watchedLosses() {
        String column = run.evaluations().isEmpty() ? "train_loss" : run.evaluations().get(0).name() + "_loss";
        List<Double> losses = new ArrayList<>(history.size());
        for (EpochMetrics m : history) {
            losses.add(m.value(column));
        }
        return losses;
    }

    /** Releases the run's resources (its compute threads). */
    @Override
    public void close() {
        if (run.resources() != null) {
            try {
                run.resources().close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release the run's resources: " + e.getMessage(), e);
            }
        }
    }
}
