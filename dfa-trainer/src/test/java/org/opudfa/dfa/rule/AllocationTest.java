package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Add;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Dropout;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GELU;
import org.opudfa.dfa.nn.LayerNorm;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.dfa.nn.Sigmoid;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.dfa.optim.AllocationMeter;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Once the batch size is stable, a training step (and an alignment measurement) allocates
 * nothing on the heap: every buffer is owned by a module call, the model or a rule and reused.
 * The model has a residual sum, a concatenation and a module applied twice, besides the usual layers. Counted with the
 * JVM's per-thread allocation counter, which is exact and independent of timing.
 *
 * <p>Both GEMM kernels are checked. The Vector API kernel is free of allocation only once the JIT
 * compiler has compiled it (escape analysis then removes its vector objects), so its warm-up is
 * longer.
 */
class AllocationTest {

    private static final int WARM_UP_STEPS = 200;
    /** the Vector API kernel's warm-up: until the JIT compiler has compiled it */
    private static final int VECTOR_WARM_UP_STEPS = 2_000;
    private static final int MEASURED_STEPS = 50;
    private static final int WINDOWS = 5;
    /** Bytes the quietest window of steps may allocate: none. */
    private static final long ALLOWED_BYTES = 0;

    /**
     * Block 0: Dense, LayerNorm, GELU, Dropout (10 wide); block 1: Dense, ReLU, Dense applied twice,
     * Sigmoid, plus the ReLU's output (8 wide); block 2: Dense, Tanh (6 wide); head: Dense on the
     * concatenation of blocks 1 and 2. A feedback point after each block.
     */
    private static Graph model(Gemm gemm) {
        RandomStreams s = RandomStreams.of(31);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 12);
        Tensor a = g.apply(new Dense("b0", 12, 10, s.stream("b0"), gemm), x);
        a = g.apply(new GELU("gelu"), g.apply(new LayerNorm("ln", 10), a));
        Tensor h0 = g.feedback(g.apply(new Dropout("dropout", 0.2, s.stream("dropout")), a));
        Tensor r = g.apply(new ReLU("relu"), g.apply(new Dense("b1a", 10, 8, s.stream("b1a"), gemm), h0));
        Dense shared = new Dense("b1b", 8, 8, s.stream("b1b"), gemm);
        Tensor b = g.apply(new Sigmoid("sigmoid"), g.apply(shared, g.apply(shared, r)));
        Tensor h1 = g.feedback(g.apply(new Add("residual"), b, r));
        Tensor h2 = g.feedback(g.apply(new Tanh("tanh"), g.apply(new Dense("b2", 8, 6, s.stream("b2"), gemm), h1)));
        return g.build(g.apply(new Dense("out", 14, 4, s.stream("out"), gemm), g.apply(new Concat("cat"), h1, h2)));
    }

    private static final List<BiFunction<Graph, Gemm, TrainingRule>> RULES = List.of(
            (net, gemm) -> new Backpropagation(net, Nets.LOSS),
            (net, gemm) -> new DirectFeedbackAlignment(net, Nets.LOSS,
                    DenseProjector.random(24, 4, DenseProjector.Distribution.GAUSSIAN, 1.0, 3, gemm),
                    FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE),
            (net, gemm) -> new FeedbackAlignment(net, Nets.LOSS, RandomStreams.of(5).stream("feedback")),
            // DFA with its segments run as tasks of the GEMM (on the calling thread, the GEMM having one)
            (net, gemm) -> new DirectFeedbackAlignment(net, Nets.LOSS,
                    DenseProjector.random(24, 4, DenseProjector.Distribution.GAUSSIAN, 1.0, 3, gemm),
                    FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE, gemm),
            (net, gemm) -> new Shallow(net, Nets.LOSS));

    static Stream<Arguments> rulesAndKernels() {
        return Stream.of(GemmImplementation.values())
                .filter(GemmImplementation::isAvailable)
                .flatMap(k -> IntStream.range(0, RULES.size()).mapToObj(r -> Arguments.of(r, k)));
    }

    @ParameterizedTest(name = "rule {0}, {1} kernel")
    @MethodSource("rulesAndKernels")
    void trainingStepsAllocateNothing(int ruleIndex, GemmImplementation kernel) {
        LongSupplier allocatedSoFar = AllocationMeter.threadCounter();
        Gemm gemm = Gemm.withThreads(1, kernel);
        Graph net = model(gemm);
        TrainingRule rule = RULES.get(ruleIndex).apply(net, gemm);
        UniformRandomProvider rng = RandomStreams.of(6).stream("data");
        Feed batch = Nets.batch(16, 12, 4, rng);
        double[] cosines = new double[net.feedbackPoints().size()];
        int warmUp = kernel == GemmImplementation.VECTOR ? VECTOR_WARM_UP_STEPS : WARM_UP_STEPS;
        for (int i = 0; i < warmUp; i++) {
            rule.step(batch);
            rule.measureAlignment(cosines);
            Nets.sgd(rule.trainedParameters(), 0.01f);
        }
        // A per-step allocation shows in every window; a one-off allocation by the JVM itself
        // (a deoptimisation rematerialising an object while code is being recompiled) shows in one
        // window at most. So the quietest window must be empty.
        long quietest = Long.MAX_VALUE;
        for (int window = 0; window < WINDOWS; window++) {
            long before = allocatedSoFar.getAsLong();
            for (int i = 0; i < MEASURED_STEPS; i++) {
                rule.step(batch);
                rule.measureAlignment(cosines);
            }
            quietest = Math.min(quietest, allocatedSoFar.getAsLong() - before);
        }
        assertEquals(ALLOWED_BYTES, quietest, rule.name() + " with the " + kernel + " kernel allocated " + quietest + " bytes in each of "
                + WINDOWS + " windows of " + MEASURED_STEPS + " steps");
    }
}
