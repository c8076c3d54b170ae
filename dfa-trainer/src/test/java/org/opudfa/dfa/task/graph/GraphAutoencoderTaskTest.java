package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;

/** Link prediction end to end on a small generated graph. */
class GraphAutoencoderTaskTest {

    /**
     * AUC a trained autoencoder reaches on the small graph: 0.5 is chance; BP reaches about 0.8,
     * DFA 0.78, near the 0.79 that scoring a pair by whether its nodes share their class gives in
     * this block model (edges within a class: 0.9; random pairs within a class: 0.32).
     */
    private static final double LEARNS = 0.7;

    private static SettingValues small(Method method) {
        return GraphAutoencoderTask.INSTANCE.defaults().with(GraphDataSettings.DATASET, GraphDataset.GENERATED)
                .with(GraphDataSettings.NODES, 500).with(GraphDataSettings.CLASSES, 4)
                .with(GraphDataSettings.FEATURES, 300).with(GraphDataSettings.EDGES, 1500)
                .with(GraphDataSettings.HOMOPHILY, 0.9).with(GraphDataSettings.TOPIC_FRACTION, 0.3)
                .with(GraphDataSettings.TOPIC_WORDS, 20).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(TrainingSettings.EPOCHS, 100)
                .with(TrainingSettings.THREADS, 1);
    }

    private static EpochMetrics train(SettingValues values) {
        try (Trainer t = new Trainer(GraphAutoencoderTask.INSTANCE.build(values))) {
            List<EpochMetrics> h = t.run(TrainingListener.NONE, null);
            return h.get(h.size() - 1);
        }
    }

    @Test
    void bpAndDfaLearnToPredictLinks() {
        EpochMetrics bp = train(small(Method.BP));
        EpochMetrics dfa = train(small(Method.DFA));
        assertTrue(bp.value("test_auc") > LEARNS, "BP test AUC " + bp.value("test_auc"));
        assertTrue(dfa.value("test_auc") > LEARNS, "DFA test AUC " + dfa.value("test_auc"));
        assertTrue(bp.value("test_average_precision") > LEARNS, "BP test AP " + bp.value("test_average_precision"));
        assertEquals(List.of("train_loss", "train_auc", "validation_loss", "validation_auc",
                "validation_average_precision", "test_loss", "test_auc", "test_average_precision",
                "test_auc_at_best_validation", "test_average_precision_at_best_validation"),
                List.copyOf(bp.values().keySet()));
    }
}
