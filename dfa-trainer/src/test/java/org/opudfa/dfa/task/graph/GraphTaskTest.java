package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;

/** The node-classification task end to end on a small generated graph. */
class GraphTaskTest {

    /** A small graph: 4 classes of equal size (chance is 0.25), informative words, homophily 0.8. */
    private static SettingValues small(GraphModel model, Method method) {
        return GraphTask.INSTANCE.defaults().with(GraphDataSettings.DATASET, GraphDataset.GENERATED)
                .with(GraphDataSettings.NODES, 400).with(GraphDataSettings.CLASSES, 4)
                .with(GraphDataSettings.FEATURES, 1000).with(GraphDataSettings.EDGES, 1000)
                .with(GraphDataSettings.CLASS_SIZE_RATIO, 1.0)
                .with(GraphDataSettings.HOMOPHILY, 0.8).with(GraphDataSettings.TOPIC_FRACTION, 0.2)
                .with(GraphDataSettings.TOPIC_WORDS, 20).with(GraphSettings.TRAIN_PER_CLASS, 10)
                .with(GraphSettings.VALIDATION_NODES, 100).with(GraphSettings.TEST_NODES, 200)
                .with(GraphSettings.MODEL, model).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(TrainingSettings.EPOCHS, 60)
                .with(GraphSettings.DROPOUT, 0.1).with(TrainingSettings.WEIGHT_DECAY, 1e-4)
                .with(TrainingSettings.THREADS, 1);
    }

    private static EpochMetrics train(SettingValues values) {
        try (Trainer t = new Trainer(GraphTask.INSTANCE.build(values))) {
            List<EpochMetrics> h = t.run(TrainingListener.NONE, null);
            return h.get(h.size() - 1);
        }
    }

    @Test
    void isListedWithItsModels() {
        assertEquals(GraphTask.INSTANCE, Tasks.get("graph"));
        assertEquals(GraphAutoencoderTask.INSTANCE, Tasks.get("graph-ae"));
        assertEquals(List.of("gcn", "cheb", "gat"), GraphTask.INSTANCE.models());
    }

    /** Test accuracy BP and DFA reach on the small graph (they reach 0.8 to 0.9; chance is 0.25). */
    private static final double LEARNS = 0.7;
    /** How far below DFA the shallow GCN and Chebyshev networks stay (they reach 0.3 to 0.6). */
    private static final double SHALLOW_MARGIN = 0.1;

    @Test
    void bpAndDfaLearnEveryModelAndShallowStaysBelow() {
        for (GraphModel model : GraphModel.values()) {
            double bp = train(small(model, Method.BP)).value("test_accuracy_at_best_validation");
            double dfa = train(small(model, Method.DFA)).value("test_accuracy_at_best_validation");
            double shallow = train(small(model, Method.SHALLOW)).value("test_accuracy_at_best_validation");
            assertTrue(bp > LEARNS, model + " BP " + bp);
            assertTrue(dfa > LEARNS, model + " DFA " + dfa);
            // the shallow GAT trains its output attention over 64 random features and comes close
            // on a graph this easy; the single-head layers of GCN and ChebConv have 16
            double margin = model == GraphModel.GAT ? 0 : SHALLOW_MARGIN;
            assertTrue(shallow < dfa - margin, model + " shallow " + shallow + " against DFA " + dfa);
        }
    }

    @Test
    void reportsValidationTestAndTestAtBestValidation() {
        EpochMetrics m = train(small(GraphModel.GCN, Method.BP).with(TrainingSettings.EPOCHS, 2));
        assertEquals(List.of("train_loss", "train_accuracy", "validation_loss", "validation_accuracy", "test_loss",
                "test_accuracy", "test_accuracy_at_best_validation"), List.copyOf(m.values().keySet()));
        assertEquals("nodes", m.itemName());
    }

    @Test
    void describesTheDataAndTheSplit() {
        try (Trainer t = new Trainer(GraphTask.INSTANCE.build(small(GraphModel.GCN, Method.BP)))) {
            String note = t.run().data().note();
            assertTrue(note.startsWith("generated: 400 nodes, 1000 edges, 1000 features, 4 classes"), note);
            assertTrue(note.endsWith("standard split: 10 labelled nodes per class, 100 validation, 200 test"), note);
        }
    }

    @Test
    void trainsOnTheKarateClub() {
        SettingValues v = GraphTask.INSTANCE.defaults().with(GraphDataSettings.DATASET, GraphDataset.KARATE)
                .with(GraphSettings.TRAIN_PER_CLASS, 2).with(GraphSettings.VALIDATION_NODES, 6)
                .with(GraphSettings.TEST_NODES, 24).with(TrainingSettings.METHOD, Method.BP)
                .with(TrainingSettings.EPOCHS, 50).with(TrainingSettings.THREADS, 1);
        EpochMetrics m = train(v);
        assertTrue(m.value("test_accuracy") > 0.6, "karate test accuracy " + m.value("test_accuracy"));
    }

    @Test
    void refusesABatchSize() {
        SettingValues v = small(GraphModel.GCN, Method.BP).with(TrainingSettings.BATCH_SIZE, 32);
        assertEquals("graph tasks train on the whole graph at every step; --batch-size does not apply",
                assertThrows(IllegalArgumentException.class, () -> GraphTask.INSTANCE.build(v)).getMessage());
    }

    @Test
    void refusesFilesWithoutAFolder() {
        SettingValues v = small(GraphModel.GCN, Method.BP).with(GraphDataSettings.DATASET, GraphDataset.FILES);
        assertEquals("--dataset files needs --data, the folder of a LINQS data set (NAME.content and NAME.cites)",
                assertThrows(IllegalArgumentException.class, () -> GraphTask.INSTANCE.build(v)).getMessage());
    }
}
