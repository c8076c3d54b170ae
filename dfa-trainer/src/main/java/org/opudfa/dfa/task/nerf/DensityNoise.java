package org.opudfa.dfa.task.nerf;


import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.StochasticModule;
import org.opudfa.dfa.nn.UnaryCall;

/**
 * Noise on the raw density in training passes, as NeRF's code offers ({@code raw_noise_std}):
 * between the network's raw output {@code (r̃, g̃, b̃, σ̃)} and the volume rendering, a training
 * pass adds {@code s·z} to σ̃, with z standard normal, one draw per sample point; inference passes
 * and the colour columns go through unchanged. The gradient goes through unchanged too
 * ({@code ∂(σ̃ + s·z)/∂σ̃ = 1}); the rendering's ReLU then opens at the noisy density.
 *
 * <p>Why: the rendering takes {@code σ = max(σ̃, 0)}, and a run whose raw density falls below zero
 * at every sample point gets no gradient at all and renders the background for ever. With the
 * noise, points just below zero still let some light through now and then, and learn.
 *
 * <p>The draws come from the module's own stream ({@link #randomStreams()}), so a checkpoint
 * resumes them.
 */
public final class DensityNoise extends StochasticModule {

    private final float scale;
    private final ZigguratSampler.NormalizedGaussian gauss;

    /**
     * @param name  the module's name (and its stream's)
     * @param scale s, the noise's standard deviation, positive and finite
     * @param rng   the stream the draws come from
     * @throws IllegalArgumentException if s is not positive and finite
     */
    public DensityNoise(String name, double scale, RestorableUniformRandomProvider rng) {
        super(name, rng);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the density noise of '" + name + "' must be positive and finite, got "
                    + scale);
        }
        this.scale = (float) scale;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** @return s, the noise's standard deviation */
    public double scale() {
        return scale;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != VolumeRendering.RAW_WIDTH) {
            throw new IllegalArgumentException("density noise '" + name() + "' takes the raw output (4 columns: r, g, b, "
                    + "σ), got " + inputWidth + " columns");
        }
        return inputWidth;
    }

    @Override
    public UnaryCall newCall() {
        return new NoiseCall();
    }

    @Override
    public String toString() {
        return "DensityNoise(" + name() + ", s=" + scale + ")";
    }

    /** One application: the noisy copy of the last training pass. */
    private final class NoiseCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, VolumeRendering.RAW_WIDTH);

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (!training) {
                return input;
            }
            output.reshape(input.numRows, input.numCols);
            float[] x = input.data;
            float[] y = output.data;
            System.arraycopy(x, 0, y, 0, input.getNumElements());
            int k = VolumeRendering.RAW_WIDTH;
            for (int i = k - 1; i < input.getNumElements(); i += k) {
                y[i] += (float) (scale * gauss.sample());
            }
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            return needInput ? gradOutput : null;
        }
    }
}
