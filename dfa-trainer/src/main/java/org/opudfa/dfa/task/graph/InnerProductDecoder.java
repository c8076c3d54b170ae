package org.opudfa.dfa.task.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;

/**
 * The graph autoencoder's decoder (Kipf and Welling 2016): the logit that nodes u and v are
 * linked is the inner product of their embeddings, {@code y_p = z_u·z_v} for each pair
 * {@code p = (u, v)} the batch holds ({@link GraphKeys#PAIRS}); one output row per pair, one
 * column. It has no parameters: under DFA the error is taken at the embeddings Z, through this
 * decoder. Backward, for {@code g_p = ∂L/∂y_p}: {@code ∂z_u += g_p·z_v}, {@code ∂z_v += g_p·z_u}.
 */
public final class InnerProductDecoder extends UnaryModule {

    private final Feed.Key<NodePairs> pairs;

    /**
     * @param name  the module's name
     * @param pairs where the batch holds the pairs to score
     */
    public InnerProductDecoder(String name, Feed.Key<NodePairs> pairs) {
        super(name);
        this.pairs = Objects.requireNonNull(pairs, "pairs");
    }

    @Override
    public int outputWidth(int inputWidth) {
        return 1;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public UnaryCall newCall() {
        return new DecoderCall();
    }

    /** One application: the embeddings and pairs of the last pass. */
    private final class DecoderCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private FMatrixRMaj input;
        private NodePairs last;
        private int count;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj z, Feed feed, boolean training) {
            NodePairs p = feed.get(pairs);
            int n = p.size();
            int[] u = p.first();
            int[] v = p.second();
            int d = z.numCols;
            for (int k = 0; k < n; k++) {
                if (u[k] < 0 || u[k] >= z.numRows || v[k] < 0 || v[k] >= z.numRows) {
                    p.requireWithin(z.numRows);
                }
            }
            input = z;
            last = p;
            count = n;
            output.reshape(n, 1);
            float[] zd = z.data;
            for (int k = 0; k < n; k++) {
                int a = u[k] * d;
                int b = v[k] * d;
                float s = 0f;
                for (int c = 0; c < d; c++) {
                    s += zd[a + c] * zd[b + c];
                }
                output.data[k] = s;
            }
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (input == null) {
                throw new IllegalStateException("decoder '" + name() + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != count || gradOutput.numCols != 1) {
                throw new IllegalArgumentException("output gradient of decoder '" + name() + "' must be " + count
                        + "×1, got " + gradOutput.numRows + "×" + gradOutput.numCols);
            }
            if (!needInput) {
                return null;
            }
            int d = input.numCols;
            gradInput.reshape(input.numRows, d);
            float[] gz = gradInput.data;
            Arrays.fill(gz, 0, input.getNumElements(), 0f);
            float[] zd = input.data;
            int[] u = last.first();
            int[] v = last.second();
            for (int k = 0; k < count; k++) {
                float g = gradOutput.data[k];
                int a = u[k] * d;
                int b = v[k] * d;
                for (int c = 0; c < d; c++) {
                    gz[a + c] += g * zd[b + c];
                    gz[b + c] += g * zd[a + c];
                }
            }
            return gradInput;
        }
    }
}
