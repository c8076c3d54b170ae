package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;

/**
 * Compares a backward pass with central finite differences of the scalar probe loss
 * {@code L(y) = Σ_ij r_ij·y_ij} (so {@code ∂L/∂y = r}), accumulated in double: for one call of a
 * module (gradients of its inputs and parameters) or for a whole model graph (gradients of its
 * parameters, through every application of a shared module).
 *
 * <p>Tolerance: the modules compute in float, so each probe value carries a rounding error of
 * about {@code 1e-7·Σ|r·y|}; divided by the {@code 2h = 2e-2} of the difference quotient this
 * is about {@code 1e-5} for the sizes used here. The truncation error of the central
 * difference is {@code h²/6·|L'''|} ≈ {@code 2e-5} for the smooth modules. An entry passes if
 * {@code |analytic − numeric| ≤ ABSOLUTE + RELATIVE·|numeric|}: two orders of magnitude above
 * these errors, and far below what a wrong formula (a missing factor, a transposition, a
 * gradient of one application only) gives.
 */
public final class GradientCheck {

    /** Finite-difference step h. */
    public static final double STEP = 1e-2;
    /** Absolute part of the tolerance. */
    public static final double ABSOLUTE = 2e-3;
    /** Relative part of the tolerance. */
    public static final double RELATIVE = 1e-2;

    /** The side inputs of a module checked on its own: none. */
    private static final Feed NO_SIDE_INPUTS = new Feed();

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
     * Checks ∂L/∂input and ∂L/∂θ of every parameter of a one-input module at {@code input}.
     *
     * @param module        the module
     * @param input         the point, batch × input width; perturbed and restored
     * @param beforeForward run before every forward pass (e.g. to replay a dropout mask)
     * @param rng           the stream for the probe weights r
     */
    public static void check(Module module, FMatrixRMaj input, Runnable beforeForward, UniformRandomProvider rng) {
        check(module, new FMatrixRMaj[] {input}, beforeForward, rng);
    }

    /**
     * Checks ∂L/∂input of every input and ∂L/∂θ of every parameter of one call of {@code module}.
     *
     * @param module        the module
     * @param inputs        the point, one matrix per input; perturbed and restored
     * @param beforeForward run before every forward pass (e.g. to replay a dropout mask)
     * @param rng           the stream for the probe weights r
     */
    public static void check(Module module, FMatrixRMaj[] inputs, Runnable beforeForward, UniformRandomProvider rng) {
        check(module, inputs, NO_SIDE_INPUTS, beforeForward, rng);
    }

    /**
     * Checks ∂L/∂input of every input and ∂L/∂θ of every parameter of one call of {@code module}
     * that reads side inputs of the batch (token ids, how rows form sequences, …).
     *
     * @param module        the module
     * @param inputs        the point, one matrix per input; perturbed and restored
     * @param feed          the batch's side inputs; not changed
     * @param beforeForward run before every forward pass (e.g. to replay a dropout mask)
     * @param rng           the stream for the probe weights r
     */
    public static void check(Module module, FMatrixRMaj[] inputs, Feed feed, Runnable beforeForward,
                             UniformRandomProvider rng) {
        Call call = module.newCall();
        beforeForward.run();
        FMatrixRMaj[] outputs = call.forward(inputs, feed, true);
        FMatrixRMaj[] r = new FMatrixRMaj[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            r[k] = uniform(outputs[k].numRows, outputs[k].numCols, rng);
        }
        for (Parameter p : module.parameters()) {
            p.zeroGrad();
        }
        boolean[] all = new boolean[inputs.length];
        java.util.Arrays.fill(all, true);
        FMatrixRMaj[] returned = call.backward(r, all);
        FMatrixRMaj[] gradInputs = new FMatrixRMaj[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            gradInputs[k] = returned[k].copy();
        }
        DoubleSupplier probe = () -> {
            beforeForward.run();
            return dot(r, call.forward(inputs, feed, true));
        };
        for (int k = 0; k < inputs.length; k++) {
            for (int i = 0; i < inputs[k].getNumElements(); i++) {
                assertClose(gradInputs[k].data[i], derivative(inputs[k], i, probe),
                        "entry " + i + " of input " + k + " of " + module);
            }
        }
        checkParameters(module.parameters(), probe);
    }

    /**
     * Checks ∂L/∂θ of every parameter of a model, computed by its full (uncut) backward pass. A
     * module applied at several places must get the sum of the gradients of its applications.
     *
     * @param model         the model
     * @param batch         its inputs; not changed
     * @param beforeForward run before every forward pass
     * @param rng           the stream for the probe weights r
     */
    public static void check(Graph model, Feed batch, Runnable beforeForward, UniformRandomProvider rng) {
        beforeForward.run();
        FMatrixRMaj y = model.forward(batch, true);
        FMatrixRMaj[] r = {uniform(y.numRows, y.numCols, rng)};
        model.zeroGrad();
        model.backward(r[0], false, null);
        checkParameters(model.parameters(), () -> {
            beforeForward.run();
            return dot(r, new FMatrixRMaj[] {model.forward(batch, true)});
        });
    }

    /** Compares the gradient each parameter holds now with finite differences of {@code probe}. */
    private static void checkParameters(java.util.List<Parameter> parameters, DoubleSupplier probe) {
        for (Parameter p : parameters) {
            FMatrixRMaj analytic = p.grad().copy();
            for (int i = 0; i < p.size(); i++) {
                assertClose(analytic.data[i], derivative(p.value(), i, probe), "entry " + i + " of " + p.name());
            }
        }
    }

    /**
     * The central difference {@code (f(v + h) − f(v − h))/2h} in entry {@code i} of {@code perturbed}.
     *
     * @param perturbed the matrix holding the variable; restored afterwards
     * @param i         the entry
     * @param f         the function, evaluated twice
     * @return the finite-difference derivative
     */
    public static double derivative(FMatrixRMaj perturbed, int i, DoubleSupplier f) {
        float saved = perturbed.data[i];
        perturbed.data[i] = (float) (saved + STEP);
        double plus = f.getAsDouble();
        perturbed.data[i] = (float) (saved - STEP);
        double minus = f.getAsDouble();
        perturbed.data[i] = saved;
        return (plus - minus) / (2 * STEP);
    }

    private static double dot(FMatrixRMaj[] r, FMatrixRMaj[] y) {
        double sum = 0;
        for (int k = 0; k < r.length; k++) {
            for (int i = 0; i < y[k].getNumElements(); i++) {
                sum += (double) r[k].data[i] * y[k].data[i];
            }
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
