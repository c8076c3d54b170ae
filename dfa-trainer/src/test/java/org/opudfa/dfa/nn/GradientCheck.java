package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;

/**
 * Compares a layer's backward pass with central finite differences of the scalar probe loss
 * {@code L(y) = Σ_ij r_ij·y_ij} (so {@code ∂L/∂y = r}), accumulated in double.
 *
 * <p>Tolerance: the layers compute in float, so each probe value carries a rounding error of
 * about {@code 1e-7·Σ|r·y|}; divided by the {@code 2h = 2e-2} of the difference quotient this
 * is about {@code 1e-5} for the sizes used here. The truncation error of the central
 * difference is {@code h²/6·|L'''|} ≈ {@code 2e-5} for the smooth layers. An entry passes if
 * {@code |analytic − numeric| ≤ ABSOLUTE + RELATIVE·|numeric|}: two orders of magnitude above
 * these errors, and far below what a wrong formula (a missing factor, a transposition) gives.
 */
public final class GradientCheck {

    /** Finite-difference step h. */
    public static final double STEP = 1e-2;
    /** Absolute part of the tolerance. */
    public static final double ABSOLUTE = 2e-3;
    /** Relative part of the tolerance. */
    public static final double RELATIVE = 1e-2;

    private GradientCheck() {
    }

    /**
     * @param rows rows
     * @param cols columns
     * @param rng  the stream
     * @return a matrix with entries uniform in [−1, 1)
     */
    public static FMatrixRMaj uniform(int rows, int cols, UniformRandomProvider rng) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) (2.0 * rng.nextDouble() - 1.0);
        }
        return m;
    }

    /**
     * Checks ∂L/∂input and ∂L/∂θ of every parameter of {@code layer} at {@code input}.
     *
     * @param layer        the layer
     * @param input        the point, batch × inputWidth; perturbed and restored
     * @param beforeForward run before every forward pass (e.g. to replay a dropout mask)
     * @param rng          the stream for the probe weights r
     */
    public static void check(Layer layer, FMatrixRMaj input, Runnable beforeForward, UniformRandomProvider rng) {
        beforeForward.run();
        FMatrixRMaj y = layer.forward(input, true);
        FMatrixRMaj r = uniform(y.numRows, y.numCols, rng);
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        FMatrixRMaj gradInput = layer.backward(r).copy();
        for (int i = 0; i < input.getNumElements(); i++) {
            double numeric = numeric(layer, input, input, i, r, beforeForward);
            assertClose(gradInput.data[i], numeric, "input entry " + i + " of " + layer);
        }
        for (Parameter p : layer.parameters()) {
            FMatrixRMaj analytic = p.grad().copy();
            for (int i = 0; i < p.size(); i++) {
                double numeric = numeric(layer, input, p.value(), i, r, beforeForward);
                assertClose(analytic.data[i], numeric, "entry " + i + " of " + p.name());
            }
        }
    }

    private static double numeric(Layer layer, FMatrixRMaj input, FMatrixRMaj perturbed, int i, FMatrixRMaj r,
                                  Runnable beforeForward) {
        float saved = perturbed.data[i];
        perturbed.data[i] = (float) (saved + STEP);
        double plus = probe(layer, input, r, beforeForward);
        perturbed.data[i] = (float) (saved - STEP);
        double minus = probe(layer, input, r, beforeForward);
        perturbed.data[i] = saved;
        return (plus - minus) / (2 * STEP);
    }

    private static double probe(Layer layer, FMatrixRMaj input, FMatrixRMaj r, Runnable beforeForward) {
        beforeForward.run();
        FMatrixRMaj y = layer.forward(input, true);
        double sum = 0;
        for (int i = 0; i < y.getNumElements(); i++) {
            sum += (double) r.data[i] * y.data[i];
        }
        return sum;
    }

    /**
     * @param analytic the computed derivative
     * @param numeric  the finite-difference derivative
     * @param what     what is compared, for the message
     */
    public static void assertClose(double analytic, double numeric, String what) {
        double err = Math.abs(analytic - numeric);
        assertTrue(err <= ABSOLUTE + RELATIVE * Math.abs(numeric),
                () -> what + ": analytic " + analytic + " vs numeric " + numeric);
    }
}
