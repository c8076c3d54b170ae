package org.opudfa.dfa.task.graph;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Dropout;
import org.opudfa.dfa.nn.ELU;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.dfa.nn.WeightInit;
import org.opudfa.opu.kernel.Gemm;

/**
 * The graph models, two layers each as in the papers' code, with DFA's marks as the paper placed
 * them (DESIGN §7): one feedback point after the first layer's activation, the error at the
 * logits (node classifiers) or at the embeddings (autoencoder); or, for GCN, ChebConv and the
 * autoencoder, the feedback point after the second layer's parameter-free aggregation
 * ({@link FeedbackPlacement}). Layer 1 reads the batch's sparse
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
     * @param feedback         where the feedback point goes
     */
    public record Shape(int features, int classes, int hidden, int chebyshevOrder, int heads, int headWidth,
                        int outputHeads, double inputDropout, double dropout, double attentionDropout,
                        FeedbackPlacement feedback) {
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
                                   RestorableUniformRandomProvider dropout, Gemm gemm) {
        return switch (model) {
            case GCN -> shape.feedback() == FeedbackPlacement.ACTIVATION
                    ? gcn(shape.features(), shape.hidden(), shape.classes(), shape.inputDropout(), shape.dropout(), init,
                            dropout, gemm)
                    : gcnFeedbackAfterAggregation(shape.features(), shape.hidden(), shape.classes(),
                            shape.inputDropout(), shape.dropout(), init, dropout, gemm);
            case CHEB -> shape.feedback() == FeedbackPlacement.ACTIVATION
                    ? chebyshev(shape.features(), shape.hidden(), shape.chebyshevOrder(), shape.classes(),
                            shape.inputDropout(), shape.dropout(), init, dropout, gemm)
                    : chebyshevFeedbackAfterAggregation(shape.features(), shape.hidden(), shape.chebyshevOrder(),
                            shape.classes(), shape.inputDropout(), shape.dropout(), init, dropout, gemm);
            case GAT -> {
                if (shape.feedback() != FeedbackPlacement.ACTIVATION) {
                    throw new IllegalArgumentException("gat's aggregation has weights (the attention): its feedback "
                            + "point can only go after the first layer's activation; use --feedback-at activation");
                }
                yield gat(shape, init, dropout, gemm);
            }
        };
    }

    /**
     * GCN with the feedback point after the second layer's aggregation:
     * {@code logits = (Â·drop(ReLU(Â·drop(X)·W₁ᵀ + b₁)))·W₂ᵀ + b₂}, the same function as
     * {@link #gcn}, with layer 2 as a propagation without bias, the feedback point, and a dense
     * layer ({@code layer2.dense}).
     *
     * @param features F
     * @param hidden   hidden width
     * @param classes  classes
     * @param pInput   dropout probability on the features
     * @param p        dropout probability on the hidden activations
     * @param init     the weight-initialisation stream
     * @param dropout  the dropout stream
     * @param gemm     the matrix product
     * @return the model
     */
    public static Graph gcnFeedbackAfterAggregation(int features, int hidden, int classes, double pInput, double p,
                                                    UniformRandomProvider init, RestorableUniformRandomProvider dropout,
                                                    Gemm gemm) {
        GraphBuilder g = Graph.builder();
        Tensor h = firstGcnLayer(g, features, hidden, pInput, init, dropout, gemm);
        h = dropout(g, h, p, dropout);
        h = g.feedback(g.apply(Propagation.withoutBias("layer2.propagation", GraphKeys.PROPAGATION, hidden, gemm), h));
        return g.build(g.apply(new Dense("layer2.dense", hidden, classes, WeightInit.XAVIER_UNIFORM, init, gemm), h));
    }

    /**
     * Chebyshev network with the feedback point after the second layer's basis:
     * {@code logits = [T_k(L̃)·H]_k·Wᵀ + b} on {@code H = drop(ReLU(layer 1))}, the same function
     * as {@link #chebyshev} with layer 2 as a {@link ChebyshevBasis}, the feedback point, and a
     * dense layer ({@code layer2.dense}).
     *
     * @param features F
     * @param hidden   hidden width
     * @param order    K
     * @param classes  classes
     * @param pInput   dropout probability on the features
     * @param p        dropout probability on the hidden activations
     * @param init     the weight-initialisation stream
     * @param dropout  the dropout stream
     * @param gemm     the matrix product
     * @return the model
     */
    public static Graph chebyshevFeedbackAfterAggregation(int features, int hidden, int order, int classes,
                                                          double pInput, double p, UniformRandomProvider init,
                                                          RestorableUniformRandomProvider dropout, Gemm gemm) {
        GraphBuilder g = Graph.builder();
        Tensor h = g.apply(Projection.ofFeatures("layer1.projection", GraphKeys.FEATURES, features, order * hidden,
                pInput, dropout, Projection.glorotBound(features, hidden), init, gemm));
        h = g.apply(new ChebyshevPropagation("layer1.chebyshev", GraphKeys.LAPLACIAN, order, hidden, gemm), h);
        h = g.apply(new ReLU("layer1.relu"), h);
        h = dropout(g, h, p, dropout);
        h = g.feedback(g.apply(new ChebyshevBasis("layer2.chebyshev", GraphKeys.LAPLACIAN, order, gemm), h));
        return g.build(g.apply(new Dense("layer2.dense", order * hidden, classes, WeightInit.XAVIER_UNIFORM, init,
                gemm), h));
    }

    /** {@code ReLU(Â·drop(X)·W₁ᵀ + b₁)}. */
    private static Tensor firstGcnLayer(GraphBuilder g, int features, int hidden, double pInput,
                                        UniformRandomProvider init, RestorableUniformRandomProvider dropout, Gemm gemm) {
        Tensor h = g.apply(Projection.ofFeatures("layer1.projection", GraphKeys.FEATURES, features, hidden, pInput,
                dropout, Projection.glorotBound(features, hidden), init, gemm));
        h = g.apply(new Propagation("layer1.propagation", GraphKeys.PROPAGATION, hidden, gemm), h);
        return g.apply(new ReLU("layer1.relu"), h);
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
                            UniformRandomProvider init, RestorableUniformRandomProvider dropout, Gemm gemm) {
        GraphBuilder g = Graph.builder();
        Tensor h = g.feedback(firstGcnLayer(g, features, hidden, pInput, init, dropout, gemm));
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
                                  UniformRandomProvider init, RestorableUniformRandomProvider dropout, Gemm gemm) {
        GraphBuilder g = Graph.builder();
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
    public static Graph gat(Shape shape, UniformRandomProvider init, RestorableUniformRandomProvider dropout, Gemm gemm) {
        int width = shape.heads() * shape.headWidth();
        double p = shape.dropout();
        GraphBuilder g = Graph.builder();
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
                                    UniformRandomProvider init, RestorableUniformRandomProvider dropout, Gemm gemm) {
        return autoencoder(features, hidden, embedding, pInput, p, FeedbackPlacement.ACTIVATION, init, dropout, gemm);
    }

    /**
     * The graph autoencoder with its feedback point after the encoder's first activation, or
     * after its second layer's aggregation ({@code Z = (Â·H)·W₂ᵀ + b₂}, the same function).
     *
     * @param features  F
     * @param hidden    the encoder's hidden width
     * @param embedding the embedding width
     * @param pInput    dropout probability on the features
     * @param p         dropout probability on the hidden activations
     * @param feedback  where the feedback point goes
     * @param init      the weight-initialisation stream
     * @param dropout   the dropout stream
     * @param gemm      the matrix product
     * @return the model, whose output is one logit per pair and whose error point is Z
     */
    public static Graph autoencoder(int features, int hidden, int embedding, double pInput, double p,
                                    FeedbackPlacement feedback, UniformRandomProvider init,
                                    RestorableUniformRandomProvider dropout, Gemm gemm) {
        GraphBuilder g = Graph.builder();
        Tensor h = firstGcnLayer(g, features, hidden, pInput, init, dropout, gemm);
        Tensor z;
        if (feedback == FeedbackPlacement.ACTIVATION) {
            h = dropout(g, g.feedback(h), p, dropout);
            h = g.apply(Projection.ofTensor("layer2.projection", hidden, embedding,
                    Projection.glorotBound(hidden, embedding), init, gemm), h);
            z = g.apply(new Propagation("layer2.propagation", GraphKeys.PROPAGATION, embedding, gemm), h);
        } else {
            h = dropout(g, h, p, dropout);
            h = g.feedback(g.apply(Propagation.withoutBias("layer2.propagation", GraphKeys.PROPAGATION, hidden, gemm),
                    h));
            z = g.apply(new Dense("layer2.dense", hidden, embedding, WeightInit.XAVIER_UNIFORM, init, gemm), h);
        }
        g.error(z);
        return g.build(g.apply(new InnerProductDecoder("decoder", GraphKeys.PAIRS), z));
    }

    private static Tensor dropout(GraphBuilder g, Tensor h, double p, RestorableUniformRandomProvider rng) {
        if (p == 0) {
            return h;
        }
        Module d = new Dropout("layer2.dropout", p, rng);
        return g.apply(d, h);
    }
}
