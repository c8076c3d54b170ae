package org.opudfa.dfa.task.graph;

import java.util.Objects;

import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Full-batch training and evaluation on one graph: every epoch is one batch holding the whole
 * graph (its features and operators, {@link GraphInputs}) and one class id per node, with
 * {@link Labels#IGNORE} on the nodes outside the set this source serves (the unlabelled nodes for
 * training; all but the validation or test nodes for evaluation). The loss and metrics thus count
 * the set's nodes only, while the layers propagate over every node.
 */
public final class WholeGraph implements BatchSource {

    private final GraphInputs inputs;
    private final Labels labels;
    private long epoch;
    private boolean served;

    /**
     * @param inputs the graph's inputs
     * @param labels one class id per node, {@link Labels#IGNORE} outside the set; held
     * @throws IllegalArgumentException if there is not one label per node
     */
    public WholeGraph(GraphInputs inputs, Labels labels) {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (labels.size() != inputs.graph().nodeCount()) {
            throw new IllegalArgumentException("a graph of " + inputs.graph().nodeCount() + " nodes needs as many "
                    + "labels, got " + labels.size());
        }
    }

    @Override
    public Feed newFeed() {
        return inputs.putInto(new Feed()).put(GraphKeys.LABELS, labels);
    }

    /** Serves the whole graph once per epoch (the feed already holds it). */
    @Override
    public boolean next(Feed feed) {
        if (served) {
            served = false;
            epoch++;
            return false;
        }
        served = true;
        return true;
    }

    @Override
    public int batchesPerEpoch() {
        return 1;
    }

    /** @return the number of nodes, all of which every step computes */
    @Override
    public int items(Feed feed) {
        return inputs.graph().nodeCount();
    }

    @Override
    public String itemName() {
        return "nodes";
    }

    @Override
    public MiniBatches.State saveState() {
        return new MiniBatches.State(epoch, served ? 1 : 0, new byte[0]);
    }

    @Override
    public void restoreState(MiniBatches.State state) {
        if (state.position() > 1 || state.rngState().length != 0) {
            throw new IllegalArgumentException("a whole-graph source has one batch per epoch and no generator, but "
                    + "the state is at position " + state.position() + " with " + state.rngState().length
                    + " generator bytes");
        }
        epoch = state.epoch();
        served = state.position() == 1;
    }
}
