package org.opudfa.dfa.task.lm;

import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * Adds to each token's vector the vector of its position in its sequence: {@code y_r = x_r + P[t]}
 * with {@code t = r mod L} for sequences of L tokens ({@link Sequences}, read from the batch) and
 * a table {@code P} of {@code maxLength} rows.
 * <ul>
 *   <li>{@link PositionalKind#SINUSOIDAL sinusoidal} (Vaswani et al. 2017), fixed:
 *       {@code P[t, 2i] = sin(t/10000^{2i/d})}, {@code P[t, 2i+1] = cos(t/10000^{2i/d})};</li>
 *   <li>{@link PositionalKind#LEARNED learned}: {@code P} is a parameter, its entries drawn
 *       uniform with the sinusoidal table's standard deviation {@code 1/√2}; backward adds
 *       {@code Σ_{r: r mod L = t} ∂y_r} to {@code ∂P[t]}.</li>
 * </ul>
 * The gradient to the input is the output's, unchanged.
 */
public final class PositionalEncoding extends UnaryModule {

    private final int width;
    private final int maxLength;
    private final FMatrixRMaj table;
    private final Parameter learned;
    private final List<Parameter> parameters;
    private final Feed.Key<Sequences> sequences;

    /**
     * @param name      the module's name, prefix of its parameter ({@code name.table}) when learned
     * @param kind      sinusoidal or learned
     * @param width     d, at least 1
     * @param maxLength the longest sequence, at least 1
     * @param sequences where the batch says how its rows form sequences
     * @param rng       the stream a learned table is drawn from (unused for the sinusoidal one)
     * @throws IllegalArgumentException on a non-positive size
     */
    public PositionalEncoding(String name, PositionalKind kind, int width, int maxLength,
                              Feed.Key<Sequences> sequences, UniformRandomProvider rng) {
        super(name);
        Objects.requireNonNull(kind, "kind");
        this.width = MatrixChecks.requirePositive("positional encoding '" + name + "' width", width);
        this.maxLength = MatrixChecks.requirePositive("positional encoding '" + name + "' length", maxLength);
        this.sequences = Objects.requireNonNull(sequences, "sequences");
        FMatrixRMaj p = new FMatrixRMaj(maxLength, width);
        if (kind == PositionalKind.SINUSOIDAL) {
            for (int t = 0; t < maxLength; t++) {
                for (int i = 0; i < width; i += 2) {
                    double angle = t / Math.pow(10000.0, (double) i / width);
                    p.set(t, i, (float) Math.sin(angle));
                    if (i + 1 < width) {
                        p.set(t, i + 1, (float) Math.cos(angle));
                    }
                }
            }
            this.learned = null;
            this.parameters = List.of();
        } else {
            double bound = Math.sqrt(3.0 / 2.0);
            for (int i = 0; i < p.data.length; i++) {
                p.data[i] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
            }
            this.learned = new Parameter(name + ".table", p);
            this.parameters = List.of(learned);
        }
        this.table = p;
    }

    /** @return the table P, maxLength × d (the parameter's value when learned) */
    public FMatrixRMaj table() {
        return table;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != width) {
            throw new IllegalArgumentException("positional encoding '" + name() + "' takes inputs of width " + width
                    + ", got " + inputWidth);
        }
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public UnaryCall newCall() {
        return new PositionCall();
    }

    @Override
    public String toString() {
        return "PositionalEncoding(" + name() + ", " + (learned == null ? "sinusoidal" : "learned") + ", " + maxLength
                + " × " + width + ")";
    }

    /** One application and its output buffer. */
    private final class PositionCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private int length;
        private int rows = -1;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (input.numCols != width) {
                MatrixChecks.requireCols("input of positional encoding '" + name() + "'", input, width);
            }
            Sequences layout = feed.get(sequences);
            if (input.numRows != layout.rows()) {
                // the message is built only on failure: this runs every step
                layout.requireRows(input.numRows, "positional encoding '" + name() + "'");
            }
            if (layout.length() > maxLength) {
                throw new IllegalArgumentException("positional encoding '" + name() + "' knows " + maxLength
                        + " positions, got sequences of " + layout.length() + " tokens");
            }
            length = layout.length();
            rows = input.numRows;
            output.reshape(rows, width);
            float[] x = input.data;
            float[] y = output.data;
            float[] p = table.data;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                int pos = (r % length) * width;
                for (int j = 0; j < width; j++) {
                    y[base + j] = x[base + j] + p[pos + j];
                }
            }
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (rows < 0) {
                throw new IllegalStateException("positional encoding '" + name() + "' has no forward pass to go back "
                        + "through");
            }
            if (gradOutput.numRows != rows || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of positional encoding '" + name() + "'", gradOutput, rows,
                        width);
            }
            if (learned != null) {
                float[] g = gradOutput.data;
                float[] dp = learned.grad().data;
                for (int r = 0; r < rows; r++) {
                    int base = r * width;
                    int pos = (r % length) * width;
                    for (int j = 0; j < width; j++) {
                        dp[pos + j] += g[base + j];
                    }
                }
            }
            return needInput ? gradOutput : null;
        }
    }
}
