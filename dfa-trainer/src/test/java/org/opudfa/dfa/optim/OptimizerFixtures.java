package org.opudfa.dfa.optim;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

/** Small parameter sets and seeded gradients shared by the optimizer tests. */
final class OptimizerFixtures {

    private OptimizerFixtures() {
    }

    /** One parameter holding {@code values} as a row, with gradient {@code grads}. */
    static Parameter row(String name, float[] values, float[] grads) {
        Parameter p = new Parameter(name, new FMatrixRMaj(1, values.length, true, values.clone()));
        System.arraycopy(grads, 0, p.grad().data, 0, grads.length);
        return p;
    }

    /** Two parameters (2×3 and 1×4) with values drawn from the given seed. */
    static List<Parameter> network(long seed) {
        UniformRandomProvider rng = RandomStreams.of(seed).stream("test.init");
        Parameter w = new Parameter("layer.weight", new FMatrixRMaj(2, 3));
        Parameter b = new Parameter("layer.bias", new FMatrixRMaj(1, 4));
        for (Parameter p : List.of(w, b)) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = (float) (2 * rng.nextDouble() - 1);
            }
        }
        return List.of(w, b);
    }

    /** Deep copies of the parameters (same names, values copied, gradients zero). */
    static List<Parameter> copy(List<Parameter> params) {
        return params.stream().map(p -> new Parameter(p.name(), p.value().copy())).toList();
    }

    /** Writes gradients that depend on the step and on the current values (like a real loss would). */
    static void gradients(List<Parameter> params, UniformRandomProvider rng) {
        for (Parameter p : params) {
            for (int i = 0; i < p.size(); i++) {
                p.grad().data[i] = (float) (rng.nextDouble() - 0.5) + 0.3f * p.value().data[i];
            }
        }
    }
}
