package org.opudfa.dfa.task.graph;

import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.nn.Feed;

/**
 * Full-batch link prediction: every epoch is one batch holding the whole (training) graph's
 * inputs and the node pairs to score with their 0/1 labels. For training, the pairs are the
 * training edges (label 1) and as many non-edges (label 0) drawn afresh each epoch, uniformly
 * among the pairs of distinct nodes that no training edge joins, without repeats within the
 * epoch (as PyTorch Geometric's graph autoencoder example does); for evaluation they are fixed.
 *
 * <p>The training source's checkpoint state holds the generator's state from just before the
 * current epoch's draw, so a resumed run draws the same non-edges.
 */
public final class LinkBatches implements BatchSource {

    private final GraphInputs inputs;
    private final NodePairs pairs;
    private final FMatrixRMaj labels;
    private final int positives;
    private final PairSet known;
    private final PairSet drawn;
    private final RestorableUniformRandomProvider rng;
    private long epoch;
    private boolean served;
    private byte[] epochStart = new byte[0];

    private LinkBatches(GraphInputs inputs, NodePairs pairs, FMatrixRMaj labels, int positives,
                        RestorableUniformRandomProvider rng) {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.pairs = pairs;
        this.labels = labels;
        this.positives = positives;
        this.rng = rng;
        pairs.requireWithin(inputs.graph().nodeCount());
        if (rng != null) {
            CitationGraph g = inputs.graph();
            known = new PairSet(g.edgeCount());
            for (int e = 0; e < g.edgeCount(); e++) {
                known.add(g.edgeSource()[e], g.edgeTarget()[e]);
            }
            drawn = new PairSet(g.edgeCount() * 2);
            long free = (long) g.nodeCount() * (g.nodeCount() - 1) / 2 - g.edgeCount();
            if (free < positives) {
                throw new IllegalArgumentException("the training graph has " + free + " unlinked pairs, fewer than "
                        + "the " + positives + " non-edges each epoch draws");
            }
        } else {
            known = null;
            drawn = null;
        }
    }

    /**
     * @param inputs the training graph's inputs; its edges are the positives
     * @param rng    the stream non-edges are drawn from (normally its own named stream); held
     * @return the training source
     */
    public static LinkBatches training(GraphInputs inputs, RestorableUniformRandomProvider rng) {
        CitationGraph g = inputs.graph();
        int m = g.edgeCount();
        NodePairs pairs = new NodePairs(2 * m);
        pairs.resize(2 * m);
        FMatrixRMaj labels = new FMatrixRMaj(2 * m, 1);
        for (int e = 0; e < m; e++) {
            pairs.first()[e] = g.edgeSource()[e];
            pairs.second()[e] = g.edgeTarget()[e];
            labels.data[e] = 1f;
        }
        return new LinkBatches(inputs, pairs, labels, m, Objects.requireNonNull(rng, "rng"));
    }

    /**
     * @param inputs the graph's inputs (the training graph's, for held-out pairs)
     * @param pairs  the pairs to score; held
     * @param labels 1 for an edge, 0 for a non-edge, one row per pair; held
     * @return a source serving them every epoch
     * @throws IllegalArgumentException if the labels do not match the pairs
     */
    public static LinkBatches fixed(GraphInputs inputs, NodePairs pairs, FMatrixRMaj labels) {
        if (labels.numRows != pairs.size() || labels.numCols != 1) {
            throw new IllegalArgumentException(pairs.size() + " pairs need " + pairs.size() + "×1 labels, got "
                    + labels.numRows + "×" + labels.numCols);
        }
        return new LinkBatches(inputs, pairs, labels, pairs.size(), null);
    }

    @Override
    public Feed newFeed() {
        return inputs.putInto(new Feed()).put(GraphKeys.PAIRS, pairs).put(GraphKeys.PAIR_LABELS, labels);
    }

    @Override
    public boolean next(Feed feed) {
        if (served) {
            served = false;
            epoch++;
            return false;
        }
        if (rng != null) {
            epochStart = ((RandomProviderDefaultState) rng.saveState()).getState();
            drawNegatives();
        }
        served = true;
        return true;
    }

    private void drawNegatives() {
        drawn.clear();
        int n = inputs.graph().nodeCount();
        int k = positives;
        while (k < 2 * positives) {
            int u = rng.nextInt(n);
            int v = rng.nextInt(n);
            if (u == v) {
                continue;
            }
            int a = Math.min(u, v);
            int b = Math.max(u, v);
            if (!known.contains(a, b) && drawn.add(a, b)) {
                pairs.first()[k] = a;
                pairs.second()[k] = b;
                k++;
            }
        }
    }

    @Override
    public int batchesPerEpoch() {
        return 1;
    }

    /** @return the number of nodes, all of which every step encodes */
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
        if (rng == null) {
            return new MiniBatches.State(epoch, served ? 1 : 0, new byte[0]);
        }
        byte[] state = served ? epochStart : ((RandomProviderDefaultState) rng.saveState()).getState();
        return new MiniBatches.State(epoch, served ? 1 : 0, state);
    }

    @Override
    public void restoreState(MiniBatches.State state) {
        if (state.position() > 1 || (rng == null) != (state.rngState().length == 0)) {
            throw new IllegalArgumentException("a link-prediction source has one batch per epoch"
                    + (rng == null ? " and no generator" : " and a generator") + ", but the state is at position "
                    + state.position() + " with " + state.rngState().length + " generator bytes");
        }
        epoch = state.epoch();
        served = false;
        if (rng != null) {
            rng.restoreState(new RandomProviderDefaultState(state.rngState()));
            if (state.position() == 1) {
                // the epoch's batch was served: draw it again, so the generator is where it was
                epochStart = state.rngState();
                drawNegatives();
                served = true;
            }
        } else {
            served = state.position() == 1;
        }
    }
}
