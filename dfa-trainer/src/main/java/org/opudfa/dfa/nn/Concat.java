package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;

/**
 * Concatenation of the columns of two or more inputs with the same rows,
 * {@code y = [x_1 | x_2 | …]} (NeRF's skip connection and view-direction branch, DeepFM's fields).
 * Backward splits the output gradient into the inputs' column ranges.
 */
public final class Concat implements Module {

    private final String name;

    /**
     * @param name the module's name
     */
    public Concat(String name) {
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
            throw new IllegalArgumentException("concatenation '" + name + "' takes at least 2 inputs, got "
                    + inputWidths.length);
        }
        int sum = 0;
        for (int w : inputWidths) {
            sum += w;
        }
        return new int[] {sum};
    }

    @Override
    public Call newCall() {
        return new Call() {
            private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
            private final FMatrixRMaj[] outputs = {output};
            private FMatrixRMaj[] buffers;
            private FMatrixRMaj[] gradInputs;
            private int[] widths;

            @Override
            public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
                int rows = inputs[0].numRows;
                if (buffers == null || buffers.length != inputs.length) {
                    buffers = new FMatrixRMaj[inputs.length];
                    gradInputs = new FMatrixRMaj[inputs.length];
                    widths = new int[inputs.length];
                    for (int i = 0; i < inputs.length; i++) {
                        buffers[i] = new FMatrixRMaj(1, 1);
                    }
                }
                int total = 0;
                for (int i = 0; i < inputs.length; i++) {
                    if (inputs[i].numRows != rows) {
                        throw new IllegalArgumentException("concatenation '" + name + "' got inputs of " + rows
                                + " and " + inputs[i].numRows + " rows");
                    }
                    widths[i] = inputs[i].numCols;
                    total += widths[i];
                }
                output.reshape(rows, total);
                float[] y = output.data;
                for (int r = 0; r < rows; r++) {
                    int at = r * total;
                    for (int i = 0; i < inputs.length; i++) {
                        System.arraycopy(inputs[i].data, r * widths[i], y, at, widths[i]);
                        at += widths[i];
                    }
                }
                return outputs;
            }

            @Override
            public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
                if (widths == null) {
                    throw new IllegalStateException("concatenation '" + name
                            + "' has no forward pass to go back through");
                }
                FMatrixRMaj g = gradOutputs[0];
                int rows = g.numRows;
                int total = g.numCols;
                int offset = 0;
                for (int i = 0; i < widths.length; i++) {
                    gradInputs[i] = null;
                    if (needInput[i]) {
                        FMatrixRMaj gi = buffers[i];
                        gradInputs[i] = gi;
                        gi.reshape(rows, widths[i]);
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(g.data, r * total + offset, gi.data, r * widths[i], widths[i]);
                        }
                    }
                    offset += widths[i];
                }
                return gradInputs;
            }
        };
    }

    @Override
    public String toString() {
        return "Concat(" + name + ")";
    }
}
