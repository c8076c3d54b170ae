package org.opudfa.dfa.nn;

import java.util.List;

import org.ejml.data.FMatrixRMaj;

/**
 * Skeleton of an element-wise activation {@code y = f(x)} without parameters, of any width:
 * backward is {@code ∂x = ∂y ⊙ f'(x)}. Subclasses give the two element loops; each call keeps
 * its last input and output for backward.
 */
public abstract class AbstractActivation extends UnaryModule {

    /**
     * @param name the module's name
     */
    protected AbstractActivation(String name) {
        super(name);
    }

    /**
     * Writes {@code y[i] = f(x[i])} for {@code i < n}.
     *
     * @param x input values
     * @param y output values
     * @param n how many entries
     */
    protected abstract void apply(float[] x, float[] y, int n);

    /**
     * Writes {@code gradX[i] = gradY[i] · f'(x[i])} for {@code i < n}.
     *
     * @param x     the inputs of the last forward pass
     * @param y     the outputs of the last forward pass, {@code f(x)}, for derivatives cheaper from y
     * @param gradY ∂L/∂y
     * @param gradX ∂L/∂x, written
     * @param n     how many entries
     */
    protected abstract void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int n);

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
        private FMatrixRMaj input;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            this.input = input;
            output.reshape(input.numRows, input.numCols);
            apply(input.data, output.data, input.getNumElements());
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
            differentiate(input.data, output.data, gradOutput.data, gradInput.data, input.getNumElements());
            return gradInput;
        }
    }
}
