package org.opudfa.dfa.task.graph;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Dropout;
import org.opudfa.dfa.nn.ELU;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.opu.kernel.Gemm;

/**
 * The graph models, two layers each as in the papers' code, with DFA's marks as the paper placed
 * them (DESIGN §7): one feedback point after the first layer's activation, the error at the
 * logits (node classifiers) or at the embeddings (autoencoder). Layer 1 reads the batch's sparse
 * features, with dropout on them (the input dropout); layer 2 gets dropout on the hidden
 * activations (after the feedback point, as in the paper's code for GAT; the paper's GCN has it
 * before, which differs only in the DFA signal reaching dropped units). Weights are
 * Glorot-uniform, biases zero. Parameters are named {@code layer1.projection.weight},
 * {@code layer1.propagation.bias}, … .
 */
public final class GraphModels {

    private GraphModels() {
    }

    /**
     * The sizes and regularisation of a node classifier.
     *
     * @param features         F, input features
     * @param classes          output classes
     * @param hidden           hidden width (GCN, Chebyshev)
     * @param chebyshevOrder   K (Chebyshev)
     * @param heads            attention heads of layer 1 (GAT)
     * @param headWidth        channels per head of layer 1 (GAT)
     * @param outputHeads      attention heads of layer 2, averaged (GAT)
     * @param inputDropout     dropout on the input features
     * @param dropout          dropout on the hidden activations
     * @param attentionDropout dropout on the attention coefficients (GAT)
     */
    public record Shape(int features, int classes, int hidden, int chebyshevOrder, int heads, int headWidth,
                        int outputHeads, double inputDropout, double dropout, double attentionDropout) {
    }

    /**
     * @param model   which classifier
     * @param shape   its sizes
     * @param init    the weight-initialisation stream
     * @param dropout the dropout stream
     * @param gemm    the run's matrix product
     * @return the model, whose output (and error point) is the logits, nodes × classes
     */
    public static Graph classifier(GraphModel model, Shape shape, UniformRandomProvider init,
                                   UniformRandomProvider dropout, Gemm gemm) {
        return switch (model) {
            case GCN -> gcn(shape.features(), shape.hidden(), shape.classes(), shape.inputDropout(), shape.dropout(),
                    init, dropout, gemm);
            case CHEB -> chebyshev(shape.features(), shape.hidden(), shape.chebyshevOrder(), shape.classes(),
                    shape.inputDropout(), shape.dropout(), init, dropout, gemm);
            case GAT -> gat(shape, init, dropout, gemm);
        };
    }

    /**
     * GCN: {@code Â·drop(ReLU(Â·drop(X)·W₁ᵀ + b₁))·W₂ᵀ + b₂}; feedback after the ReLU.
     *
     * @param features F
     * @param hidden   hidden width (16 in the paper)
     * @param classes  classes
     * @param pInput   dropout probability on the features
     * @param p        dropout probability on the hidden activations
     * @param init     the weight-initialisation stream
     * @param dropout  the dropout stream
     * @param gemm     the matrix product
     * @return the model
     */
    public static Graph gcn(int features, int hidden, int classes, double pInput, double p,
                            UniformRandomProvider init, UniformRandomProvider dropout, Gemm gemm) {
        Graph.Builder g = Graph.builder();
        Tensor h = g.apply(Projection.ofFeatures("layer1.projection", GraphKeys.FEATURES, features, hidden, pInput,
                dropout,
                Projection.glorotBound(features, hidden), init, gemm));
        h = g.apply(new Propagation("layer1.propagation", GraphKeys.PROPAGATION, hidden, gemm), h);
        h = g.feedback(g.apply(new ReLU("layer1.relu"), h));
        h = dropout(g, h, p, dropout);
        h = g.apply(Projection.ofTensor("layer2.projection", hidden, classes, Projection.glorotBound(hidden, classes),
                init, gemm), h);
        return g.build(g.apply(new Propagation("layer2.propagation", GraphKeys.PROPAGATION, classes, gemm), h));
    }

    /**
     * Chebyshev network: two Chebyshev convolutions of order K, ReLU between; feedback after the
     * ReLU.
     *
     * @param features F
     * @param hidden   hidden width (16 in the paper)
     * @param order    K (2 in the paper's experiments: {@code X·W₀ᵀ + L̃·X·W₁ᵀ})
     * @param classes  classes
     * @param pInput   dropout probability on the features
     * @param p        dropout probability on the hidden activations
     * @param init     the weight-initialisation stream
     * @param dropout  the dropout stream
     * @param gemm     the matrix product
     * @return the model
     */
    public static Graph chebyshev(int features, int hidden, int order, int classes, double pInput, double p,
                                  UniformRandomProvider init, UniformRandomProvider dropout, Gemm gemm) {
        Graph.Builder g = Graph.builder();
        Tensor h = g.apply(Projection.ofFeatures("layer1.projection", GraphKeys.FEATURES, features, order * hidden,
                pInput, dropout, Projection.glorotBound(features, hidden), init, gemm));
        h = g.apply(new ChebyshevPropagation("layer1.chebyshev", GraphKeys.LAPLACIAN, order, hidden, gemm), h);
        h = g.feedback(g.apply(new ReLU("layer1.relu"), h));
        h = dropout(g, h, p, dropout);
        h = g.apply(Projection.ofTensor("layer2.projection", hidden, order * classes,
                Projection.glorotBound(hidden, classes), init, gemm), h);
        return g.build(g.apply(new ChebyshevPropagation("layer2.chebyshev", GraphKeys.LAPLACIAN, order, classes, gemm),
                h));
    }

    /**
     * GAT: H heads of C channels, concatenated, ELU; then the output layer's heads, averaged;
     * feedback after the ELU.
     *
     * @param shape   the sizes (features, classes, heads, head width, output heads, dropouts)
     * @param init    the weight-initialisation stream
     * @param dropout the dropout stream
     * @param gemm    the matrix product
     * @return the model
     */
    public static Graph gat(Shape shape, UniformRandomProvider init, UniformRandomProvider dropout, Gemm gemm) {
        int width = shape.heads() * shape.headWidth();
        double p = shape.dropout();
        Graph.Builder g = Graph.builder();
        Tensor h = g.apply(Projection.ofFeatures("layer1.projection", GraphKeys.FEATURES, shape.features(), width,
                shape.inputDropout(), dropout, Projection.glorotBound(shape.features(), width), init, gemm));
        h = g.apply(new GraphAttention("layer1.attention", GraphKeys.NEIGHBOURHOODS, shape.heads(), shape.headWidth(),
                true, shape.attentionDropout(), dropout, init), h);
        h = g.feedback(g.apply(new ELU("layer1.elu"), h));
        h = dropout(g, h, p, dropout);
        int outWidth = shape.outputHeads() * shape.classes();
        h = g.apply(Projection.ofTensor("layer2.projection", width, outWidth, Projection.glorotBound(width, outWidth),
                init, gemm), h);
        return g.build(g.apply(new GraphAttention("layer2.attention", GraphKeys.NEIGHBOURHOODS, shape.outputHeads(),
                shape.classes(), false, shape.attentionDropout(), dropout, init), h));
    }

    /**
     * The graph autoencoder (Kipf and Welling 2016): a two-layer GCN encoder
     * {@code Z = Â·ReLU(Â·drop(X)·W₁ᵀ + b₁)·W₂ᵀ + b₂} and the inner-product decoder scoring the
     * batch's node pairs; feedback after the ReLU, the error at Z.
     *
     * @param features  F
     * @param hidden    the encoder's hidden width (32 in the paper)
     * @param embedding the embedding width (16)
     * @param pInput    dropout probability on the features
     * @param p         dropout probability on the hidden activations
     * @param init      the weight-initialisation stream
     * @param dropout   the dropout stream
     * @param gemm      the matrix product
     * @return the model, whose output is one logit per pair and whose error point is Z
     */
    public static Graph autoencoder(int features, int hidden, int embedding, double pInput, double p,
                                    UniformRandomProvider init, UniformRandomProvider dropout, Gemm gemm) {
        Graph.Builder g = Graph.builder();
        Tensor h = g.apply(Projection.ofFeatures("layer1.projection", GraphKeys.FEATURES, features, hidden, pInput,
                dropout,
                Projection.glorotBound(features, hidden), init, gemm));
        h = g.apply(new Propagation("layer1.propagation", GraphKeys.PROPAGATION, hidden, gemm), h);
        h = g.feedback(g.apply(new ReLU("layer1.relu"), h));
        h = dropout(g, h, p, dropout);
        h = g.apply(Projection.ofTensor("layer2.projection", hidden, embedding,
                Projection.glorotBound(hidden, embedding), init, gemm), h);
        Tensor z = g.error(g.apply(new Propagation("layer2.propagation", GraphKeys.PROPAGATION, embedding, gemm), h));
        return g.build(g.apply(new InnerProductDecoder("decoder", GraphKeys.PAIRS), z));
    }

    private static Tensor dropout(Graph.Builder g, Tensor h, double p, UniformRandomProvider rng) {
        if (p == 0) {
            return h;
        }
        Module d = new Dropout("layer2.dropout", p, rng);
        return g.apply(d, h);
    }
}
