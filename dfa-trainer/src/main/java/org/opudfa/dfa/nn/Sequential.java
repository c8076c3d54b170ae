package org.opudfa.dfa.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;

/**
 * A block of layers applied in order, {@code y = f_n(… f_2(f_1(x)))}, with ordinary backprop
 * inside: backward runs the layers' backward passes in reverse order. Under Direct Feedback
 * Alignment a block is the unit that receives one feedback signal.
 */
public final class Sequential implements Layer {

    private final Layer[] layers;
    private final List<Layer> layerList;
    private final List<Parameter> parameters;

    /**
     * @param layers the layers, in forward order; at least one
     * @throws IllegalArgumentException if {@code layers} is empty
     */
    public Sequential(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a sequential block needs at least 1 layer, got 0");
        }
        this.layers = layers.toArray(new Layer[0]);
        for (Layer l : this.layers) {
            Objects.requireNonNull(l, "layer");
        }
        this.layerList = List.of(this.layers);
        List<Parameter> ps = new ArrayList<>();
        for (Layer l : this.layers) {
            ps.addAll(l.parameters());
        }
        this.parameters = List.copyOf(ps);
    }

    /**
     * @param layers the layers, in forward order; at least one
     * @return a block of these layers
     * @throws IllegalArgumentException if no layer is given
     */
    public static Sequential of(Layer... layers) {
        return new Sequential(List.of(layers));
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj input, boolean training) {
        FMatrixRMaj h = input;
        for (Layer layer : layers) {
            h = layer.forward(h, training);
        }
        return h;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj gradOutput) {
        FMatrixRMaj g = gradOutput;
        for (int i = layers.length - 1; i >= 0; i--) {
            g = layers[i].backward(g);
        }
        return g;
    }

    @Override
    public void backwardToParameters(FMatrixRMaj gradOutput) {
        FMatrixRMaj g = gradOutput;
        for (int i = layers.length - 1; i >= 1; i--) {
            g = layers[i].backward(g);
        }
        layers[0].backwardToParameters(g);
    }

    @Override
    public int outputWidth(int inputWidth) {
        int w = inputWidth;
        for (Layer layer : layers) {
            w = layer.outputWidth(w);
        }
        return w;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** @return the layers, in forward order */
    @Override
    public List<Layer> children() {
        return layerList;
    }

    @Override
    public String toString() {
        return "Sequential" + layerList;
    }
}
