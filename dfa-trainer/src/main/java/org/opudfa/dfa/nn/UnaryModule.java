package org.opudfa.dfa.nn;

import java.util.Objects;

/**
 * Skeleton of a {@link Module} with one input and one output: shape inference reduces to
 * {@link #outputWidth(int)}.
 */
public abstract class UnaryModule implements Module {

    private final String name;

    /**
     * @param name the module's name
     */
    protected UnaryModule(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * @param inputWidth the number of columns of the input
     * @return the number of columns of the output
     * @throws IllegalArgumentException if this module does not take inputs of that width
     */
    public abstract int outputWidth(int inputWidth);

    @Override
    public final int[] outputWidths(int[] inputWidths) {
        if (inputWidths.length != 1) {
            throw new IllegalArgumentException(name + " takes 1 input, got " + inputWidths.length);
        }
        return new int[] {outputWidth(inputWidths[0])};
    }

    @Override
    public abstract UnaryCall newCall();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
