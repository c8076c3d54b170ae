package org.opudfa.dfa.train;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Layer;
import org.opudfa.dfa.nn.Sequential;
import org.opudfa.opu.kernel.Gemm;

/**
 * Builds multi-layer perceptrons for classification: hidden blocks {@code Dense → activation}
 * (one feedback point after each), a dense output head and softmax cross-entropy.
 */
public final class Mlp {

    private Mlp() {
    }

    /**
     * @param inputWidth  features per sample
     * @param hidden      widths of the hidden layers, in order; may be empty
     * @param activation  the activation after each hidden dense layer
     * @param classes     number of classes (outputs of the head)
     * @param rng         the weight-initialisation stream
     * @param gemm        the matrix product the layers use
     * @return the network; parameters are named {@code block<l>.dense.weight}, …,
     *     {@code head.weight}, {@code head.bias}
     * @throws IllegalArgumentException on a non-positive width
     */
    public static Network classifier(int inputWidth, int[] hidden, Activation activation, int classes,
                                     UniformRandomProvider rng, Gemm gemm) {
        List<Layer> blocks = new ArrayList<>();
        int width = inputWidth;
        for (int l = 0; l < hidden.length; l++) {
            if (hidden[l] < 1) {
                throw new IllegalArgumentException("hidden layer " + (l + 1) + " must have at least 1 unit, got "
                        + hidden[l]);
            }
            blocks.add(Sequential.of(new Dense("block" + l + ".dense", width, hidden[l], rng, gemm),
                    activation.newLayer()));
            width = hidden[l];
        }
        Dense head = new Dense("head", width, classes, rng, gemm);
        return new Network(inputWidth, blocks, head, new SoftmaxCrossEntropy());
    }
}
