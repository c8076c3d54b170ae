package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.ejml.data.FMatrixRMaj;

/**
 * Inverted dropout: in a training pass each entry is kept with probability {@code 1 − p} and
 * scaled by {@code 1/(1 − p)}, or set to zero, so {@code E[y] = x}; {@code y = x·m} with the
 * mask {@code m ∈ {0, 1/(1−p)}}, and backward is {@code ∂x = ∂y·m}. Outside training the layer
 * is the identity. The mask is drawn, entry by entry in row-major order, from the provider
 * passed in (give it its own named stream, e.g. {@code "dropout"}), one
 * {@code nextFloat()} per entry: entry dropped iff the draw is below {@code p}. The provider is
 * the layer's {@link #randomStreams()}, so its state travels in a checkpoint and a resumed run
 * draws the masks the uninterrupted run would have.
 */
public final class Dropout extends UnaryModule {

    private final float p;
    private final float keepScale;
    private final RestorableUniformRandomProvider rng;

    /**
     * @param name the module's name
     * @param p    drop probability, in [0, 1)
     * @param rng  the stream masks are drawn from (shared by every call, drawn in pass order)
     * @throws IllegalArgumentException if {@code p} is outside [0, 1)
     */
    public Dropout(String name, double p, RestorableUniformRandomProvider rng) {
        super(name);
        if (!(p >= 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("dropout probability p must be in [0, 1), got " + p);
        }
        this.p = (float) p;
        this.keepScale = (float) (1.0 / (1.0 - p));
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** @return the drop probability p */
    public double probability() {
        return p;
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** @return the mask stream, under the layer's name */
    @Override
    public Map<String, RestorableUniformRandomProvider> randomStreams() {
        return Map.of(name(), rng);
    }

    @Override
    public UnaryCall newCall() {
        return new DropoutCall();
    }

    @Override
    public String toString() {
        return "Dropout(" + name() + ", p=" + p + ")";
    }

    /** One application: the mask of the last pass and the reused buffers. */
    private final class DropoutCall extends UnaryCall {
        private final FMatrixRMaj mask = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private boolean lastTraining;
        private boolean ran;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            int n = input.getNumElements();
            output.reshape(input.numRows, input.numCols);
            float[] x = input.data;
            float[] y = output.data;
            lastTraining = training;
            ran = true;
            if (!training || p == 0f) {
                System.arraycopy(x, 0, y, 0, n);
                lastTraining = false;
                return output;
            }
            mask.reshape(input.numRows, input.numCols);
            float[] m = mask.data;
            for (int i = 0; i < n; i++) {
                m[i] = rng.nextFloat() < p ? 0f : keepScale;
                y[i] = x[i] * m[i];
            }
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (!ran) {
                throw new IllegalStateException("dropout '" + name() + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != output.numRows || gradOutput.numCols != output.numCols) {
                throw new IllegalArgumentException("output gradient of dropout '" + name() + "' must be "
                        + output.numRows + "×" + output.numCols + ", got " + gradOutput.numRows + "×"
                        + gradOutput.numCols);
            }
            if (!needInput) {
                return null;
            }
            if (!lastTraining) {
                return gradOutput;
            }
            int n = gradOutput.getNumElements();
            gradInput.reshape(gradOutput.numRows, gradOutput.numCols);
            float[] g = gradOutput.data;
            float[] gi = gradInput.data;
            float[] m = mask.data;
            for (int i = 0; i < n; i++) {
                gi[i] = g[i] * m[i];
            }
            return gradInput;
        }
    }
}
