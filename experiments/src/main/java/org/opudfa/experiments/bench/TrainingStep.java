package org.opudfa.experiments.bench;

import java.util.Objects;

import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingRun;

/**
 * One training step of a {@link TrainingRun} (as a task builds it), as a job for
 * {@link BenchTimer}: fetch the next batch, compute the rule's gradients
 * ({@link TrainingRule#step}) and apply one optimizer update. This is the loop body of
 * {@link Trainer} without its bookkeeping (metrics, alignment, evaluation), so its time per step is
 * the training cost of the method. A step allocates nothing beyond what the rule and optimizer
 * allocate; a new epoch starts when the batches run out.
 */
public final class TrainingStep implements Runnable, AutoCloseable {

    private final TrainingRun run;
    private final TrainingRule rule;
    private final Optimizer optimizer;
    private final BatchSource batches;
    private final Feed batch;
    private double lastLoss = Double.NaN;
    private long items;

    /**
     * @param run the run whose steps to time; its resources are closed with this step
     */
    public TrainingStep(TrainingRun run) {
        this.run = Objects.requireNonNull(run, "run");
        this.rule = run.rule();
        this.optimizer = run.optimizer();
        this.batches = run.train();
        this.batch = batches.newFeed();
    }

    /** Runs one step: next batch, gradients, one optimizer update. */
    @Override
    public void run() {
        if (!batches.next(batch)) {
            batches.next(batch);
        }
        lastLoss = rule.step(batch);
        optimizer.step();
        items += batches.items(batch);
    }

    /** @return the rule's short name, e.g. {@code "dfa"} */
    public String ruleName() {
        return rule.name();
    }

    /** @return the items (samples, tokens, …) trained on so far */
    public long items() {
        return items;
    }

    /** @return what an item is, e.g. {@code "samples"} */
    public String itemName() {
        return batches.itemName();
    }

    /** @return optimizer steps taken so far */
    public long steps() {
        return optimizer.stepCount();
    }

    /** @return the mean batch loss of the last step, NaN before the first */
    public double lastLoss() {
        return lastLoss;
    }

    /** Stops the run's worker threads. */
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
