package org.opudfa.dfa.task.recsys;

import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;

/**
 * Field embeddings: one table {@code V} of {@code vocabulary × k} rows shared by all fields (each
 * field owns a range of ids, see {@link ClickVocabulary}), looked up for the ids of each record
 * and laid side by side, {@code y[r, f·k + d] = V[id(r, f), d]}: rows × (fields·k). The module
 * takes no tensor input; it reads the ids from the batch under the key it was built with. With
 * {@code k = 1} and a zero initialisation it is the first-order weights of a factorization machine.
 *
 * <p>Backward scatters the output gradient back into the looked-up rows,
 * {@code ∂V[id(r, f), d] += ∂y[r, f·k + d]}; rows not in the batch get no gradient.
 */
public final class FieldEmbedding implements Module {

    private final String name;
    private final Feed.Key<FieldIds> ids;
    private final int fields;
    private final int dim;
    private final Parameter table;

    /**
     * @param name       the module's name; the table is {@code name.table}
     * @param ids        where the batch holds the ids
     * @param fields     ids per record
     * @param vocabulary rows of the table
     * @param dim        k, the embedding size
     * @param std        standard deviation of the Gaussian initial values (0 for zeros)
     * @param rng        the stream initial values are drawn from
     * @throws IllegalArgumentException on a non-positive size or a negative deviation
     */
    public FieldEmbedding(String name, Feed.Key<FieldIds> ids, int fields, int vocabulary, int dim, double std,
                          UniformRandomProvider rng) {
        this.name = Objects.requireNonNull(name, "name");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (fields < 1 || vocabulary < 1 || dim < 1) {
            throw new IllegalArgumentException("field embedding '" + name + "' needs at least 1 field, 1 id and a size "
                    + "of at least 1, got " + fields + " fields, " + vocabulary + " ids and size " + dim);
        }
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("field embedding '" + name + "' initial deviation must be finite and "
                    + "non-negative, got " + std);
        }
        this.fields = fields;
        this.dim = dim;
        FMatrixRMaj v = new FMatrixRMaj(vocabulary, dim);
        if (std > 0) {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < v.data.length; i++) {
                v.data[i] = (float) (std * gauss.sample());
            }
        }
        this.table = new Parameter(name + ".table", v);
    }

    /** @return the table V, vocabulary × k */
    public Parameter table() {
        return table;
    }

    /** @return ids per record */
    public int fields() {
        return fields;
    }

    /** @return k, the embedding size */
    public int dim() {
        return dim;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(table);
    }

    @Override
    public int[] outputWidths(int[] inputWidths) {
        if (inputWidths.length != 0) {
            throw new IllegalArgumentException("field embedding '" + name + "' takes no tensor input (it reads the "
                    + "batch's ids), got " + inputWidths.length);
        }
        return new int[] {fields * dim};
    }

    @Override
    public Call newCall() {
        return new EmbeddingCall();
    }

    @Override
    public String toString() {
        return "FieldEmbedding(" + name + ", " + fields + " fields × " + dim + ", " + table.value().numRows + " ids)";
    }

    /** One application: the ids of the last pass and the output buffer. */
    private final class EmbeddingCall implements Call {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] outputs = {output};
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[0];
        private FieldIds last;

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            FieldIds batch = feed.get(ids);
            if (batch.fields() != fields) {
                throw new IllegalArgumentException("field embedding '" + name + "' takes " + fields
                        + " ids per record, got " + batch.fields());
            }
            int rows = batch.rows();
            int vocabulary = table.value().numRows;
            output.reshape(rows, fields * dim);
            int[] id = batch.ids();
            float[] v = table.value().data;
            float[] y = output.data;
            int n = rows * fields;
            for (int i = 0; i < n; i++) {
                int row = id[i];
                if (row < 0 || row >= vocabulary) {
                    throw new IllegalArgumentException("field embedding '" + name + "' has ids 0 to "
                            + (vocabulary - 1) + ", got " + row);
                }
                System.arraycopy(v, row * dim, y, i * dim, dim);
            }
            last = batch;
            return outputs;
        }

        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            if (last == null) {
                throw new IllegalStateException("field embedding '" + name + "' has no forward pass to go back through");
            }
            FMatrixRMaj g = gradOutputs[0];
            int n = last.rows() * fields;
            if (g.numRows != last.rows() || g.numCols != fields * dim) {
                throw new IllegalArgumentException("output gradient of field embedding '" + name + "' must be "
                        + last.rows() + "×" + (fields * dim) + ", got " + g.numRows + "×" + g.numCols);
            }
            int[] id = last.ids();
            float[] gv = table.grad().data;
            float[] gy = g.data;
            for (int i = 0; i < n; i++) {
                int base = id[i] * dim;
                int src = i * dim;
                for (int d = 0; d < dim; d++) {
                    gv[base + d] += gy[src + d];
                }
            }
            return gradInputs;
        }
    }
}
