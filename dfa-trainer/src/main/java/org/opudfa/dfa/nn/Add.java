package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;

/**
 * Element-wise sum of two or more inputs of one shape, {@code y = Σ_i x_i}: residual and skip
 * connections. Backward passes the output gradient to every input unchanged ({@code ∂x_i = ∂y}),
 * without copying it.
 */
public final class Add implements Module {

    private final String name;

    /**
     * @param name the module's name
     */
    public Add(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public int[] outputWidths(int[] inputWidths) {
        if (inputWidths.length < 2) {
            throw new IllegalArgumentException("sum '" + name + "' takes at least 2 inputs, got " + inputWidths.length);
        }
        for (int w : inputWidths) {
            if (w != inputWidths[0]) {
                throw new IllegalArgumentException("sum '" + name + "' takes inputs of one width, got "
                        + java.util.Arrays.toString(inputWidths));
            }
        }
        return new int[] {inputWidths[0]};
    }

    @Override
    public Call newCall() {
        return new Call() {
            private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
            private final FMatrixRMaj[] outputs = {output};
            private FMatrixRMaj[] gradInputs;

            @Override
            public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
                FMatrixRMaj first = inputs[0];
                int n = first.getNumElements();
                for (int i = 1; i < inputs.length; i++) {
                    if (inputs[i].numRows != first.numRows || inputs[i].numCols != first.numCols) {
                        throw new IllegalArgumentException("sum '" + name + "' got inputs of shapes " + first.numRows
                                + "×" + first.numCols + " and " + inputs[i].numRows + "×" + inputs[i].numCols);
                    }
                }
                output.reshape(first.numRows, first.numCols);
                float[] y = output.data;
                System.arraycopy(first.data, 0, y, 0, n);
                for (int i = 1; i < inputs.length; i++) {
                    float[] x = inputs[i].data;
                    for (int j = 0; j < n; j++) {
                        y[j] += x[j];
                    }
                }
                if (gradInputs == null || gradInputs.length != inputs.length) {
                    gradInputs = new FMatrixRMaj[inputs.length];
                }
                return outputs;
            }

            @Override
            public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
                if (gradInputs == null) {
                    throw new IllegalStateException("sum '" + name + "' has no forward pass to go back through");
                }
                for (int i = 0; i < gradInputs.length; i++) {
                    gradInputs[i] = needInput[i] ? gradOutputs[0] : null;
                }
                return gradInputs;
            }
        };
    }

    @Override
    public String toString() {
        return "Add(" + name + ")";
    }
}
