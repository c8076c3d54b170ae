package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

class OptimizerStateTest {

    private static final long SEED = 2024L;
    private static final LearningRateSchedule COSINE = LearningRateSchedule.cosine(0.05, 0.001, 12);

    /**
     * Runs an optimizer 7 steps, checkpoints it, runs 5 more; then builds a fresh optimizer on
     * copies of the checkpointed parameters, imports the state (or not) and replays the same 5
     * gradients.
     *
     * @return whether the final values of the two runs are bit-identical
     */
    private static boolean resumesBitForBit(Function<List<Parameter>, Optimizer> factory, boolean importState) {
        List<Parameter> params = OptimizerFixtures.network(SEED);
        Optimizer original = factory.apply(params);
        RestorableUniformRandomProvider grads = RandomStreams.of(SEED).stream("test.grads");
        for (int i = 0; i < 7; i++) {
            OptimizerFixtures.gradients(params, grads);
            original.step();
        }
        OptimizerState state = original.exportState();
        List<Parameter> resumedParams = OptimizerFixtures.copy(params);
        RandomProviderState gradState = grads.saveState();
        for (int i = 0; i < 5; i++) {
            OptimizerFixtures.gradients(params, grads);
            original.step();
        }

        Optimizer resumed = factory.apply(resumedParams);
        if (importState) {
            resumed.importState(state);
            assertEquals(7, resumed.stepCount());
        }
        grads.restoreState(gradState);
        for (int i = 0; i < 5; i++) {
            OptimizerFixtures.gradients(resumedParams, grads);
            resumed.step();
        }
        boolean same = true;
        for (int k = 0; k < params.size(); k++) {
            same &= Arrays.equals(params.get(k).value().data, resumedParams.get(k).value().data);
        }
        return same;
    }

    @Test
    void sgdResumes() {
        assertTrue(resumesBitForBit(p -> new Sgd(p, new SgdConfig(0.9, true, 1e-3), COSINE), true));
    }

    @Test
    void adamResumes() {
        assertTrue(resumesBitForBit(p -> new Adam(p, new AdamConfig(0.9, 0.99, 1e-8, 1e-3, false), COSINE), true));
    }

    @Test
    void adamWResumes() {
        assertTrue(resumesBitForBit(p -> new Adam(p, AdamConfig.adamW(0.01), COSINE), true));
    }

    @Test
    void withoutImportTheResumedRunDiffers() {
        // Guards the tests above: moments and step count really matter to the continuation.
        assertFalse(resumesBitForBit(p -> new Sgd(p, SgdConfig.withMomentum(0.9), COSINE), false));
        assertFalse(resumesBitForBit(p -> new Adam(p, AdamConfig.adam(), COSINE), false));
    }

    @Test
    void exportedStateIsADeepCopyWithNamedBuffers() {
        List<Parameter> params = OptimizerFixtures.network(SEED);
        Adam adam = new Adam(params, AdamConfig.adam(), COSINE);
        OptimizerFixtures.gradients(params, RandomStreams.of(SEED).stream("test.grads"));
        adam.step();
        OptimizerState s = adam.exportState();
        assertEquals("adam", s.kind());
        assertEquals(1, s.step());
        assertEquals(List.of("layer.bias/m", "layer.bias/v", "layer.weight/m", "layer.weight/v"),
                List.copyOf(s.buffers().keySet()));
        float before = s.buffers().get("layer.weight/m")[0];
        s.buffers().get("layer.weight/m")[0] = 123f;
        adam.step();
        assertEquals(before, s.buffers().get("layer.weight/m")[0]);
    }

    @Test
    void importRejectsMismatchedStates() {
        List<Parameter> params = OptimizerFixtures.network(SEED);
        Adam adam = new Adam(params, AdamConfig.adam(), COSINE);
        OptimizerState sgdState = new Sgd(OptimizerFixtures.copy(params), SgdConfig.plain(), COSINE).exportState();
        assertEquals("optimizer state is of kind \"sgd\"; expected \"adam\"",
                assertThrows(IllegalArgumentException.class, () -> adam.importState(sgdState)).getMessage());

        Map<String, float[]> buffers = new HashMap<>(adam.exportState().buffers());
        buffers.remove("layer.bias/v");
        assertEquals("optimizer state has no buffer \"layer.bias/v\"; expected one per parameter and slot",
                assertThrows(IllegalArgumentException.class,
                        () -> adam.importState(new OptimizerState("adam", 3, buffers))).getMessage());

        buffers.put("layer.bias/v", new float[3]);
        assertEquals("optimizer state buffer \"layer.bias/v\" has 3 entries; expected 4 (the parameter's size)",
                assertThrows(IllegalArgumentException.class,
                        () -> adam.importState(new OptimizerState("adam", 3, buffers))).getMessage());

        buffers.put("layer.bias/v", new float[4]);
        buffers.put("other/m", new float[1]);
        assertEquals("optimizer state has 5 buffers; expected 4 (2 per parameter for 2 parameters)",
                assertThrows(IllegalArgumentException.class,
                        () -> adam.importState(new OptimizerState("adam", 3, buffers))).getMessage());
        assertEquals(0, adam.stepCount(), "a rejected import must leave the optimizer unchanged");

        assertEquals("step must be non-negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> new OptimizerState("adam", -1, Map.of())).getMessage());
    }
}
