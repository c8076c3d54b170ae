package org.opudfa.dfa.nn;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * Skeleton of an element-wise activation {@code y = f(x)} without parameters, of any width:
 * backward is {@code ∂x = ∂y ⊙ f'(x)}. Subclasses give the two element loops over a range of
 * entries; each call keeps its last input and output for backward.
 *
 * <p>Built with a {@link TaskRunner} (the run's threads), an activation cuts inputs of at least
 * {@value #PARALLEL_MIN_ELEMENTS} entries into ranges of {@value #RANGE} entries and computes them
 * as parallel tasks; otherwise it computes the whole input as one range on the calling thread.
 * Every entry is computed alone, so the result does not depend on the threads.
 */
public abstract class AbstractActivation extends UnaryModule {

    /** Inputs with fewer entries are computed on the calling thread: starting the team costs more. */
    public static final int PARALLEL_MIN_ELEMENTS = 1 << 16;
    /** Entries per parallel task. */
    public static final int RANGE = 1 << 14;

    private final TaskRunner runner;

    /**
     * An activation computed on the calling thread.
     *
     * @param name the module's name
     */
    protected AbstractActivation(String name) {
        this(name, null);
    }

    /**
     * @param name   the module's name
     * @param runner runs the ranges of large inputs as parallel tasks, or null to compute on the
     *               calling thread
     */
    protected AbstractActivation(String name, TaskRunner runner) {
        super(name);
        this.runner = runner;
    }

    /**
     * Writes {@code y[i] = f(x[i])} for {@code from ≤ i < to}.
     *
     * @param x    input values
     * @param y    output values
     * @param from first entry
     * @param to   one past the last entry
     */
    protected abstract void apply(float[] x, float[] y, int from, int to);

    /**
     * Writes {@code gradX[i] = gradY[i] · f'(x[i])} for {@code from ≤ i < to}.
     *
     * @param x     the inputs of the last forward pass
     * @param y     the outputs of the last forward pass, {@code f(x)}, for derivatives cheaper from y
     * @param gradY ∂L/∂y
     * @param gradX ∂L/∂x, written
     * @param from  first entry
     * @param to    one past the last entry
     */
    protected abstract void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int from, int to);

    /**
     * @param entries the entries of an input
     * @return how many ranges of {@value #RANGE} entries cover them, the last one possibly short
     */
    static int ranges(int entries) {
        return (entries + RANGE - 1) / RANGE;
    }

    /** @return {@code inputWidth}: activations keep the width */
    @Override
    public final int outputWidth(int inputWidth) {
        return inputWidth;
    }

    /** @return an empty list: activations have no parameters */
    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public final UnaryCall newCall() {
        return new ActivationCall();
    }

    /** One application: the last input and output, and the reused buffers. */
    private final class ActivationCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final WorkerTask forwardRange = this::forwardRange;
        private final WorkerTask backwardRange = this::backwardRange;
        private FMatrixRMaj input;
        private FMatrixRMaj gradOutput;
        private int size;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            this.input = input;
            output.reshape(input.numRows, input.numCols);
            size = input.getNumElements();
            if (parallel()) {
                runner.forEachTask(ranges(), forwardRange);
            } else {
                apply(input.data, output.data, 0, size);
            }
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (input == null) {
                throw new IllegalStateException(AbstractActivation.this + " has no forward pass to go back through");
            }
            if (gradOutput.numRows != output.numRows || gradOutput.numCols != output.numCols) {
                throw new IllegalArgumentException("output gradient of " + AbstractActivation.this + " must be "
                        + output.numRows + "×" + output.numCols + ", got " + gradOutput.numRows + "×"
                        + gradOutput.numCols);
            }
            if (!needInput) {
                return null;
            }
            gradInput.reshape(input.numRows, input.numCols);
            if (parallel()) {
                this.gradOutput = gradOutput;
                runner.forEachTask(ranges(), backwardRange);
                this.gradOutput = null;
            } else {
                differentiate(input.data, output.data, gradOutput.data, gradInput.data, 0, size);
            }
            return gradInput;
        }

        private boolean parallel() {
            return runner != null && size >= PARALLEL_MIN_ELEMENTS;
        }

        private int ranges() {
            return AbstractActivation.ranges(size);
        }

        private void forwardRange(int worker, int range) {
            int from = range * RANGE;
            apply(input.data, output.data, from, Math.min(size, from + RANGE));
        }

        private void backwardRange(int worker, int range) {
            int from = range * RANGE;
            differentiate(input.data, output.data, gradOutput.data, gradInput.data, from, Math.min(size, from + RANGE));
        }
    }
}
