package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.opu.kernel.Gemm;

/** Each kind's declared state buffers are those its optimizer exports, which memory estimates count on. */
class OptimizerKindTest {

    @Test
    void buffersPerParameterAreThoseTheOptimizerKeeps() {
        List<Parameter> parameters = List.of(new Parameter("a", new FMatrixRMaj(2, 3)),
                new Parameter("b", new FMatrixRMaj(1, 3)));
        for (OptimizerKind kind : OptimizerKind.values()) {
            RunParts parts = new RunParts(MlpTask.INSTANCE.defaults().with(TrainingSettings.OPTIMIZER, kind),
                    Gemm.singleThreaded());
            OptimizerState state = parts.optimizer(parameters, 1).exportState();
            assertEquals(kind.buffersPerParameter() * parameters.size(), state.buffers().size(), kind.name());
        }
    }
}
