package org.opudfa.dfa.nn;

import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * Rectified linear unit: {@code y = max(x, 0)}, {@code y' = 1 if x > 0 else 0} (0 at the kink).
 *
 * <p>Both loops are written so that the JIT compiler vectorises them (a branch on the sign of
 * each input, mispredicted half the time on a layer's pre-activations, made them the slowest part
 * of a NeRF training step after the matrix products): the forward pass as {@code Math.max} (a NaN
 * input stays NaN, so a diverging run shows), the backward pass as a product with the step
 * {@code s = min(y·2¹⁰⁰·2¹⁰⁰, 1)}, which is 0 for {@code y = +0} and 1 for every {@code y > 0}
 * (the smallest positive float times 2²⁰⁰ is above 1; an infinite y gives 1). So
 * {@code ∂x = ∂y·s} is {@code ∂y} exactly where {@code y > 0} and a zero elsewhere. Operations on
 * the bits of the floats, as an earlier version used, are not vectorised by C2 in Java 17, nor is
 * a conditional select: this form runs about 2.5 times as fast on a 1 M-entry gradient.
 *
 * <p>Given a {@link Gemm}, arrays of at least {@link #PARALLEL_ENTRIES} entries are cut into
 * blocks shared by its threads ({@link Gemm#forEachTask}); each entry is computed alone, so the
 * results do not depend on the thread count. Each such pass is one more point where a thread
 * waits for the others: it pays when the threads have cores to themselves, but on 2 cores shared
 * with much other work it made 2-thread training slower, so the models leave it off for now.
 */
public final class ReLU extends AbstractActivation {

    /** Arrays of fewer entries are done on the calling thread alone. */
    public static final int PARALLEL_ENTRIES = 1 << 16;
    /** 2¹⁰⁰: applied twice, it takes the smallest positive float (2⁻¹⁴⁹) above 1 */
    private static final float STEP_SCALE = 0x1p100f;
    /** Blocks per thread of a parallel pass, so that a thread slowed by other work is not waited for long. */
    private static final int BLOCKS_PER_THREAD = 2;
    /** Block boundaries fall on multiples of this many entries (64 bytes: no cache line is shared). */
    private static final int BLOCK_ALIGNMENT = 16;

    private final Gemm team;
    private final Pass pass;

    /**
     * A ReLU activation on the calling thread.
     *
     * @param name the module's name
     */
    public ReLU(String name) {
        this(name, null);
    }

    /**
     * A ReLU activation whose passes over large arrays run on the threads of {@code team}.
     *
     * @param name the module's name
     * @param team whose threads share the passes ({@link Gemm#forEachTask}); null for the calling thread only
     */
    public ReLU(String name, Gemm team) {
        super(name);
        this.team = team;
        this.pass = team == null || team.threads() == 1 ? null : new Pass();
    }

    @Override
    protected void apply(float[] x, float[] y, int n) {
        if (pass == null || n < PARALLEL_ENTRIES) {
            forward(x, y, 0, n);
        } else {
            pass.run(x, y, null, null, n);
        }
    }

    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        if (pass == null || n < PARALLEL_ENTRIES) {
            backward(y, gradY, gradX, 0, n);
        } else {
            pass.run(null, y, gradY, gradX, n);
        }
    }

    private static void forward(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    private static void backward(float[] y, float[] gradY, float[] gradX, int from, int to) {
        for (int i = from; i < to; i++) {
            gradX[i] = gradY[i] * Math.min(y[i] * STEP_SCALE * STEP_SCALE, 1f);
        }
    }

    /**
     * One pass over blocks of the arrays on the team's threads. It is made once per module and
     * reused (nothing is allocated per pass); a module applied twice may run passes from two
     * threads at once, so a pass holds the object's lock.
     */
    private final class Pass implements WorkerTask {
        private float[] x;
        private float[] y;
        private float[] gradY;
        private float[] gradX;
        private int n;
        private int blocks;

        synchronized void run(float[] x, float[] y, float[] gradY, float[] gradX, int n) {
            this.x = x;
            this.y = y;
            this.gradY = gradY;
            this.gradX = gradX;
            this.n = n;
            blocks = team.threads() * BLOCKS_PER_THREAD;
            try {
                team.forEachTask(blocks, this);
            } finally {
                this.x = null;
                this.y = null;
                this.gradY = null;
                this.gradX = null;
            }
        }

        @Override
        public void run(int worker, int block) {
            int from = boundary(block);
            int to = boundary(block + 1);
            if (gradX == null) {
                forward(x, y, from, to);
            } else {
                backward(y, gradY, gradX, from, to);
            }
        }

        /** The start of a block, on a multiple of {@link #BLOCK_ALIGNMENT}; the last block ends at n. */
        private int boundary(int block) {
            if (block == blocks) {
                return n;
            }
            long at = (long) n * block / blocks;
            return (int) (at / BLOCK_ALIGNMENT * BLOCK_ALIGNMENT);
        }
    }
}
