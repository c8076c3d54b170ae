package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.rule.DirectFeedbackAlignment;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.StoppedRuns;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * NeRF with hierarchical sampling: the model's two networks and their error groups, its gradients
 * with the sampling fixed, the task trained by BP, DFA (each network its own projector) and
 * shallow, an exact resume through the simulated device, and the setting off giving today's model.
 */
class HierarchicalNerfTest {

    /** A tiny scene: 8 × 8 images, 3 training views, coarse quadrature (fast, not exact). */
    private static final List<BlenderSplit> SPLITS = new SceneGenerator(8, 3, 1, 1, 4, 0).generate(
            new QuadratureRenderer(AnalyticVolume.defaultScene(), 0.02), Gemm.singleThreaded());
    private static final NerfScene SCENE = new NerfScene(SPLITS.get(0).views(0), SPLITS.get(1).views(0),
            SPLITS.get(2).views(0), new DataDescription("tiny generated scene", List.of()));
    private static final NerfModel.Shape SMALL = new NerfModel.Shape(2, 6, 4, 2, 1);
    private static final StratifiedSampling SAMPLING = new StratifiedSampling(2, 6, 4);
    private static final int FINE = 3;
    /**
     * The data and probe stream of the gradient check: one whose points keep the ReLUs' inputs
     * further than a finite-difference step from their kinks (others put one within it, where a
     * central difference is not the derivative).
     */
    private static final long PROBE_SEED = 11;
    /** Density biases that make σ positive at the sample points, for the gradient check. */
    private static final float COARSE_DENSITY_BIAS = 0.5f;
    private static final float FINE_DENSITY_BIAS = 0.8f;

    @TempDir
    Path folder;

    private static SettingValues small(Method method) {
        return NerfTask.INSTANCE.defaults()
                .with(NerfSettings.SAMPLES, 8).with(NerfSettings.FINE_SAMPLES, 8).with(NerfSettings.LAYERS, 2)
                .with(NerfSettings.WIDTH, 16).with(NerfSettings.VIEW_WIDTH, 8)
                .with(NerfSettings.POSITION_FREQUENCIES, 4).with(NerfSettings.DIRECTION_FREQUENCIES, 2)
                .with(NerfSettings.NEAR, 2.5).with(NerfSettings.FAR, 5.5)
                .with(TrainingSettings.METHOD, method).with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT)
                .with(TrainingSettings.BATCH_SIZE, 32).with(TrainingSettings.LEARNING_RATE, 5e-3)
                .with(TrainingSettings.EPOCHS, 2).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.ALIGNMENT_EVERY, 2).with(TrainingSettings.SEED, 4L);
    }

    private static Trainer trainer(SettingValues values) {
        return new Trainer(NerfTask.INSTANCE.build(values, SCENE, new RunParts(values, Gemm.singleThreaded())));
    }

    private static Graph model(int fineSamples) {
        return NerfModel.build(SMALL, SAMPLING, fineSamples, Background.WHITE, 0, null,
                RandomStreams.of(1).stream("init"), Gemm.singleThreaded());
    }

    /** An evaluation batch of real rays, with the fine draws. */
    private static Feed batch(int fineSamples) {
        RayBatches rays = new RayBatches(MiniBatches.sequential(RayBatchesTest.rays(), 3), SAMPLING, null, 0,
                fineSamples);
        Feed feed = rays.newFeed();
        assertTrue(rays.next(feed));
        return feed;
    }

    /**
     * One ray whose points and directions are uniform in [−1, 1) (as in the coarse network's own
     * gradient check, away from the kinks real rays may sit on), coarse samples ¼ long at increasing
     * distances, and the evaluation draws.
     */
    private static Feed randomBatch(UniformRandomProvider rng) {
        int rays = 1;
        int rows = rays * SAMPLING.samples();
        Feed feed = batch(FINE);
        FMatrixRMaj lengths = new FMatrixRMaj(rows, 1);
        FMatrixRMaj distances = new FMatrixRMaj(rows, 1);
        for (int i = 0; i < rows; i++) {
            lengths.data[i] = 0.25f;
            distances.data[i] = (float) (SAMPLING.near() + (i % SAMPLING.samples() + 0.5) * SAMPLING.binLength());
        }
        FMatrixRMaj draws = new FMatrixRMaj(rays, FINE);
        System.arraycopy(feed.get(RayBatches.FINE_DRAWS).data, 0, draws.data, 0, rays * FINE);
        return new Feed().put(RayBatches.POINTS, GradientCheck.uniform(rows, 3, rng))
                .put(RayBatches.DIRECTIONS, GradientCheck.uniform(rows, 3, rng))
                .put(RayBatches.LENGTHS, lengths).put(RayBatches.DISTANCES, distances)
                .put(RayBatches.RAYS, GradientCheck.uniform(rays, RayBatches.RAY_WIDTH, rng))
                .put(RayBatches.FINE_DRAWS, draws);
    }

    @Test
    void eachNetworkHasItsOwnErrorGroupAndTheOutputHoldsBothRenderings() {
        Graph g = model(FINE);
        assertEquals(List.of("raw", "fine.raw"), g.errorPoints().stream().map(Tensor::name).toList());
        List<Tensor> points = g.feedbackPoints();
        assertEquals(List.of("layer0.relu", "layer1.relu", "feature.relu", "view.relu", "fine.layer0.relu",
                "fine.layer1.relu", "fine.feature.relu", "fine.view.relu"), points.stream().map(Tensor::name).toList());
        for (int l = 0; l < points.size(); l++) {
            assertEquals(l < 4 ? 0 : 1, g.errorGroup(l), points.get(l).name());
        }
        assertEquals(6, g.output().width(), "the fine colours, then the coarse ones");
        assertEquals(List.of("density.weight", "density.bias", "rgb.weight", "rgb.bias", "fine.density.weight",
                        "fine.density.bias", "fine.rgb.weight", "fine.rgb.bias"),
                g.parametersAboveFeedback().stream().map(Parameter::name).toList());
        for (Parameter p : g.parameters()) {
            if (p.name().startsWith(NerfModel.FINE)) {
                Parameter coarse = g.parameters().stream()
                        .filter(q -> q.name().equals(p.name().substring(NerfModel.FINE.length()))).findFirst()
                        .orElseThrow();
                assertNotEquals(coarse, p, "the fine network has its own parameters");
                assertArrayEquals(coarse.value().data, p.value().data, p.name() + " starts as the coarse one");
            }
        }
        Feed feed = batch(FINE);
        FMatrixRMaj y = g.forward(feed, false);
        assertEquals(3, y.numRows);
        assertEquals(3 * (SAMPLING.samples() + FINE), g.value(g.tensor("fine.sampling.0")).numRows);
    }

    @Test
    void withoutFineSamplesTheModelIsTodays() {
        Graph today = NerfModel.build(SMALL, SAMPLING.samples(), Background.WHITE, RandomStreams.of(1).stream("init"),
                Gemm.singleThreaded());
        Graph off = model(0);
        assertEquals(today.toString(), off.toString());
        assertEquals(today.parameters().size(), off.parameters().size());
        for (int i = 0; i < today.parameters().size(); i++) {
            assertEquals(today.parameters().get(i).name(), off.parameters().get(i).name());
            assertArrayEquals(today.parameters().get(i).value().data, off.parameters().get(i).value().data);
        }
        Feed feed = batch(0);
        assertArrayEquals(today.forward(feed, false).data, off.forward(feed, false).data);
        SettingValues values = small(Method.BP).with(NerfSettings.FINE_SAMPLES, 0);
        assertEquals(3, NerfTask.model(values, RandomStreams.of(4), Gemm.singleThreaded())
                .output().width());
    }

    /** Replays the first outputs of a module, so that a gradient check perturbs everything but the sampling. */
    private static final class Frozen implements Module {
        private final Module inner;

        Frozen(Module inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public int[] outputWidths(int[] inputWidths) {
            return inner.outputWidths(inputWidths);
        }

        @Override
        public Call newCall() {
            Call call = inner.newCall();
            return new Call() {
                private FMatrixRMaj[] first;

                @Override
                public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
                    if (first == null) {
                        FMatrixRMaj[] out = call.forward(inputs, feed, training);
                        first = new FMatrixRMaj[out.length];
                        for (int i = 0; i < out.length; i++) {
                            first[i] = out[i].copy();
                        }
                    }
                    return first;
                }

                @Override
                public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
                    return call.backward(gradOutputs, needInput);
                }
            };
        }
    }

    @Test
    void gradientsOfBothNetworksMatchFiniteDifferencesWithTheSamplingFixed() {
        HierarchicalSampling sampler = new HierarchicalSampling("fine.sampling", SAMPLING, FINE);
        Graph g = NerfModel.build(SMALL, SAMPLING.samples(), sampler, new Frozen(sampler), Background.WHITE, 0, null,
                RandomStreams.of(1).stream("init"), Gemm.singleThreaded());
        UniformRandomProvider rng = RandomStreams.of(PROBE_SEED).stream("probe");
        // positive densities, so that the rendering weights and their gradients are not all zero
        for (Parameter p : g.parameters()) {
            if (p.name().endsWith("density.bias")) {
                p.value().data[0] = p.name().startsWith(NerfModel.FINE) ? FINE_DENSITY_BIAS : COARSE_DENSITY_BIAS;
            }
        }
        GradientCheck.check(g, randomBatch(rng), () -> { }, rng);
        double fine = 0;
        for (Parameter p : g.parameters()) {
            if (p.name().startsWith(NerfModel.FINE)) {
                for (int i = 0; i < p.size(); i++) {
                    fine += Math.abs(p.grad().data[i]);
                }
            }
        }
        assertTrue(fine > 0, "the fine network gets a gradient");
    }

    @Test
    void everyRuleTrainsBothNetworksDfaWithAProjectorPerNetwork() {
        try (Trainer t = trainer(small(Method.BP))) {
            List<EpochMetrics> epochs = t.run(TrainingListener.NONE, null);
            assertEquals(List.of("train_loss", "train_psnr", "validation_loss", "validation_psnr", "test_loss",
                    "test_psnr", "test_ssim"), List.copyOf(epochs.get(1).values().keySet()));
            assertTrue(epochs.get(1).value("train_loss") < epochs.get(0).value("train_loss"), "the loss falls");
        }
        try (Trainer t = trainer(small(Method.DFA).with(TrainingSettings.EPOCHS, 1))) {
            EpochMetrics m = t.run(TrainingListener.NONE, null).get(0);
            assertEquals(8, m.alignment().size(), "four feedback points in each network");
            assertEquals(2, t.projectors().size());
            List<?> used = ((DirectFeedbackAlignment) t.rule()).projectors();
            for (int group = 0; group < 2; group++) {
                SplitErrorProjector split = (SplitErrorProjector) used.get(group);
                assertEquals(2 * 16, split.trunkColumns(), "group " + group + ": its own two trunk layers");
                assertEquals(2 * 16 + 16 + 8, split.outputDimension(), "group " + group + ": its own four points");
            }
        }
        try (Trainer t = trainer(small(Method.SHALLOW).with(TrainingSettings.EPOCHS, 1))) {
            assertEquals(List.of("density.weight", "density.bias", "rgb.weight", "rgb.bias", "fine.density.weight",
                            "fine.density.bias", "fine.rgb.weight", "fine.rgb.bias"),
                    t.rule().trainedParameters().stream().map(Parameter::name).toList());
        }
    }

    @Test
    void aResumedRunThroughTheDeviceContinuesExactlyWithBothProjectorsStates() {
        SettingValues values = small(Method.DFA).with(TrainingSettings.PROJECTOR, ProjectorKind.OPU);
        Map<String, float[]> uninterrupted;
        byte[] uninterruptedState;
        try (Trainer t = trainer(values)) {
            t.run(TrainingListener.NONE, null);
            Checkpoint c = t.checkpoint();
            uninterrupted = c.parameters();
            uninterruptedState = c.projectorState();
        }
        Path file = folder.resolve("checkpoint.bin");
        try (Trainer t = trainer(values)) {
            StoppedRuns.stopAfterFirstEpoch(t, file);
        }
        try (Trainer t = trainer(values)) {
            Checkpoint stopped = Checkpoint.read(file);
            assertNotEquals(0, stopped.projectorState().length, "the devices' states are saved");
            t.restore(stopped);
            t.run(TrainingListener.NONE, null);
            Checkpoint c = t.checkpoint();
            for (String name : uninterrupted.keySet()) {
                assertArrayEquals(uninterrupted.get(name), c.parameters().get(name), name);
            }
            assertArrayEquals(uninterruptedState, c.projectorState(), "both devices end in the same state");
        }
        try (Trainer t = trainer(values)) {
            Checkpoint stopped = Checkpoint.read(file);
            Checkpoint oneState = new Checkpoint(stopped.configuration(), stopped.epochsDone(), stopped.history(),
                    stopped.parameters(), stopped.optimizer(), stopped.batches(), new byte[0]);
            assertEquals("the projectors' state must hold the states of 2 projectors, got 0 bytes that do not",
                    assertThrows(IllegalArgumentException.class, () -> t.restore(oneState)).getMessage());
        }
    }
}
