package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.StoppedRuns;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.kernel.Gemm;

class NerfTaskTest {

    /** A tiny scene: 8 × 8 images, 3 training views, coarse quadrature (fast, not exact). */
    private static final List<BlenderSplit> SPLITS = new SceneGenerator(8, 3, 1, 1, 4, 0).generate(
            new QuadratureRenderer(AnalyticVolume.defaultScene(), 0.02), Gemm.singleThreaded());
    private static final NerfScene SCENE = new NerfScene(SPLITS.get(0).views(0), SPLITS.get(1).views(0),
            SPLITS.get(2).views(0), new DataDescription("tiny generated scene", List.of()));

    @TempDir
    Path folder;

    /** A small network and batch, one thread, the exact projector. */
    private static SettingValues small(Method method) {
        return NerfTask.INSTANCE.defaults()
                .with(NerfSettings.SAMPLES, 8).with(NerfSettings.LAYERS, 2).with(NerfSettings.WIDTH, 16)
                .with(NerfSettings.VIEW_WIDTH, 8).with(NerfSettings.POSITION_FREQUENCIES, 4)
                .with(NerfSettings.DIRECTION_FREQUENCIES, 2).with(NerfSettings.NEAR, 2.5).with(NerfSettings.FAR, 5.5)
                .with(TrainingSettings.METHOD, method).with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT)
                .with(TrainingSettings.BATCH_SIZE, 32).with(TrainingSettings.LEARNING_RATE, 5e-3)
                .with(TrainingSettings.EPOCHS, 3).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.ALIGNMENT_EVERY, 2).with(TrainingSettings.SEED, 4L);
    }

    private static Trainer trainer(SettingValues values) {
        return new Trainer(NerfTask.INSTANCE.build(values, SCENE, new RunParts(values, Gemm.singleThreaded())));
    }

    @Test
    void isListedWithNeRFsDefaults() {
        assertEquals(NerfTask.INSTANCE, Tasks.get("nerf"));
        SettingValues d = NerfTask.INSTANCE.defaults();
        assertEquals(512, d.get(TrainingSettings.BATCH_SIZE));
        assertEquals(5e-4, d.get(TrainingSettings.LEARNING_RATE));
        assertEquals(ScheduleKind.EXPONENTIAL, d.get(TrainingSettings.SCHEDULE));
        assertEquals(64, d.get(NerfSettings.SAMPLES));
        assertEquals("--image-size", NerfSettings.IMAGE_SIZE.optionName());
    }

    @Test
    void backpropagationLearnsTheSceneMeasuredInRaysAndPsnr() {
        try (Trainer t = trainer(small(Method.BP))) {
            List<EpochMetrics> epochs = t.run(TrainingListener.NONE, null);
            EpochMetrics first = epochs.get(0);
            EpochMetrics last = epochs.get(epochs.size() - 1);
            assertEquals("rays", last.itemName());
            assertEquals(List.of("train_loss", "train_psnr", "validation_loss", "validation_psnr", "test_loss", "test_psnr",
                    "test_ssim"),
                    List.copyOf(last.values().keySet()));
            assertEquals(-10 * Math.log10(last.value("validation_loss")), last.value("validation_psnr"), 1e-9,
                    "PSNR of the mean squared error over the set");
            assertTrue(last.value("train_loss") < first.value("train_loss"), "the training loss falls");
            assertEquals(3 * 6, last.step(), "3 views of 64 rays in batches of 32, for 3 epochs");
        }
    }

    @Test
    void dfaTrainsEveryLayerAndShallowOnlyTheOutputLayers() {
        try (Trainer t = trainer(small(Method.DFA).with(TrainingSettings.EPOCHS, 1))) {
            List<EpochMetrics> epochs = t.run(TrainingListener.NONE, null);
            assertEquals(4, epochs.get(0).alignment().size(), "2 trunk layers, the feature and the view layers");
        }
        try (Trainer t = trainer(small(Method.SHALLOW).with(TrainingSettings.EPOCHS, 1))) {
            Parameter trunk = t.model().parameters().get(0);
            assertEquals("layer0.dense.weight", trunk.name());
            float[] before = trunk.value().data.clone();
            t.run(TrainingListener.NONE, null);
            assertArrayEquals(before, trunk.value().data, "the trunk keeps its initial weights");
            assertEquals(List.of("density.weight", "density.bias", "rgb.weight", "rgb.bias"),
                    t.rule().trainedParameters().stream().map(Parameter::name).toList());
        }
    }

    @Test
    void dfaThroughTheSimulatedDeviceRuns() {
        SettingValues values = small(Method.DFA).with(TrainingSettings.PROJECTOR, ProjectorKind.OPU)
                .with(TrainingSettings.EPOCHS, 1);
        try (Trainer t = trainer(values)) {
            EpochMetrics m = t.run(TrainingListener.NONE, null).get(0);
            assertTrue(m.opuFrames() > 0, "the device projected the error");
            assertTrue(Double.isFinite(m.value("validation_psnr")));
        }
    }

    /**
     * A checkpoint written before splitError existed records the feedback layout (then shared by
     * default) but not the split: its run is rebuilt as it was trained, without the split, instead of
     * with today's default (which the shared layout refused), and records the split as off.
     */
    @Test
    void settingsWrittenBeforeTheSplitErrorExistedTrainWithoutIt() {
        assertTrue(NerfTask.asTrained(small(Method.DFA)).get(NerfSettings.SPLIT_ERROR), "today's runs split");
        Map<String, Object> written = new java.util.LinkedHashMap<>(small(Method.DFA)
                .with(TrainingSettings.FEEDBACK_LAYOUT, FeedbackLayout.SHARED).describe());
        written.remove(NerfSettings.SPLIT_ERROR.name());
        SettingValues old = SettingValues.fromDescribe(NerfTask.INSTANCE.settings(), written);
        SettingValues asTrained = NerfTask.asTrained(old);
        assertFalse(asTrained.get(NerfSettings.SPLIT_ERROR), "the old run projected the whole error");
        try (Trainer t = trainer(asTrained)) {
            assertEquals(false, t.checkpoint().configuration().get(NerfSettings.SPLIT_ERROR.name()),
                    "its checkpoints now say so");
            t.run(TrainingListener.NONE, null);
        }
        SettingValues recorded = SettingValues.fromDescribe(NerfTask.INSTANCE.settings(),
                small(Method.DFA).describe());
        assertTrue(NerfTask.asTrained(recorded).get(NerfSettings.SPLIT_ERROR), "a recorded split is kept");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3})
    void aResumedRunContinuesExactly(double densityNoise) {
        // with density noise, its draws resume too: the checkpoint carries the noise's streams
        SettingValues values = small(Method.DFA).with(TrainingSettings.EPOCHS, 2)
                .with(NerfSettings.DENSITY_NOISE, densityNoise);
        Map<String, float[]> uninterrupted;
        try (Trainer t = trainer(values)) {
            t.run(TrainingListener.NONE, null);
            uninterrupted = t.checkpoint().parameters();
        }
        Path file = folder.resolve("checkpoint.bin");
        try (Trainer t = trainer(values)) {
            // stop the same run after its first epoch, once its checkpoint is written
            StoppedRuns.stopAfterFirstEpoch(t, file);
        }
        try (Trainer t = trainer(values)) {
            t.restore(Checkpoint.read(file));
            t.run(TrainingListener.NONE, null);
            Map<String, float[]> resumed = t.checkpoint().parameters();
            for (String name : uninterrupted.keySet()) {
                assertArrayEquals(uninterrupted.get(name), resumed.get(name), name);
            }
        }
    }

    @Test
    void previewsShowTheGroundTruthBesideThePredictionAndTheLastEpochTheTestViews() {
        Path scene = folder.resolve("scene");
        BlenderFormat.write(scene, SPLITS);
        SettingValues values = small(Method.BP).with(NerfSettings.DATA, scene).with(NerfSettings.PREVIEW_EVERY, 2);
        TrainingRun run = NerfTask.INSTANCE.build(values);
        Path out = folder.resolve("out");
        try (Trainer t = new Trainer(run)) {
            TrainingListener preview = NerfTask.INSTANCE.listener(run, values, out);
            t.run(preview, null);
        }
        assertFalse(out.resolve("preview-epoch-001.png").toFile().exists());
        RgbaImage image = RgbaImage.read(out.resolve("preview-epoch-002.png"));
        assertEquals(16, image.width());
        assertEquals(8, image.height());
        RgbaImage truth = RgbaImage.ofRgb(8, 8, SCENE.validation().get(0).composited(Background.WHITE));
        for (int j = 0; j < 8; j++) {
            for (int i = 0; i < 8; i++) {
                assertEquals(truth.get(i, j, 1), image.get(i, j, 1));
            }
        }
        // one test view in this scene: its rendering and its ground truth
        assertEquals(8, RgbaImage.read(out.resolve(NerfPreview.TEST_VIEWS)).width());
        assertEquals(RgbaImage.ofRgb(8, 8, SCENE.test().get(0).composited(Background.WHITE)),
                RgbaImage.read(out.resolve(NerfPreview.TEST_TRUTH)));
    }

    @Test
    void theShownTestViewsSpreadOverTheTestSet() {
        List<SceneView> test = new java.util.ArrayList<>();
        for (int k = 0; k < 25; k++) {
            test.add(new SceneView("test/r_" + k, SCENE.test().get(0).camera(), SCENE.test().get(0).rgba()));
        }
        NerfPreview p = new NerfPreview(new NerfRenderer(NerfModel.build(new NerfModel.Shape(1, 2, 2, 0, 0), 2,
                Background.WHITE, org.opudfa.opu.rng.RandomStreams.of(0).stream("init"), Gemm.singleThreaded()),
                new StratifiedSampling(2, 6, 2), 0, 16), SCENE.validation().get(0), test, Background.WHITE, folder, 0,
                1);
        assertEquals(List.of("test/r_0", "test/r_3", "test/r_6", "test/r_9", "test/r_12", "test/r_15", "test/r_18",
                "test/r_21"), p.shownViews());
    }

    @Test
    void readsAFolderShrinkingAndLimitingTheViews() {
        Path scene = folder.resolve("scene");
        BlenderFormat.write(scene, SPLITS);
        SettingValues values = NerfTask.INSTANCE.defaults().with(NerfSettings.DATA, scene)
                .with(NerfSettings.IMAGE_SIZE, 4).with(NerfSettings.TRAIN_VIEWS, 2);
        NerfScene read = NerfData.load(values, Gemm.singleThreaded());
        assertEquals(2, read.train().size());
        assertEquals(4, read.test().get(0).camera().width());
        assertEquals("Blender-format scene from " + scene + " (3 training, 1 validation, 1 test views, shrunk to "
                + "4×4), first 2 training views", read.description().note());
        assertEquals(3 + 5, read.description().files().size(), "3 transforms files and 5 images");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NerfData.load(
                values.with(NerfSettings.IMAGE_SIZE, 16), Gemm.singleThreaded()));
        assertEquals("the image size 16 does not suit the scene: view train/r_0 is 8 pixels wide and can only be "
                + "shrunk, not enlarged to 16", e.getMessage());
    }
}
