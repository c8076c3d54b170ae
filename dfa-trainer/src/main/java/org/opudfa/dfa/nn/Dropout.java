package org.opudfa.dfa.nn;

import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.kernel.WorkerTask;
import org.opudfa.opu.rng.SplitMix64;

/**
 * Inverted dropout: in a training pass each entry is kept with probability {@code 1 − p} and
 * scaled by {@code 1/(1 − p)}, or set to zero, so {@code E[y] = x}; {@code y = x·m} with the
 * mask {@code m ∈ {0, 1/(1−p)}}, and backward is {@code ∂x = ∂y·m}. Outside training the layer
 * is the identity. The mask is drawn, entry by entry in row-major order, from the provider
 * passed in (give it its own named stream, e.g. {@code "dropout"}), one
 * {@code nextFloat()} per entry: entry dropped iff the draw is below {@code p}. The provider is
 * the layer's {@link #randomStreams()}, so its state travels in a checkpoint and a resumed run
 * draws the masks the uninterrupted run would have.
 *
 * <p><b>Keyed masks</b> (built with a {@link TaskRunner}): one draw per training pass, the key
 * {@code κ = nextLong()}, and the entries' uniforms from the SplitMix64 sequence seeded with κ
 * addressed by position: with {@code w_q = mix(κ + (q + 1)·γ)} (γ the golden gamma,
 * {@link SplitMix64}), entry {@code i = 2q} takes the top 24 bits of w_q and {@code i = 2q + 1}
 * bits 8 to 31, {@code u_i ∈ [0, 2²⁴)}; the entry is dropped iff {@code u_i·2⁻²⁴ < p}, i.e.
 * {@code u_i < ⌈p·2²⁴⌉}, the same test as a {@code nextFloat()} draw. Every entry's mask is a
 * function of κ and i alone, so inputs of at least {@link AbstractActivation#PARALLEL_MIN_ELEMENTS}
 * entries are masked (and their gradients multiplied) in ranges of
 * {@link AbstractActivation#RANGE} entries on the runner's threads, and the masks are the same
 * bits on any thread count. When the runner is a {@link org.opudfa.opu.kernel.Gemm} on its vector
 * kernel, the hashes and products are computed with the Vector API, the same bits again. The
 * masks differ from those of the sequential form for the same stream, which stays the default so
 * that the runs of the models built with it reproduce.
 */
public final class Dropout extends StochasticModule {

    private final float p;
    private final float keepScale;
    /** the keyed form's threads, or null for the sequential form */
    private final TaskRunner runner;
    /** the keyed form's threshold ⌈p·2²⁴⌉: a 24-bit uniform below it drops the entry */
    private final int dropBelow;
    /** the loops of the masks and their products: those of the run's matrix products */
    private final LayerLoops loops;

    /**
     * @param name the module's name
     * @param p    drop probability, in [0, 1)
     * @param rng  the stream masks are drawn from (shared by every call, drawn in pass order)
     * @throws IllegalArgumentException if {@code p} is outside [0, 1)
     */
    public Dropout(String name, double p, RestorableUniformRandomProvider rng) {
        this(null, name, p, rng);
    }

    /**
     * Dropout with keyed masks (see the class description), computed in parallel ranges on the
     * run's threads for large inputs.
     *
     * @param name   the module's name
     * @param p      drop probability, in [0, 1)
     * @param rng    the stream each training pass draws its key from
     * @param runner the run's threads
     * @throws IllegalArgumentException if {@code p} is outside [0, 1)
     */
    public Dropout(String name, double p, RestorableUniformRandomProvider rng, TaskRunner runner) {
        this(Objects.requireNonNull(runner, "runner"), name, p, rng);
    }

    /** The sequential form when {@code runner} is null, else the keyed form. */
    private Dropout(TaskRunner runner, String name, double p, RestorableUniformRandomProvider rng) {
        super(name, rng);
        if (!(p >= 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("dropout probability p must be in [0, 1), got " + p);
        }
        this.p = (float) p;
        this.keepScale = (float) (1.0 / (1.0 - p));
        this.runner = runner;
        this.dropBelow = (int) Math.ceil(this.p * 0x1p24);
        this.loops = LayerLoops.of(runner);
    }

    /** @return whether masks are keyed by position (built with a runner) rather than drawn in sequence */
    public boolean keyed() {
        return runner != null;
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
    public UnaryCall newCall() {
        return new DropoutCall();
    }

    @Override
    public String toString() {
        return "Dropout(" + name() + ", p=" + p + (runner != null ? ", keyed" : "") + ")";
    }

    /**
     * One application: the key or mask of the last pass and the reused buffers. The keyed form keeps only
     * its key: backward applies the same function of the key and the position to the gradient,
     * {@code ∂x = ∂y·m}. The sequential form keeps its mask as one byte per entry, 1 if kept, 0 if
     * dropped ({@code m = kept·1/(1−p)}, the same float either way): a quarter of the memory
     * traffic of a float mask, in passes that are limited by memory.
     */
    private final class DropoutCall extends UnaryCall {
        private byte[] kept = new byte[0];
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final WorkerTask maskRange = this::maskRange;
        /** what the keyed mask multiplies and where the product goes: input and output, or the gradients */
        private float[] source;
        private float[] target;
        private long key;
        private int size;
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
            if (runner != null) {
                key = rng.nextLong();
                applyKeyedMask(x, y, n);
                return output;
            }
            if (kept.length < n) {
                kept = new byte[n];
            }
            byte[] k = kept;
            for (int i = 0; i < n; i++) {
                k[i] = rng.nextFloat() < p ? (byte) 0 : (byte) 1;
                y[i] = x[i] * (k[i] * keepScale);
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
            if (runner != null) {
                applyKeyedMask(g, gi, n);
                return gradInput;
            }
            byte[] m = kept;
            float scale = keepScale;
            for (int i = 0; i < n; i++) {
                gi[i] = g[i] * (m[i] * scale);
            }
            return gradInput;
        }

        /** {@code to[i] = from[i]·m_i} for the pass's keyed mask, in parallel ranges when large. */
        private void applyKeyedMask(float[] from, float[] to, int n) {
            if (n < AbstractActivation.PARALLEL_MIN_ELEMENTS) {
                loops.keyedMask(from, to, key, dropBelow, keepScale, 0, n);
                return;
            }
            source = from;
            target = to;
            size = n;
            runner.forEachTask(AbstractActivation.ranges(n), maskRange);
            source = null;
            target = null;
        }

        /** One range of {@link #applyKeyedMask}; ranges start at even entries. */
        private void maskRange(int worker, int range) {
            int from = range * AbstractActivation.RANGE;
            loops.keyedMask(source, target, key, dropBelow, keepScale, from,
                    Math.min(size, from + AbstractActivation.RANGE));
        }
    }
}
