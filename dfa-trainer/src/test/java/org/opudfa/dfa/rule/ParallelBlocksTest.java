package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Add;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.LayerNorm;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.dfa.task.mlp.Activation;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Layer-parallel DFA: with a task runner, the segments below the feedback points are
 * backpropagated as concurrent tasks, and every gradient (so every update) is bit for bit that of
 * the sequential pass; models whose segments are not independent fall back to the sequential pass.
 */
class ParallelBlocksTest {

    private static final int THREADS = 2;
    private static final int STEPS = 4;
    private static final float LEARNING_RATE = 0.05f;
    private static final int CLASSES = 10;
    /** rows × inputs × width large enough that the first layer's products are split among the threads outside a job */
    private static final int ROWS = 128;
    private static final int INPUTS = 300;

    static Stream<GemmImplementation> kernels() {
        return Stream.of(GemmImplementation.values()).filter(GemmImplementation::isAvailable);
    }

    /** A DFA rule with an exact projector of the model's shape, its segments run by {@code runner} (or sequential). */
    private static DirectFeedbackAlignment dfa(Graph model, Gemm gemm, TaskRunner runner) {
        ProjectorShape shape = DirectFeedbackAlignment.projectorShapes(model, FeedbackLayout.SEPARATE).get(0);
        return new DirectFeedbackAlignment(model, Nets.LOSS, DenseProjector.random(shape.outputDimension(),
                shape.inputDimension(), DenseProjector.Distribution.GAUSSIAN, 1.0, 9, gemm), FeedbackLayout.SEPARATE,
                FeedbackScale.INVERSE_SQRT_SIZE, runner);
    }

    /**
     * Trains two copies of a model for a few steps, one sequential and one with its segments on a
     * runner, and checks after every step that every gradient and value agree bit for bit.
     */
    private static void assertParallelEqualsSequential(Function<Gemm, Graph> model, GemmImplementation kernel,
                                                       Function<Gemm, TaskRunner> runner, int inputs) {
        try (Gemm sequentialGemm = Gemm.withThreads(THREADS, kernel); Gemm parallelGemm = Gemm.withThreads(THREADS, kernel)) {
            Graph sequentialNet = model.apply(sequentialGemm);
            Graph parallelNet = model.apply(parallelGemm);
            assertEquals(Optional.empty(), parallelNet.segmentDependence(), "the model's segments are independent");
            DirectFeedbackAlignment sequential = dfa(sequentialNet, sequentialGemm, null);
            DirectFeedbackAlignment parallel = dfa(parallelNet, parallelGemm, runner.apply(parallelGemm));
            UniformRandomProvider rng = RandomStreams.of(12).stream("data");
            for (int step = 0; step < STEPS; step++) {
                Feed batch = Nets.batch(ROWS, inputs, CLASSES, rng);
                double a = sequential.step(batch);
                double b = parallel.step(batch);
                assertEquals(a, b, "loss of step " + step);
                assertSameGradients(sequentialNet, parallelNet, "step " + step);
                Nets.sgd(sequential.trainedParameters(), LEARNING_RATE);
                Nets.sgd(parallel.trainedParameters(), LEARNING_RATE);
            }
            for (int i = 0; i < sequentialNet.parameters().size(); i++) {
                assertArrayEquals(sequentialNet.parameters().get(i).value().data,
                        parallelNet.parameters().get(i).value().data, sequentialNet.parameters().get(i).name());
            }
        }
    }

    private static void assertSameGradients(Graph expected, Graph actual, String when) {
        List<Parameter> e = expected.parameters();
        List<Parameter> a = actual.parameters();
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(e.get(i).grad().data, a.get(i).grad().data, e.get(i).name() + " at " + when);
        }
    }

    /** A runner that runs the tasks on the calling thread, last first: the segments' order must not matter. */
    private static TaskRunner backwards() {
        return (tasks, body) -> {
            for (int t = tasks - 1; t >= 0; t--) {
                body.run(0, t);
            }
        };
    }

    /** A runner that counts its jobs and runs their tasks in order. */
    private static final class CountingRunner implements TaskRunner {
        final AtomicInteger jobs = new AtomicInteger();

        @Override
        public void forEachTask(int tasks, org.opudfa.opu.kernel.WorkerTask body) {
            jobs.incrementAndGet();
            for (int t = 0; t < tasks; t++) {
                body.run(0, t);
            }
        }
    }

    private static Graph mlp(Gemm gemm, int... hidden) {
        return MlpTask.classifier(INPUTS, hidden, Activation.TANH, CLASSES, RandomStreams.of(5).stream("init"), gemm);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void theMlpOnTheGemmsThreadsEqualsTheSequentialPass(GemmImplementation kernel) {
        assertParallelEqualsSequential(gemm -> mlp(gemm, 256, 256), kernel, gemm -> gemm, INPUTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void sixBlocksOnTheGemmsThreadsEqualTheSequentialPass(GemmImplementation kernel) {
        assertParallelEqualsSequential(gemm -> mlp(gemm, 96, 64, 64, 80, 64, 48), kernel, gemm -> gemm, INPUTS);
    }

    @Test
    void theOrderOfTheSegmentsDoesNotMatter() {
        assertParallelEqualsSequential(gemm -> mlp(gemm, 64, 48, 32), GemmImplementation.preferred(),
                gemm -> backwards(), INPUTS);
    }

    /**
     * Segments with more than a dense layer each: a residual sum and a layer norm inside a block,
     * a concatenation of two blocks above the feedback points, and an error point below the head.
     */
    private static Graph branching(Gemm gemm) {
        RandomStreams s = RandomStreams.of(21);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, INPUTS);
        Tensor h0 = g.feedback(g.apply(new Tanh("t0"), g.apply(new Dense("d0", INPUTS, 64, s.stream("d0"), gemm), x)));
        Tensor r = g.apply(new ReLU("r1"), g.apply(new Dense("d1a", 64, 48, s.stream("d1a"), gemm), h0));
        Tensor t = g.apply(new LayerNorm("ln1", 48), g.apply(new Dense("d1b", 48, 48, s.stream("d1b"), gemm), r));
        Tensor h1 = g.feedback(g.apply(new Add("res1"), t, r));
        Tensor h2 = g.feedback(g.apply(new Tanh("t2"), g.apply(new Dense("d2", 48, 32, s.stream("d2"), gemm), h1)));
        Tensor e = g.error(g.apply(new Dense("top", 80, CLASSES, s.stream("top"), gemm), g.apply(new Concat("cat"), h1, h2)));
        return g.build(g.apply(new Dense("head", CLASSES, CLASSES, s.stream("head"), gemm), g.apply(new Tanh("t3"), e)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void aBranchingModelOnTheGemmsThreadsEqualsTheSequentialPass(GemmImplementation kernel) {
        assertParallelEqualsSequential(ParallelBlocksTest::branching, kernel, gemm -> gemm, INPUTS);
    }

    // ---- fallbacks: the runner is not used, and the pass is the sequential one

    private static final int WIDTH = 8;
    private static final int SMALL_ROWS = 6;

    /** Trains one step sequentially and one through a counting runner, and checks they agree. */
    private static CountingRunner assertFallsBack(Function<Gemm, Graph> model, String because) {
        Gemm gemm = Nets.GEMM;
        Graph sequentialNet = model.apply(gemm);
        Graph parallelNet = model.apply(gemm);
        assertEquals(Optional.of(because), parallelNet.segmentDependence());
        CountingRunner runner = new CountingRunner();
        DirectFeedbackAlignment sequential = dfa(sequentialNet, gemm, null);
        DirectFeedbackAlignment parallel = dfa(parallelNet, gemm, runner);
        Feed batch = Nets.batch(SMALL_ROWS, WIDTH, CLASSES, RandomStreams.of(13).stream("data"));
        assertEquals(sequential.step(batch), parallel.step(batch));
        assertSameGradients(sequentialNet, parallelNet, "the step");
        assertEquals(0, runner.jobs.get(), "the runner must not be used when the segments are not independent");
        return runner;
    }

    private static Dense dense(String name, int in, int out, Gemm gemm) {
        return new Dense(name, in, out, RandomStreams.of(name.hashCode()).stream("init"), gemm);
    }

    @Test
    void aNodeInTwoSegmentsFallsBack() {
        // d0's output feeds both feedback points without crossing either
        assertFallsBack(gemm -> {
            GraphBuilder g = Graph.builder();
            Tensor x = g.input("x", RowBatches.FEATURES, WIDTH);
            Tensor a = g.apply(dense("d0", WIDTH, WIDTH, gemm), x);
            Tensor h1 = g.feedback(g.apply(new Tanh("t1"), a));
            Tensor h2 = g.feedback(g.apply(new Tanh("t2"), g.apply(dense("d2", WIDTH, WIDTH, gemm), a)));
            return g.build(g.apply(dense("head", 2 * WIDTH, CLASSES, gemm), g.apply(new Concat("cat"), h1, h2)));
        }, "node d0 = d0(x) is in the segment of feedback point t1 and in the segment of feedback point t2");
    }

    @Test
    void aNodeAboveAndInASegmentFallsBack() {
        // d0's output reaches the head directly (a skip past both feedback points) and through them
        assertFallsBack(gemm -> {
            GraphBuilder g = Graph.builder();
            Tensor x = g.input("x", RowBatches.FEATURES, WIDTH);
            Tensor a = g.apply(dense("d0", WIDTH, WIDTH, gemm), x);
            Tensor h1 = g.feedback(g.apply(new Tanh("t1"), a));
            Tensor h2 = g.feedback(g.apply(new Tanh("t2"), g.apply(dense("d2", WIDTH, WIDTH, gemm), h1)));
            return g.build(g.apply(dense("head", 2 * WIDTH, CLASSES, gemm), g.apply(new Concat("cat"), h2, a)));
        }, "node d0 = d0(x) is in the part above the feedback points and in the segment of feedback point t1");
    }

    @Test
    void aModuleSharedByTwoSegmentsFallsBack() {
        assertFallsBack(gemm -> {
            Dense shared = dense("shared", WIDTH, WIDTH, gemm);
            GraphBuilder g = Graph.builder();
            Tensor x = g.input("x", RowBatches.FEATURES, WIDTH);
            Tensor h1 = g.feedback(g.apply(new Tanh("t1"), g.apply(shared, x)));
            Tensor h2 = g.feedback(g.apply(new Tanh("t2"), g.apply(shared, h1)));
            return g.build(g.apply(dense("head", WIDTH, CLASSES, gemm), h2));
        }, "parameter shared.weight is used in the segment of feedback point t1 and in the segment of feedback point t2");
    }

    @Test
    void aModuleSharedByASegmentAndThePartAboveFallsBack() {
        assertFallsBack(gemm -> {
            Dense shared = dense("shared", WIDTH, WIDTH, gemm);
            GraphBuilder g = Graph.builder();
            Tensor x = g.input("x", RowBatches.FEATURES, WIDTH);
            Tensor h1 = g.feedback(g.apply(new Tanh("t1"), g.apply(dense("d1", WIDTH, WIDTH, gemm), x)));
            Tensor h2 = g.feedback(g.apply(new Tanh("t2"), g.apply(shared, h1)));
            Tensor top = g.apply(new Tanh("t3"), g.apply(shared, h2));
            return g.build(g.apply(dense("head", WIDTH, CLASSES, gemm), top));
        }, "parameter shared.weight is used in the segment of feedback point t2 and in the part above the feedback points");
    }

    @Test
    void anErrorPointThatIsAFeedbackPointFallsBack() {
        assertFallsBack(gemm -> {
            GraphBuilder g = Graph.builder();
            Tensor x = g.input("x", RowBatches.FEATURES, WIDTH);
            Tensor h1 = g.feedback(g.apply(new Tanh("t1"), g.apply(dense("d1", WIDTH, WIDTH, gemm), x)));
            Tensor h2 = g.error(g.feedback(g.apply(new Tanh("t2"), g.apply(dense("d2", WIDTH, WIDTH, gemm), h1))));
            return g.build(g.apply(dense("head", WIDTH, CLASSES, gemm), h2));
        }, "the error point t2 is itself a feedback point");
    }

    @Test
    void oneFeedbackPointOrAnUncutPassDoesNotUseTheRunner() {
        Graph one = MlpTask.classifier(WIDTH, new int[] {WIDTH}, Activation.TANH, CLASSES,
                RandomStreams.of(3).stream("init"), Nets.GEMM);
        Graph twin = MlpTask.classifier(WIDTH, new int[] {WIDTH}, Activation.TANH, CLASSES,
                RandomStreams.of(3).stream("init"), Nets.GEMM);
        assertEquals(Optional.empty(), one.segmentDependence());
        CountingRunner runner = new CountingRunner();
        Feed batch = Nets.batch(SMALL_ROWS, WIDTH, CLASSES, RandomStreams.of(14).stream("data"));
        DirectFeedbackAlignment parallel = dfa(one, Nets.GEMM, runner);
        DirectFeedbackAlignment sequential = dfa(twin, Nets.GEMM, null);
        assertEquals(sequential.step(batch), parallel.step(batch));
        assertSameGradients(twin, one, "the step");
        assertEquals(0, runner.jobs.get(), "one segment: nothing to run side by side");

        Graph two = mlp(Nets.GEMM, WIDTH, WIDTH);
        two.forward(Nets.batch(SMALL_ROWS, INPUTS, CLASSES, RandomStreams.of(15).stream("data")), true);
        two.backward(new org.ejml.data.FMatrixRMaj(SMALL_ROWS, CLASSES), false, null, runner);
        assertEquals(0, runner.jobs.get(), "an uncut pass (BP) is sequential");
        DirectFeedbackAlignment cut = dfa(two, Nets.GEMM, runner);
        cut.step(Nets.batch(SMALL_ROWS, INPUTS, CLASSES, RandomStreams.of(16).stream("data")));
        assertEquals(1, runner.jobs.get(), "a cut pass over two independent segments is one job");
    }
}
