package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.data.SyntheticClassification;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

/** Checkpoint states survive a JSON round trip exactly, so a checkpoint file resumes a run bit for bit. */
class CheckpointJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void optimizerStateRoundTripsExactly() throws JsonProcessingException {
        List<Parameter> params = OptimizerFixtures.network(11);
        Adam adam = new Adam(params, AdamConfig.adamW(0.01), LearningRateSchedule.constant(1e-3));
        var grads = RandomStreams.of(11).stream("test.grads");
        for (int i = 0; i < 20; i++) {
            OptimizerFixtures.gradients(params, grads);
            adam.step();
        }
        OptimizerState state = adam.exportState();
        OptimizerState back = JSON.readValue(JSON.writeValueAsString(state), OptimizerState.class);
        assertEquals(state.kind(), back.kind());
        assertEquals(state.step(), back.step());
        assertEquals(state.buffers().keySet(), back.buffers().keySet());
        for (String key : state.buffers().keySet()) {
            assertArrayEquals(state.buffers().get(key), back.buffers().get(key), key);
        }
    }

    @Test
    void batcherStateRoundTripsExactly() throws JsonProcessingException {
        var data = new SyntheticClassification(3, 4, 2, 1, 4, 0.5, 0.0).generate(30, 1, 3).train();
        MiniBatches batches = MiniBatches.shuffled(data, 7, MiniBatches.LastBatch.KEEP, RandomStreams.of(3).stream("shuffle"));
        var batch = batches.newBatch();
        batches.next(batch);
        MiniBatches.State state = batches.saveState();
        MiniBatches.State back = JSON.readValue(JSON.writeValueAsString(state), MiniBatches.State.class);
        assertEquals(state.epoch(), back.epoch());
        assertEquals(state.position(), back.position());
        assertArrayEquals(state.rngState(), back.rngState());
    }
}
