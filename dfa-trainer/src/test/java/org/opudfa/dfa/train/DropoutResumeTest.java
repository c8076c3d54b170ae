package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.opudfa.dfa.train.TrainFixtures.assertSameParameters;
import static org.opudfa.dfa.train.TrainFixtures.withoutTiming;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.graph.GraphAeSettings;
import org.opudfa.dfa.task.graph.GraphAutoencoderTask;
import org.opudfa.dfa.task.graph.GraphDataSettings;
import org.opudfa.dfa.task.graph.GraphDataset;
import org.opudfa.dfa.task.graph.GraphModel;
import org.opudfa.dfa.task.graph.GraphSettings;
import org.opudfa.dfa.task.graph.GraphTask;
import org.opudfa.dfa.task.recsys.ClickLogGenerator;
import org.opudfa.dfa.task.recsys.RecsysModel;
import org.opudfa.dfa.task.recsys.RecsysSettings;
import org.opudfa.dfa.task.recsys.RecsysTask;

/**
 * Runs with dropout, stopped after some steps and resumed from their checkpoint, draw the masks
 * the uninterrupted run draws: metrics and parameters equal bit for bit, for every task with
 * dropout (the language model's test is in its own package: it draws its masks from the data
 * stream). A checkpoint without a stream's state is refused.
 */
class DropoutResumeTest {

    private static final int TOTAL_EPOCHS = 4;
    private static final int STOP_AFTER = 2;
    private static final int CLICK_ROWS = 2_000;

    @TempDir
    static Path shared;
    private static Path clicks;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateClicks() {
        clicks = ClickLogGenerator.generate(shared.resolve("clicks"), CLICK_ROWS, 11, 300, 0.25).log();
    }

    /** A small generated graph, DFA with the exact projector, one thread. */
    private static SettingValues smallGraph(SettingValues defaults) {
        return defaults.with(GraphDataSettings.DATASET, GraphDataset.GENERATED)
                .with(GraphDataSettings.NODES, 300).with(GraphDataSettings.CLASSES, 3)
                .with(GraphDataSettings.FEATURES, 200).with(GraphDataSettings.EDGES, 800)
                .with(GraphDataSettings.TOPIC_WORDS, 20).with(TrainingSettings.METHOD, Method.DFA)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.SEED, 3L);
    }

    private static SettingValues classifier(GraphModel model) {
        return smallGraph(GraphTask.INSTANCE.defaults()).with(GraphSettings.MODEL, model)
                .with(GraphSettings.TRAIN_PER_CLASS, 10).with(GraphSettings.VALIDATION_NODES, 50)
                .with(GraphSettings.TEST_NODES, 100).with(GraphSettings.INPUT_DROPOUT, 0.3)
                .with(GraphSettings.DROPOUT, 0.5).with(GraphSettings.ATTENTION_DROPOUT, 0.4)
                .with(GraphSettings.HEADS, 2).with(GraphSettings.HEAD_WIDTH, 4);
    }

    @Test
    void gcnWithInputAndHiddenDropoutResumesExactly() {
        assertResumesExactly(GraphTask.INSTANCE, classifier(GraphModel.GCN));
    }

    @Test
    void gatWithAttentionDropoutResumesExactly() {
        assertResumesExactly(GraphTask.INSTANCE, classifier(GraphModel.GAT));
    }

    @Test
    void graphAutoencoderWithDropoutResumesExactly() {
        assertResumesExactly(GraphAutoencoderTask.INSTANCE, smallGraph(GraphAutoencoderTask.INSTANCE.defaults())
                .with(GraphAeSettings.INPUT_DROPOUT, 0.2).with(GraphAeSettings.DROPOUT, 0.3));
    }

    @Test
    void deepFmWithDropoutResumesExactly() {
        assertResumesExactly(RecsysTask.INSTANCE, RecsysTask.INSTANCE.defaults()
                .with(RecsysSettings.MODEL, RecsysModel.DEEPFM).with(RecsysSettings.DATA, clicks)
                .with(RecsysSettings.MIN_COUNT, 2).with(RecsysSettings.HIDDEN, List.of(16, 16))
                .with(RecsysSettings.EMBEDDING, 4).with(RecsysSettings.DROPOUT, 0.3)
                .with(TrainingSettings.BATCH_SIZE, 256).with(RecsysSettings.PATIENCE, TOTAL_EPOCHS)
                .with(TrainingSettings.METHOD, Method.DFA)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.SEED, 5L));
    }

    @Test
    void aCheckpointWithoutTheMasksStreamIsRefused() {
        SettingValues v = classifier(GraphModel.GCN).with(TrainingSettings.EPOCHS, STOP_AFTER);
        Checkpoint c;
        try (Trainer stopped = new Trainer(GraphTask.INSTANCE.build(v))) {
            stopped.run(TrainingListener.NONE, null);
            c = stopped.checkpoint();
        }
        Checkpoint withoutStreams = new Checkpoint(c.configuration(), c.epochsDone(), c.history(), c.parameters(),
                c.optimizer(), c.batches(), c.projectorState(), Map.of());
        try (Trainer resumed = new Trainer(GraphTask.INSTANCE.build(v))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> resumed.restore(withoutStreams));
            assertEquals("the checkpoint has no state of the random stream 'layer1.projection.dropout' of 32 bytes",
                    e.getMessage());
            assertEquals(0, resumed.epochsDone(), "nothing restored");
        }
    }

    /**
     * Trains {@value #TOTAL_EPOCHS} epochs uninterrupted, and {@value #STOP_AFTER} epochs with a
     * checkpoint then the rest in a fresh trainer restored from it; compares the two.
     */
    private void assertResumesExactly(Task task, SettingValues values) {
        SettingValues full = values.with(TrainingSettings.EPOCHS, TOTAL_EPOCHS);
        Path file = dir.resolve("stopped.ckpt");
        try (Trainer uninterrupted = new Trainer(task.build(full));
             Trainer stopped = new Trainer(task.build(full.with(TrainingSettings.EPOCHS, STOP_AFTER)));
             Trainer resumed = new Trainer(task.build(full))) {
            assertFalse(uninterrupted.model().randomStreams().isEmpty(), "the model draws dropout masks");
            uninterrupted.run(TrainingListener.NONE, null);
            stopped.run(TrainingListener.NONE, file);
            Checkpoint checkpoint = Checkpoint.read(file);
            assertEquals(uninterrupted.model().randomStreams().keySet(), checkpoint.randomStreams().keySet());
            resumed.restore(checkpoint);
            resumed.run(TrainingListener.NONE, null);
            assertEquals(withoutTiming(uninterrupted.history()), withoutTiming(resumed.history()));
            assertSameParameters(TrainFixtures.parameters(uninterrupted), TrainFixtures.parameters(resumed));
        }
    }
}
