package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.loss.MeanSquaredError;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.rule.DirectFeedbackAlignment;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.FeedbackScale;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class NerfModelTest {

    private static Graph model(NerfModel.Shape shape, int samples) {
        return NerfModel.build(shape, samples, Background.WHITE, RandomStreams.of(1).stream("init"),
                Gemm.singleThreaded());
    }

    /** A batch of `rays` rays of `samples` points, positions and directions uniform in [−1, 1), lengths ¼. */
    private static Feed batch(int rays, int samples, UniformRandomProvider rng) {
        FMatrixRMaj lengths = new FMatrixRMaj(rays * samples, 1);
        java.util.Arrays.fill(lengths.data, 0.25f);
        return new Feed().put(RayBatches.POINTS, GradientCheck.uniform(rays * samples, 3, rng))
                .put(RayBatches.DIRECTIONS, GradientCheck.uniform(rays * samples, 3, rng))
                .put(RayBatches.LENGTHS, lengths)
                .put(RayBatches.COLOURS, GradientCheck.uniform(rays, 3, rng));
    }

    @Test
    void thePapersNetworkHasFeedbackAfterEveryHiddenLayerAndTheErrorAtTheRawOutput() {
        Graph g = model(NerfModel.Shape.paper(), 64);
        assertEquals(List.of("layer0.relu", "layer1.relu", "layer2.relu", "layer3.relu", "feature.relu", "view.relu"),
                g.feedbackPoints().stream().map(Tensor::name).toList());
        assertEquals(List.of(128, 128, 128, 128, 128, 64), g.feedbackPoints().stream().map(Tensor::width).toList());
        assertEquals("raw", g.errorPoint(0).name());
        assertEquals(4, g.errorPoint(0).width());
        assertEquals(3, g.output().width());
        assertEquals(63, g.tensor("position.encoding").width());
        assertEquals(27, g.tensor("direction.encoding").width());
        assertEquals(128 + 27, g.tensor("view.input").width());
        // the shallow baseline trains the output layers only
        assertEquals(List.of("density.weight", "density.bias", "rgb.weight", "rgb.bias"),
                g.parametersAboveFeedback().stream().map(Parameter::name).toList());
        assertEquals(List.of("feature.weight", "feature.bias"),
                g.segmentParameters(4).stream().map(Parameter::name).toList());
        assertEquals(List.of("view.dense.weight", "view.dense.bias"),
                g.segmentParameters(5).stream().map(Parameter::name).toList());
    }

    @Test
    void gradientsOfTheWholeModelMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(2).stream("data");
        Graph g = model(new NerfModel.Shape(2, 6, 4, 2, 1), 3);
        GradientCheck.check(g, batch(2, 3, rng), () -> { }, rng);
    }

    @Test
    void dfaProjectsAnErrorOfOneRowPerSamplePoint() {
        UniformRandomProvider rng = RandomStreams.of(3).stream("data");
        int rays = 4;
        int samples = 5;
        Graph g = model(new NerfModel.Shape(2, 8, 4, 2, 1), samples);
        DenseProjector projector = DenseProjector.random(8, 4, DenseProjector.Distribution.GAUSSIAN, 1.0,
                RandomStreams.of(3).derive("feedback"), Gemm.singleThreaded());
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(g, new MeanSquaredError(RayBatches.COLOURS),
                projector, FeedbackLayout.SHARED, FeedbackScale.INVERSE_SQRT_SIZE);
        dfa.step(batch(rays, samples, rng));
        assertEquals(rays * samples, dfa.error(0).numRows);
        assertEquals(4, dfa.error(0).numCols);
        assertEquals(rays * samples, dfa.feedbackSignal(0).numRows);
        assertEquals(rays, dfa.prediction().numRows);
        // every trunk layer gets a gradient from its slice of the projected error
        double sum = 0;
        for (float v : g.segmentParameters(0).get(0).grad().data) {
            sum += Math.abs(v);
        }
        assertEquals(true, sum > 0, "layer 0 learns");
    }
}
