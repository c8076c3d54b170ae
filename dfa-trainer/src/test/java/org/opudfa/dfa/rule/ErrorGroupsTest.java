package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Several error groups: two networks side by side, each with its own feedback point and error
 * point, joined under one head. Each group's feedback points get the projection of their own
 * group's error through their own projector; the first network learns exactly as in a model of
 * one group (the second network then trained by backprop).
 */
class ErrorGroupsTest {

    /** Float products of a few terms computed along two routes agree to this. */
    private static final double FLOAT_TOLERANCE = 1e-6;
    private static final int IN = 5;
    private static final int HIDDEN = 4;
    private static final int MID = 3;
    private static final int CLASSES = 2;

    /** The two networks' layers, made afresh from one seed so that two models start alike. */
    private record Layers(Dense a0, Dense a1, Dense b0, Dense b1, Dense head) {
        static Layers of(long seed) {
            RandomStreams s = RandomStreams.of(seed);
            return new Layers(new Dense("a0", IN, HIDDEN, s.stream("a0"), Nets.GEMM),
                    new Dense("a1", HIDDEN, MID, s.stream("a1"), Nets.GEMM),
                    new Dense("b0", IN, HIDDEN, s.stream("b0"), Nets.GEMM),
                    new Dense("b1", HIDDEN, MID, s.stream("b1"), Nets.GEMM),
                    new Dense("head", 2 * MID, CLASSES, s.stream("head"), Nets.GEMM));
        }
    }

    /**
     * x → a0 → tanh (feedback) → a1 (error of group 0); x → b0 → tanh (feedback, when
     * {@code secondGroup}) → b1 (error of group 1, when {@code secondGroup}); head(tanh([a1 | b1])).
     */
    private static Graph model(Layers layers, boolean secondGroup) {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, IN);
        Tensor h = g.feedback(g.apply(new Tanh("ta"), g.apply(layers.a0(), x)));
        Tensor a = g.error(g.apply(layers.a1(), h));
        Tensor k = g.apply(new Tanh("tb"), g.apply(layers.b0(), x));
        if (secondGroup) {
            g.feedback(k);
        }
        Tensor b = g.apply(layers.b1(), k);
        if (secondGroup) {
            g.error(b);
        }
        return g.build(g.apply(layers.head(), g.apply(new Tanh("top"), g.apply(new Concat("both"), a, b))));
    }

    private static Feed batch(long seed) {
        UniformRandomProvider rng = RandomStreams.of(seed).stream("data");
        return Nets.batch(Nets.uniform(6, IN, rng), Nets.labels(6, CLASSES, rng));
    }

    @Test
    void eachFeedbackPointBelongsToTheErrorPointMarkedNextAfterIt() {
        Graph net = model(Layers.of(1), true);
        assertEquals(List.of("a1", "b1"), net.errorPoints().stream().map(Tensor::name).toList());
        assertEquals(List.of("ta", "tb"), net.feedbackPoints().stream().map(Tensor::name).toList());
        assertEquals(0, net.errorGroup(0));
        assertEquals(1, net.errorGroup(1));
        assertEquals(List.of(new ProjectorShape(MID, HIDDEN), new ProjectorShape(MID, HIDDEN)),
                DirectFeedbackAlignment.projectorShapes(net, FeedbackLayout.SEPARATE));
    }

    @Test
    void aFeedbackPointWithoutAnErrorPointAfterItIsRefused() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, IN);
        Tensor a = g.error(g.apply(new Dense("a", IN, MID, RandomStreams.of(2).stream("a"), Nets.GEMM), x));
        Tensor top = g.feedback(g.apply(new Tanh("top"), a));
        assertEquals("tensor a is already an error point",
                assertThrows(IllegalArgumentException.class, () -> g.error(a)).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.build(g.apply(new Dense("head", MID, CLASSES, RandomStreams.of(2).stream("h"), Nets.GEMM),
                        top)));
        assertEquals("feedback point top is marked after the last error point a; mark each feedback point before "
                + "the error point it belongs to", e.getMessage());
    }

    @Test
    void eachGroupGetsTheProjectionOfItsOwnError() {
        Graph net = model(Layers.of(3), true);
        DenseProjector p0 = DenseProjector.gaussian(HIDDEN, MID, 4);
        DenseProjector p1 = DenseProjector.gaussian(HIDDEN, MID, 5);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, List.of(p0, p1),
                FeedbackLayout.SEPARATE, FeedbackScale.NONE, null);
        dfa.step(batch(6));
        // the errors are the true gradients at the two error points, and they differ
        assertClose(net.gradient(net.tensor("a1")), dfa.error(0), "group 0's error");
        assertClose(net.gradient(net.tensor("b1")), dfa.error(1), "group 1's error");
        assertFalse(maxDiff(dfa.error(0), dfa.error(1)) < FLOAT_TOLERANCE, "the two errors differ");
        assertClose(project(dfa.error(0), p0.matrix()), dfa.feedbackSignal(0), "point ta gets e_0·B_0ᵀ");
        assertClose(project(dfa.error(1), p1.matrix()), dfa.feedbackSignal(1), "point tb gets e_1·B_1ᵀ");
        assertEquals(List.of(p0, p1), dfa.projectors());
    }

    @Test
    void theFirstGroupLearnsAsInAModelOfOneGroup() {
        Graph two = model(Layers.of(7), true);
        Graph one = model(Layers.of(7), false);
        DirectFeedbackAlignment dfaTwo = new DirectFeedbackAlignment(two, Nets.LOSS,
                List.of(DenseProjector.gaussian(HIDDEN, MID, 8), DenseProjector.gaussian(HIDDEN, MID, 9)),
                FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE, null);
        DirectFeedbackAlignment dfaOne = new DirectFeedbackAlignment(one, Nets.LOSS,
                DenseProjector.gaussian(HIDDEN, MID, 8), FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE);
        dfaTwo.step(batch(10));
        dfaOne.step(batch(10));
        for (String name : List.of("a0.weight", "a0.bias", "a1.weight", "a1.bias", "head.weight")) {
            assertArrayEquals(parameter(one, name).grad().data, parameter(two, name).grad().data,
                    name + ": group 0 learns bit for bit as in the model of one group");
        }
    }

    @Test
    void aRuleOfOneProjectorRefusesAModelOfTwoGroups() {
        Graph net = model(Layers.of(11), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.gaussian(HIDDEN, MID, 1),
                        FeedbackLayout.SEPARATE, FeedbackScale.NONE));
        assertEquals("direct feedback alignment needs one projector per error group, 2 for this model, got 1",
                e.getMessage());
    }

    @Test
    void theRunDrawsGroupZerosProjectorAsForOneGroupAndTheOthersFromTheirOwnStreams() {
        SettingValues values = MlpTask.INSTANCE.defaults().with(TrainingSettings.METHOD, Method.DFA)
                .with(TrainingSettings.SEED, 12L).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT);
        try (Gemm gemm = Gemm.singleThreaded()) {
            RunParts twoParts = new RunParts(values, gemm);
            twoParts.rule(model(Layers.of(13), true), Nets.LOSS);
            RunParts oneParts = new RunParts(values, gemm);
            oneParts.rule(model(Layers.of(13), false), Nets.LOSS);
            List<RandomProjector> two = twoParts.projectors();
            assertEquals(2, two.size());
            FMatrixRMaj first = ((DenseProjector) two.get(0)).matrix();
            FMatrixRMaj second = ((DenseProjector) two.get(1)).matrix();
            assertArrayEquals(((DenseProjector) oneParts.projectors().get(0)).matrix().data, first.data,
                    "group 0's B is the one-group model's");
            assertTrue(maxDiff(first, second) > FLOAT_TOLERANCE, "group 1 has its own B");
        }
    }

    private static Parameter parameter(Graph model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** e·Bᵀ in double. */
    private static FMatrixRMaj project(FMatrixRMaj e, FMatrixRMaj b) {
        FMatrixRMaj out = new FMatrixRMaj(e.numRows, b.numRows);
        for (int r = 0; r < e.numRows; r++) {
            for (int j = 0; j < b.numRows; j++) {
                double sum = 0;
                for (int k = 0; k < e.numCols; k++) {
                    sum += (double) e.get(r, k) * b.get(j, k);
                }
                out.set(r, j, (float) sum);
            }
        }
        return out;
    }

    private static double maxDiff(FMatrixRMaj a, FMatrixRMaj b) {
        assertEquals(a.numRows, b.numRows);
        assertEquals(a.numCols, b.numCols);
        double max = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
        }
        return max;
    }

    private static void assertClose(FMatrixRMaj expected, FMatrixRMaj actual, String what) {
        assertTrue(maxDiff(expected, actual) <= FLOAT_TOLERANCE, what + ": differs by " + maxDiff(expected, actual));
    }
}
