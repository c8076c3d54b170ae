package org.opudfa.dfa.task.recsys;

import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Add;
import org.opudfa.dfa.nn.BatchNorm;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Dropout;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.TaskRunner;

/**
 * The recommender models as graphs over the field ids of {@link ClickLogBatches#IDS}; each outputs
 * one click logit per record (rows × 1), which is also DFA's error point: e is batch × 1, the
 * gradient of the binary cross-entropy at the pre-sigmoid logit, as in the paper's code.
 *
 * <ul>
 *   <li><b>FM</b>: {@code z = w₀ + Σ_f w[id_f] + Σ_{f<g} ⟨v_f, v_g⟩} ({@code linear}, {@code fm}); no
 *       hidden block, so no feedback point: DFA has nothing to do, and shallow is backprop.</li>
 *   <li><b>DeepFM</b> (Guo et al. 2017): the FM's logit plus an MLP's on the same embeddings,
 *       blocks {@code Dense → BatchNorm → ReLU → Dropout} with a feedback point after each and a
 *       dense {@code head} to one logit. Under DFA the embeddings learn from the true gradient of
 *       the FM term and from the first block's feedback; under shallow from the FM term only.</li>
 *   <li><b>Deep &amp; Cross</b> (Wang et al. 2017): cross layers on the embeddings {@code x₀}, a
 *       feedback point after each (between cross layers), beside the same MLP blocks; the last
 *       cross output and the last block are concatenated into a dense {@code head}. Shallow trains
 *       the head only.</li>
 * </ul>
 * Embeddings start as {@code N(0, EMBEDDING_STD²)}, first-order weights at 0.
 *
 * <p>Besides the matrix products, the passes of the embeddings, the FM term, the cross layers, ReLU
 * and dropout over a large batch run on the threads of the run's {@link Gemm}, each split so that
 * every value is computed as on one thread: the results are the same bits on any thread count.
 * Dropout uses keyed masks ({@link Dropout#Dropout(String, double, RestorableUniformRandomProvider,
 * org.opudfa.opu.kernel.TaskRunner)}): one key per training pass from the dropout stream, each
 * entry's draw a function of the key and the entry's position. Built without these layer threads,
 * a model computes the same bits with only its matrix products on the threads. Batch norm splits
 * its passes into blocks of rows (see {@link BatchNorm}).
 */
public final class RecsysModels {

    /** Standard deviation of the initial embeddings. */
    public static final double EMBEDDING_STD = 0.01;

    private RecsysModels() {
    }

    /**
     * The architecture of a model.
     *
     * @param model       which model
     * @param vocabulary  ids over all fields (rows of the embedding table)
     * @param embedding   k
     * @param hidden      widths of the MLP blocks (ignored by FM)
     * @param crossLayers cross layers (Deep &amp; Cross only)
     * @param dropout     dropout probability after each MLP block
     */
    public record Shape(RecsysModel model, int vocabulary, int embedding, int[] hidden, int crossLayers,
                        double dropout) {

        /**
         * Validates.
         *
         * @param model       which model
         * @param vocabulary  ids over all fields
         * @param embedding   k
         * @param hidden      MLP widths
         * @param crossLayers cross layers
         * @param dropout     dropout probability
         * @throws IllegalArgumentException if a size is not positive where one is needed
         */
        public Shape {
            Objects.requireNonNull(model, "model");
            hidden = hidden.clone();
            if (model != RecsysModel.FM && hidden.length == 0) {
                throw new IllegalArgumentException(model.name().toLowerCase() + " needs at least one MLP block");
            }
        }
    }

    /**
     * A model whose passes outside the matrix products run on the gemm's threads too.
     *
     * @param shape   the architecture
     * @param init    the weight-initialisation stream
     * @param dropout the dropout masks' stream
     * @param gemm    the matrix product
     * @return the model
     */
    public static Graph build(Shape shape, UniformRandomProvider init, RestorableUniformRandomProvider dropout, Gemm gemm) {
        return build(shape, init, dropout, gemm, true);
    }

    /**
     * @param shape        the architecture
     * @param init         the weight-initialisation stream
     * @param dropout      the dropout masks' stream
     * @param gemm         the matrix product
     * @param layerThreads whether the passes outside the matrix products run on the gemm's
     *                     threads too (the same results either way)
     * @return the model
     */
    public static Graph build(Shape shape, UniformRandomProvider init, RestorableUniformRandomProvider dropout, Gemm gemm,
                              boolean layerThreads) {
        Gemm passes = layerThreads ? gemm : null;
        int fields = ClickLogFormat.FIELDS;
        int k = shape.embedding();
        GraphBuilder g = Graph.builder();
        FieldEmbedding table = new FieldEmbedding("embedding", ClickLogBatches.IDS, fields, shape.vocabulary(), k,
                EMBEDDING_STD, init, passes);
        Tensor v = g.apply(table);
        return switch (shape.model()) {
            case FM -> g.build(g.apply(new Add("logit"), linear(g, shape, init, passes),
                    g.apply(new FmInteraction("fm", fields, k, passes), v)));
            case DEEPFM -> {
                Tensor fm = g.apply(new FmInteraction("fm", fields, k, passes), v);
                Tensor h = mlp(g, v, fields * k, shape, init, dropout, gemm, passes);
                Tensor deep = g.apply(new Dense("head", shape.hidden()[shape.hidden().length - 1], 1, init, gemm), h);
                yield g.build(g.apply(new Add("logit"), linear(g, shape, init, passes), fm, deep));
            }
            case DEEP_CROSS -> {
                int d = fields * k;
                Tensor x = v;
                for (int l = 0; l < shape.crossLayers(); l++) {
                    x = g.feedback(g.apply(new CrossLayer("cross" + l, d, init, passes), v, x));
                }
                Tensor h = mlp(g, v, d, shape, init, dropout, gemm, passes);
                int last = shape.hidden()[shape.hidden().length - 1];
                Tensor joined = g.apply(new Concat("join"), x, h);
                yield g.build(g.apply(new Dense("head", d + last, 1, init, gemm), joined));
            }
        };
    }

    /** {@code w₀ + Σ_f w[id_f]}: first-order weights (an embedding of size 1, from 0) summed with a bias. */
    private static Tensor linear(GraphBuilder g, Shape shape, UniformRandomProvider init, Gemm passes) {
        FieldEmbedding weights = new FieldEmbedding("linear", ClickLogBatches.IDS, ClickLogFormat.FIELDS,
                shape.vocabulary(), 1, 0.0, init, passes);
        return g.apply(new RowSum("linear.sum", ClickLogFormat.FIELDS), g.apply(weights));
    }

    /** MLP blocks {@code Dense → BatchNorm → ReLU → Dropout}, a feedback point after each. */
    private static Tensor mlp(GraphBuilder g, Tensor input, int width, Shape shape, UniformRandomProvider init,
                              RestorableUniformRandomProvider dropout, Gemm gemm, Gemm passes) {
        Tensor h = input;
        int in = width;
        for (int l = 0; l < shape.hidden().length; l++) {
            int out = shape.hidden()[l];
            String block = "block" + l;
            h = g.apply(new Dense(block + ".dense", in, out, init, gemm), h);
            h = g.apply(passes == null ? new BatchNorm(block + ".norm", out)
                    : new BatchNorm(block + ".norm", out, passes), h);
            h = g.apply(passes == null ? new ReLU(block + ".relu") : new ReLU(block + ".relu", passes), h);
            if (shape.dropout() > 0) {
                h = g.apply(new Dropout(block + ".dropout", shape.dropout(), dropout,
                        passes == null ? TaskRunner.CALLING_THREAD : passes), h);
            }
            g.feedback(h);
            in = out;
        }
        return h;
    }
}
