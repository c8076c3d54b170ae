package org.opudfa.dfa.task.graph;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;

/**
 * Finite-difference checks of graph modules that read side inputs (an operator, features, pairs)
 * from a feed, with {@link GradientCheck}'s probe loss {@code L = Σ r·y} and tolerances.
 *
 * <p>The step is a parameter: attention has LeakyReLU kinks at every score
 * {@code s_ij = 0} (and ReLU at every pre-activation), and a central difference whose two points
 * straddle a kink is wrong by up to the jump in slope. With {@link GradientCheck#STEP} = 1e-2 a
 * model of some 40 scores in [−2, 2] straddles one in about a third of the draws;
 * {@link #KINK_STEP} = 2e-3 makes that five times rarer while the float rounding of the probe,
 * about {@code 1e-7·Σ|r·y|/(2h)} ≈ 5e-4 for the sizes here, stays below the absolute tolerance.
 */
final class LayerGradients {

    /** The finite-difference step for modules and models with many kinks (attention, the autoencoder's products of ReLUs). */
    static final double KINK_STEP = 2e-3;

    private LayerGradients() {
    }

    /**
     * Checks the gradients of the tensor inputs and parameters of one call, with {@link GradientCheck#STEP}.
     *
     * @param module        the module
     * @param inputs        its tensor inputs (perturbed and restored); may be empty
     * @param feed          the batch's side inputs
     * @param beforeForward run before every forward pass (to replay dropout masks)
     * @param rng           the stream for the probe weights
     */
    static void check(Module module, FMatrixRMaj[] inputs, Feed feed, Runnable beforeForward,
                      UniformRandomProvider rng) {
        check(module, inputs, feed, beforeForward, rng, GradientCheck.STEP);
    }

    /**
     * As {@link #check(Module, FMatrixRMaj[], Feed, Runnable, UniformRandomProvider)} with a given step.
     *
     * @param module        the module
     * @param inputs        its tensor inputs
     * @param feed          the batch's side inputs
     * @param beforeForward run before every forward pass
     * @param rng           the stream for the probe weights
     * @param step          the finite-difference step
     */
    static void check(Module module, FMatrixRMaj[] inputs, Feed feed, Runnable beforeForward,
                      UniformRandomProvider rng, double step) {
        Call call = module.newCall();
        beforeForward.run();
        FMatrixRMaj y = call.forward(inputs, feed, true)[0];
        FMatrixRMaj r = GradientCheck.uniform(y.numRows, y.numCols, rng);
        for (Parameter p : module.parameters()) {
            p.zeroGrad();
        }
        boolean[] all = new boolean[inputs.length];
        Arrays.fill(all, true);
        FMatrixRMaj[] returned = call.backward(new FMatrixRMaj[] {r}, all);
        FMatrixRMaj[] gradInputs = new FMatrixRMaj[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            gradInputs[k] = returned[k].copy();
        }
        DoubleSupplier probe = () -> {
            beforeForward.run();
            return dot(r, call.forward(inputs, feed, true)[0]);
        };
        for (int k = 0; k < inputs.length; k++) {
            for (int i = 0; i < inputs[k].getNumElements(); i++) {
                GradientCheck.assertClose(gradInputs[k].data[i], derivative(inputs[k], i, probe, step),
                        "entry " + i + " of input " + k + " of " + module);
            }
        }
        checkParameters(module.parameters(), probe, step);
    }

    /**
     * Checks the parameter gradients of a whole model's backward pass with a given step (for
     * models with attention; the others use {@link GradientCheck#check(Graph, Feed, Runnable, UniformRandomProvider)}).
     *
     * @param model         the model
     * @param feed          its batch
     * @param beforeForward run before every forward pass
     * @param rng           the stream for the probe weights
     * @param step          the finite-difference step
     */
    static void check(Graph model, Feed feed, Runnable beforeForward, UniformRandomProvider rng, double step) {
        beforeForward.run();
        FMatrixRMaj y = model.forward(feed, true);
        FMatrixRMaj r = GradientCheck.uniform(y.numRows, y.numCols, rng);
        model.zeroGrad();
        model.backward(r, false, null);
        checkParameters(model.parameters(), () -> {
            beforeForward.run();
            return dot(r, model.forward(feed, true));
        }, step);
    }

    private static void checkParameters(List<Parameter> parameters, DoubleSupplier probe, double step) {
        for (Parameter p : parameters) {
            FMatrixRMaj analytic = p.grad().copy();
            for (int i = 0; i < p.size(); i++) {
                GradientCheck.assertClose(analytic.data[i], derivative(p.value(), i, probe, step),
                        "entry " + i + " of " + p.name());
            }
        }
    }

    private static double derivative(FMatrixRMaj perturbed, int i, DoubleSupplier f, double step) {
        float saved = perturbed.data[i];
        perturbed.data[i] = (float) (saved + step);
        double plus = f.getAsDouble();
        perturbed.data[i] = (float) (saved - step);
        double minus = f.getAsDouble();
        perturbed.data[i] = saved;
        // the perturbation actually applied, after rounding to float
        return (plus - minus) / ((double) (float) (saved + step) - (float) (saved - step));
    }

    private static double dot(FMatrixRMaj r, FMatrixRMaj y) {
        double sum = 0;
        for (int i = 0; i < y.getNumElements(); i++) {
            sum += (double) r.data[i] * y.data[i];
        }
        return sum;
    }
}
