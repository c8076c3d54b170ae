package org.opudfa.dfa.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.nn.Layer;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * A feed-forward network {@code ŷ = head(f_L(… f_1(x)))} with hidden blocks {@code f_1 … f_L}
 * (each a {@link Layer}, typically a {@link org.opudfa.dfa.nn.Sequential} such as Dense + Tanh),
 * an output head (e.g. a dense layer to the classes) and a {@link Loss}.
 *
 * <p>A feedback point sits after each hidden block; its width {@code d_l} is the block's output
 * width, known (by shape inference) when the network is built. The network keeps the block
 * outputs of the last forward pass.
 */
public final class Network {

    private final int inputWidth;
    private final Layer[] blocks;
    private final List<Layer> blockList;
    private final int[] blockWidths;
    private final Layer head;
    private final int outputWidth;
    private final Loss loss;
    private final FMatrixRMaj[] blockOutputs;
    private final List<Parameter> parameters;
    private final List<Parameter> hiddenParameters;
    private final Parameter[] parameterArray;
    private long forwardPasses;

    /**
     * @param inputWidth the number of input columns, at least 1
     * @param blocks     the hidden blocks f_1 … f_L, in forward order; may be empty
     * @param head       the output layer
     * @param loss       the loss on the head's output
     * @throws IllegalArgumentException if the layers do not fit together (a layer rejects the width
     *     of its input), or if two parameters share a name
     */
    public Network(int inputWidth, List<? extends Layer> blocks, Layer head, Loss loss) {
        this.inputWidth = MatrixChecks.requirePositive("network input width", inputWidth);
        this.blocks = blocks.toArray(new Layer[0]);
        this.head = Objects.requireNonNull(head, "head");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.blockWidths = new int[this.blocks.length];
        int w = inputWidth;
        for (int l = 0; l < this.blocks.length; l++) {
            Objects.requireNonNull(this.blocks[l], "block");
            w = this.blocks[l].outputWidth(w);
            blockWidths[l] = w;
        }
        this.outputWidth = head.outputWidth(w);
        this.blockList = List.of(this.blocks);
        this.blockOutputs = new FMatrixRMaj[this.blocks.length];

        List<Parameter> hidden = new ArrayList<>();
        for (Layer b : this.blocks) {
            hidden.addAll(b.parameters());
        }
        List<Parameter> all = new ArrayList<>(hidden);
        all.addAll(head.parameters());
        Set<String> names = new HashSet<>();
        for (Parameter p : all) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("parameter names must be unique within a network, but '"
                        + p.name() + "' appears more than once");
            }
        }
        this.hiddenParameters = List.copyOf(hidden);
        this.parameters = List.copyOf(all);
        this.parameterArray = all.toArray(new Parameter[0]);
    }

    /** @return the number of input columns */
    public int inputWidth() {
        return inputWidth;
    }

    /** @return k, the number of outputs of the head */
    public int outputWidth() {
        return outputWidth;
    }

    /** @return L, the number of hidden blocks (and of feedback points) */
    public int blockCount() {
        return blocks.length;
    }

    /** @return the hidden blocks, in forward order */
    public List<Layer> blocks() {
        return blockList;
    }

    /**
     * @param l block index, from 0
     * @return {@code d_l}, the output width of block l: the width of feedback point l
     */
    public int blockWidth(int l) {
        return blockWidths[l];
    }

    /** @return the output layer */
    public Layer head() {
        return head;
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return every trainable parameter: the hidden blocks' in order, then the head's */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** @return the parameters of the hidden blocks, in order */
    public List<Parameter> hiddenParameters() {
        return hiddenParameters;
    }

    /** @return the parameters of the output head */
    public List<Parameter> headParameters() {
        return head.parameters();
    }

    /** Sets the gradient of every parameter to zero. */
    public void zeroGrad() {
        for (Parameter p : parameterArray) {
            p.zeroGrad();
        }
    }

    /**
     * Runs every block, then the head.
     *
     * @param input    batch × inputWidth
     * @param training whether this is a training pass
     * @return ŷ, batch × k, owned by the head
     * @throws IllegalArgumentException if {@code input} does not have {@link #inputWidth()} columns
     */
    public FMatrixRMaj forward(FMatrixRMaj input, boolean training) {
        MatrixChecks.requireCols("network input", input, inputWidth);
        forwardPasses++;
        FMatrixRMaj h = input;
        for (int l = 0; l < blocks.length; l++) {
            h = blocks[l].forward(h, training);
            blockOutputs[l] = h;
        }
        return head.forward(h, training);
    }

    /**
     * @return how many forward passes this network has run; lets a caller check that the state
     *     saved by a forward pass is still the one it expects
     */
    public long forwardPasses() {
        return forwardPasses;
    }

    /**
     * @param l block index, from 0
     * @return {@code h_l}, the output of block l in the last forward pass (owned by the block)
     * @throws IllegalStateException before the first forward pass
     */
    public FMatrixRMaj blockOutput(int l) {
        if (blockOutputs[l] == null) {
            throw new IllegalStateException("block " + l + " has no output before the first forward pass");
        }
        return blockOutputs[l];
    }

    /**
     * Ordinary backpropagation of {@code gradOutput} through the head and every block, for the
     * last forward pass, adding every parameter's gradient. Gradients are not zeroed first.
     *
     * @param gradOutput ∂L/∂ŷ, batch × k
     */
    public void backpropagate(FMatrixRMaj gradOutput) {
        if (blocks.length == 0) {
            head.backwardToParameters(gradOutput);
            return;
        }
        FMatrixRMaj g = head.backward(gradOutput);
        for (int l = blocks.length - 1; l >= 1; l--) {
            g = blocks[l].backward(g);
        }
        blocks[0].backwardToParameters(g);
    }
}
