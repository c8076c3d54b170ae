package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.rule.Method;

/** Validation messages and the stable description checkpoints and provenance records rely on. */
class TrainingConfigTest {

    private static TrainingConfig.Builder valid() {
        return TrainFixtures.small(Method.DFA);
    }

    private static void assertRejected(String message, UnaryOperator<TrainingConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsOutOfRangeFieldsNamingThem() {
        assertRejected("epochs must be at least 1, got 0", b -> b.epochs(0));
        assertRejected("batch size must be at least 1, got 0", b -> b.batchSize(0));
        assertRejected("learning rate must be a positive finite number, got 0.0", b -> b.learningRate(0));
        assertRejected("learning rate must be a positive finite number, got -0.1", b -> b.learningRate(-0.1));
        assertRejected("learning rate must be a positive finite number, got NaN", b -> b.learningRate(Double.NaN));
        assertRejected("learning rate must be a positive finite number, got Infinity",
                b -> b.learningRate(Double.POSITIVE_INFINITY));
        assertRejected("momentum must be in [0, 1), got 1.0", b -> b.momentum(1));
        assertRejected("momentum must be in [0, 1), got -0.5", b -> b.momentum(-0.5));
        assertRejected("every hidden width must be at least 1, got 0", b -> b.hidden(32, 0));
        assertRejected("method dfa needs at least one hidden layer, got none", b -> b.hidden());
        assertRejected("method fa needs at least one hidden layer, got none", b -> b.method(Method.FA).hidden());
        assertRejected("threads must be at least 1, got 0", b -> b.threads(0));
        assertRejected("train limit must be at least 0, got -1", b -> b.trainLimit(-1));
        assertRejected("test limit must be at least 0, got -1", b -> b.testLimit(-1));
        assertRejected("weight decay must be a non-negative finite number, got -1.0E-4", b -> b.weightDecay(-1e-4));
        assertRejected("alignment interval must be at least 0, got -1", b -> b.alignmentEvery(-1));
    }

    @Test
    void acceptsTheEdgesOfTheRanges() {
        assertDoesNotThrow(() -> valid().method(Method.BP).hidden().build());
        assertDoesNotThrow(() -> valid().method(Method.SHALLOW).hidden().build());
        assertDoesNotThrow(() -> valid().momentum(0).weightDecay(0).alignmentEvery(0).build());
    }

    @Test
    void describeIsAStableKnownAnswer() {
        TrainingConfig c = valid().build();
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("dataset", "synthetic");
        expected.put("dataFolder", null);
        expected.put("trainLimit", 0);
        expected.put("testLimit", 0);
        expected.put("standardise", true);
        expected.put("hidden", "[32]");
        expected.put("activation", "tanh");
        expected.put("method", "dfa");
        expected.put("projector", "exact");
        expected.put("feedbackDistribution", "gaussian");
        expected.put("feedbackLayout", "shared");
        expected.put("feedbackScale", "inverse-sqrt-size");
        expected.put("opu", null);
        expected.put("epochs", 2);
        expected.put("batchSize", 32);
        expected.put("optimizer", "adam");
        expected.put("learningRate", 1e-3);
        expected.put("momentum", 0.9);
        expected.put("weightDecay", 0.0);
        expected.put("schedule", "constant");
        expected.put("seed", 11L);
        expected.put("threads", 1);
        expected.put("alignmentEvery", 5);
        assertEquals(expected, c.describe());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(c.describe().keySet()), "declaration order");
        assertEquals(c.describe(), valid().build().describe(), "built twice alike");
        assertEquals(c, c.toBuilder().build());
        assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
    }

    @Test
    void describeShowsTheOpuOnlyWhenDfaUsesIt() {
        assertNull(valid().build().describe().get("opu"));
        assertEquals("defaults", valid().projector(ProjectorKind.OPU).build().describe().get("opu"));
        assertNull(valid().method(Method.BP).projector(ProjectorKind.OPU).build().describe().get("opu"));
        assertEquals(Path.of("fm").toString(), valid().dataFolder(Path.of("fm")).build().describe().get("dataFolder"));
    }

    @Test
    void differentFieldsGiveDifferentConfigurations() {
        TrainingConfig c = valid().build();
        assertNotEquals(c, valid().seed(12).build());
        assertNotEquals(c, valid().hidden(32, 32).build());
        assertNotEquals(c, valid().learningRate(2e-3).build());
    }

    @Test
    void hiddenWidthsAreCopied() {
        int[] widths = {32, 16};
        TrainingConfig.Builder b = valid().hidden(widths);
        widths[0] = 1;
        TrainingConfig c = b.build();
        c.hidden()[1] = 1;
        assertArrayEquals(new int[] {32, 16}, c.hidden());
    }
}
