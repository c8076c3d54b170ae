package org.opudfa.dfa.rule;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.nn.LinearMap;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;

/**
 * Feedback alignment (Lillicrap et al. 2016): backpropagation in which every {@link LinearMap}
 * module (dense layers, attention projections) sends the gradient to its input through a fixed
 * random matrix {@code B} of the shape of its weights instead of through the weights
 * ({@code ∂x = G·B} instead of {@code G·W}); weight gradients are computed as usual from the
 * signal that arrives. Other modules backpropagate exactly.
 *
 * <p>Linear maps are found among the model's modules and their children, depth first, in order of
 * first application. Each gets {@code B_ij ~ U[−1/√in, 1/√in)} (the scale of the default weight
 * initialisation), drawn row by row, map after map, from the provider passed in (give it its own
 * named stream). The lowest map's matrix is drawn but never used: nothing flows below the input.
 *
 * <p>The matrices are installed for the duration of each step only, so other rules on the same
 * model (and the alignment measurement) backpropagate through W.
 */
public final class FeedbackAlignment extends AbstractTrainingRule {

    private final LinearMap[] maps;
    private final FMatrixRMaj[] feedback;

    /**
     * @param model the model to train; must contain at least one linear map
     * @param loss  the loss on its output
     * @param rng   the stream the feedback matrices are drawn from
     * @throws IllegalArgumentException if the model contains no linear map
     */
    public FeedbackAlignment(Graph model, Loss loss, UniformRandomProvider rng) {
        super(model, loss);
        Objects.requireNonNull(rng, "rng");
        List<LinearMap> found = new ArrayList<>();
        Map<Module, Boolean> seen = new IdentityHashMap<>();
        for (Module m : model.modules()) {
            collect(m, found, seen);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("feedback alignment needs at least 1 linear map (e.g. a dense layer) in "
                    + "the model, got 0");
        }
        this.maps = found.toArray(new LinearMap[0]);
        this.feedback = new FMatrixRMaj[maps.length];
        for (int i = 0; i < maps.length; i++) {
            FMatrixRMaj w = maps[i].weight().value();
            FMatrixRMaj b = new FMatrixRMaj(w.numRows, w.numCols);
            double bound = 1.0 / Math.sqrt(w.numCols);
            for (int j = 0; j < b.data.length; j++) {
                b.data[j] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
            }
            feedback[i] = b;
        }
    }

    private static void collect(Module module, List<LinearMap> out, Map<Module, Boolean> seen) {
        if (seen.put(module, Boolean.TRUE) != null) {
            return;
        }
        if (module instanceof LinearMap map) {
            out.add(map);
        }
        for (Module child : module.children()) {
            collect(child, out, seen);
        }
    }

    @Override
    protected void computeGradients(FMatrixRMaj outputGradient) {
        for (int i = 0; i < maps.length; i++) {
            maps[i].setFeedbackMatrix(feedback[i]);
        }
        try {
            model().backward(outputGradient, false, null);
        } finally {
            for (LinearMap m : maps) {
                m.setFeedbackMatrix(null);
            }
        }
    }

    /** @return the linear maps this rule gives feedback matrices to, in order */
    public List<LinearMap> linearMaps() {
        return List.of(maps);
    }

    /**
     * @param i index into {@link #linearMaps()}
     * @return a copy of that map's feedback matrix B, out × in
     */
    public FMatrixRMaj feedbackMatrix(int i) {
        return feedback[i].copy();
    }

    /** @return true */
    @Override
    public boolean approximatesBackpropagation() {
        return true;
    }

    /** @return every parameter of the model */
    @Override
    public List<Parameter> trainedParameters() {
        return model().parameters();
    }

    /** @return {@code "fa"} */
    @Override
    public String name() {
        return "fa";
    }
}
