package org.opudfa.dfa.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Layer;
import org.opudfa.dfa.nn.Parameter;

/**
 * Feedback alignment (Lillicrap et al. 2016): backpropagation in which every {@link Dense} layer
 * sends the gradient to its input through a fixed random matrix {@code B} of the shape of its
 * weights instead of through the weights ({@code ∂x = G·B} instead of {@code G·W}); weight and
 * bias gradients are computed as usual from the signal that arrives. Other layers (activations,
 * layer norms, ...) backpropagate exactly.
 *
 * <p>Dense layers are found in the hidden blocks and the head, depth first through
 * {@link Layer#children()}, in forward order. Each gets
 * {@code B_ij ~ U[−1/√in, 1/√in)} (the scale of the default weight initialisation), drawn row by
 * row, layer after layer, from the provider passed in (give it its own named stream). The
 * lowest dense layer's matrix is drawn but never used: nothing flows below the input.
 *
 * <p>The matrices are installed on the layers for the duration of each step only, so other rules
 * on the same network (and the alignment measurement) backpropagate through W.
 */
public final class FeedbackAlignment extends AbstractTrainingRule {

    private final Dense[] denseLayers;
    private final FMatrixRMaj[] feedback;

    /**
     * @param network the network to train; must contain at least one dense layer
     * @param rng     the stream the feedback matrices are drawn from
     * @throws IllegalArgumentException if the network contains no dense layer
     */
    public FeedbackAlignment(Network network, UniformRandomProvider rng) {
        super(network);
        Objects.requireNonNull(rng, "rng");
        List<Dense> found = new ArrayList<>();
        for (Layer b : network.blocks()) {
            collect(b, found);
        }
        collect(network.head(), found);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("feedback alignment needs at least 1 dense layer in the network, got 0");
        }
        this.denseLayers = found.toArray(new Dense[0]);
        this.feedback = new FMatrixRMaj[denseLayers.length];
        for (int i = 0; i < denseLayers.length; i++) {
            Dense d = denseLayers[i];
            FMatrixRMaj b = new FMatrixRMaj(d.outputWidth(), d.inputWidth());
            double bound = 1.0 / Math.sqrt(d.inputWidth());
            for (int j = 0; j < b.data.length; j++) {
                b.data[j] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
            }
            feedback[i] = b;
        }
    }

    private static void collect(Layer layer, List<Dense> out) {
        if (layer instanceof Dense) {
            out.add((Dense) layer);
        }
        for (Layer child : layer.children()) {
            collect(child, out);
        }
    }

    @Override
    protected void computeGradients(FMatrixRMaj error) {
        for (int i = 0; i < denseLayers.length; i++) {
            denseLayers[i].setFeedbackMatrix(feedback[i]);
        }
        try {
            network().backpropagate(error);
        } finally {
            for (Dense d : denseLayers) {
                d.setFeedbackMatrix(null);
            }
        }
    }

    /** @return the dense layers this rule gives feedback matrices to, in forward order */
    public List<Dense> denseLayers() {
        return List.of(denseLayers);
    }

    /**
     * @param i index into {@link #denseLayers()}
     * @return a copy of that layer's feedback matrix B, out × in
     */
    public FMatrixRMaj feedbackMatrix(int i) {
        return feedback[i].copy();
    }

    /** @return every parameter of the network */
    @Override
    public List<Parameter> trainedParameters() {
        return network().parameters();
    }

    /** @return {@code "fa"} */
    @Override
    public String name() {
        return "fa";
    }
}
