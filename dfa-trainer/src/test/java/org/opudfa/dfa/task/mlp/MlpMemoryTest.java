package org.opudfa.dfa.task.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.data.SyntheticClassification;
import org.opudfa.dfa.optim.AllocationMeter;
import org.opudfa.dfa.optim.OptimizerKind;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.MemoryEstimate;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;

/** The MLP task's heap estimate: known answers for a small run, the batch clamped to the data, and the allocation it predicts. */
class MlpMemoryTest {

    private static final int TRAIN = 384;
    private static final int TEST = 128;
    private static final int FEATURES = 64;
    private static final int CLASSES = 10;
    /** A 10-class task of 64 features. */
    private static final MlpData DATA = new MlpData(new SyntheticClassification(CLASSES, FEATURES, 8, 2, 32, 0.6, 0.05)
            .generate(TRAIN, TEST, 7), new DataDescription("test data", List.of()));

    /**
     * Building and running a training allocates what the estimate leaves out (the matrix kernel's
     * packing buffers, per-epoch records, temporaries); for a 64-1024-512-10 network that is 5 to 20
     * per cent of the whole, and the estimate must account for at least this share.
     */
    private static final double SHARE_ACCOUNTED = 0.75;

    /** 64-32-10, DFA through the exact projector, Adam, batch 32, alignment measured. */
    private static SettingValues small() {
        return MlpTask.INSTANCE.defaults().with(MlpSettings.DATASET, DatasetChoice.SYNTHETIC)
                .with(MlpSettings.HIDDEN, List.of(32)).with(TrainingSettings.METHOD, Method.DFA)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(TrainingSettings.OPTIMIZER, OptimizerKind.ADAM)
                .with(TrainingSettings.BATCH_SIZE, 32).with(TrainingSettings.EPOCHS, 1).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.ALIGNMENT_EVERY, 5);
    }

    private static Map<String, Long> bytesBySetting(MemoryEstimate e) {
        return e.parts().stream().collect(Collectors.groupingBy(p -> p.setting().name(),
                Collectors.summingLong(MemoryEstimate.Part::bytes)));
    }

    @Test
    void knownAnswersForASmallRun() {
        MemoryEstimate e = MlpMemory.estimate(small(), DATA);

        long parameters = FEATURES * 32 + 32 + 32 * CLASSES + CLASSES;
        Map<String, Long> bytes = bytesBySetting(e);
        assertEquals(4L * (TRAIN + TEST) * (FEATURES + 1), bytes.get(MlpSettings.TRAIN_LIMIT.name()), "data");
        // values, gradients, Adam's m and v, the alignment's copy; and the exact projector's 32×10 B
        assertEquals(4L * parameters * 5 + 4L * 32 * CLASSES, bytes.get(MlpSettings.HIDDEN.name()), "network");
        // batch buffers of 32 training and 32 test rows, outputs, gradients, projection and signals
        assertEquals(4L * (64 * (FEATURES + 2) + 32 * (2 * 32 + CLASSES) + 32 * (32 + CLASSES) + 32 * (32 + 32)),
                bytes.get(TrainingSettings.BATCH_SIZE.name()), "batches");
    }

    @Test
    void aBatchBeyondTheDataCostsNoMoreThanTheData() {
        long whole = MlpMemory.estimate(small().with(TrainingSettings.BATCH_SIZE, TRAIN), DATA).bytes();

        assertEquals(whole, MlpMemory.estimate(small().with(TrainingSettings.BATCH_SIZE, 1_000_000), DATA).bytes());
    }

    @Test
    void wideLayersMakeTheNetworkTheLargestPart() {
        MemoryEstimate e = MlpMemory.estimate(small().with(MlpSettings.HIDDEN, List.of(20_000, 20_000)), DATA);

        MemoryEstimate.Part largest = e.largest().orElseThrow();
        assertEquals(MlpSettings.HIDDEN, largest.setting());
        assertTrue(largest.what().startsWith("the 401520010 weights and biases of the 64-20000-20000-10 network"),
                largest.what());
    }

    @Test
    void theEstimateBeyondTheDataIsMostOfWhatBuildingAndTrainingAllocate() {
        for (Method method : Method.values()) {
            SettingValues values = small().with(TrainingSettings.METHOD, method).with(MlpSettings.HIDDEN, List.of(1024, 512));
            MemoryEstimate e = MlpMemory.estimate(values, DATA);
            long data = bytesBySetting(e).get(MlpSettings.TRAIN_LIMIT.name());
            long allocated = AllocationMeter.allocatedBytes(() -> {
                try (Trainer t = new Trainer(MlpTask.INSTANCE.build(values, DATA, new RunParts(values,
                        Gemm.withThreads(1, GemmImplementation.SCALAR))))) {
                    t.run(TrainingListener.NONE, null);
                }
            });
            String what = method + ": estimate " + (e.bytes() - data) + " bytes beyond the data, allocated " + allocated;
            assertTrue(e.bytes() - data <= allocated, what);
            assertTrue(e.bytes() - data >= SHARE_ACCOUNTED * allocated, what);
        }
    }
}
