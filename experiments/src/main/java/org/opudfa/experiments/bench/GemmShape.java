package org.opudfa.experiments.bench;

import java.util.List;
import java.util.Locale;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;

/**
 * The shape of one matrix product {@code C = op(A)·op(B)}, with {@code op(A)} of size
 * {@code m × k} and {@code op(B)} of size {@code k × n}; {@code op} transposes the stored matrix
 * when its flag is set. Written {@code XY_MxNxK}, with {@code X}, {@code Y} each {@code N} (as
 * stored) or {@code T} (transposed), for example {@code NT_128x1024x784}.
 *
 * @param transA whether A is stored transposed ({@code k × m})
 * @param transB whether B is stored transposed ({@code n × k})
 * @param m      rows of C, at least 1
 * @param n      columns of C, at least 1
 * @param k      the inner dimension, at least 1
 */
public record GemmShape(boolean transA, boolean transB, int m, int n, int k) {

    /**
     * The products to benchmark: a square 1024³ reference and the products of one training step
     * of the 784-1024-1024-10 MLP at batch 128, with the exact DFA projection to 2048.
     */
    public static final List<GemmShape> STANDARD = List.of(
            parse("NN_1024x1024x1024"), // square reference
            parse("NT_128x1024x784"),   // forward, first hidden layer: x · W1ᵀ
            parse("NN_128x1024x1024"),  // backward through a hidden layer: δ · W2
            parse("TN_1024x784x128"),   // weight gradient: δᵀ · h
            parse("NT_128x2048x10"));   // exact projector: e · Bᵀ

    /**
     * @throws IllegalArgumentException if a dimension is below 1
     */
    public GemmShape {
        requirePositive("m", m);
        requirePositive("n", n);
        requirePositive("k", k);
    }

    private static void requirePositive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("GEMM dimension " + field + " must be at least 1, got " + value);
        }
    }

    /**
     * @param name a shape written {@code XY_MxNxK}, e.g. {@code TN_1024x784x128}
     * @return the shape
     * @throws IllegalArgumentException if the name does not have that form
     */
    public static GemmShape parse(String name) {
        String[] parts = name.split("_");
        String[] dims = parts.length == 2 ? parts[1].split("x") : new String[0];
        if (parts.length != 2 || !parts[0].matches("[NT]{2}") || dims.length != 3) {
            throw new IllegalArgumentException("GEMM shape must be written like NT_128x1024x784 (N or T for A and B,"
                    + " then MxNxK), got '" + name + "'");
        }
        try {
            return new GemmShape(parts[0].charAt(0) == 'T', parts[0].charAt(1) == 'T',
                    Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GEMM shape dimensions must be whole numbers, got '" + name + "'", e);
        }
    }

    /** @return the shape written {@code XY_MxNxK} */
    public String name() {
        return String.format(Locale.ROOT, "%s%s_%dx%dx%d", transA ? "T" : "N", transB ? "T" : "N", m, n, k);
    }

    /** @return floating-point operations of one product, {@code 2·m·n·k} */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /**
     * @param rng the stream to draw entries from, uniform in [−1, 1)
     * @return A as stored: {@code k × m} if transposed, else {@code m × k}
     */
    public FMatrixRMaj randomA(UniformRandomProvider rng) {
        return transA ? random(k, m, rng) : random(m, k, rng);
    }

    /**
     * @param rng the stream to draw entries from, uniform in [−1, 1)
     * @return B as stored: {@code n × k} if transposed, else {@code k × n}
     */
    public FMatrixRMaj randomB(UniformRandomProvider rng) {
        return transB ? random(n, k, rng) : random(k, n, rng);
    }

    /** @return a zero {@code m × n} output */
    public FMatrixRMaj newC() {
        return new FMatrixRMaj(m, n);
    }

    private static FMatrixRMaj random(int rows, int cols, UniformRandomProvider rng) {
        FMatrixRMaj a = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = (float) (2.0 * rng.nextDouble() - 1.0);
        }
        return a;
    }
}
