package org.opudfa.dfa.task.nerf;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.loss.MeanSquaredError;
import org.opudfa.dfa.metric.Psnr;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.settings.SettingsRegistry;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Evaluation;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.encoding.EncodingType;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The NeRF task (neural radiance fields, Mildenhall et al. 2020, as trained by DFA in Launay et al.
 * 2020): learn a scene from its training views and render new ones. Each batch is a set of rays,
 * each ray S stratified sample points ({@link StratifiedSampling}); the {@link NerfModel} maps
 * each point's position and view direction to a raw colour and density, and the volume rendering
 * turns the samples of a ray into its colour. With {@link NerfSettings#FINE_SAMPLES} a fine network
 * is also evaluated at samples drawn from the coarse one's weights ({@link HierarchicalSampling},
 * {@link NerfModel}); the loss is then {@link HierarchicalLoss} and the metrics, previews and
 * renders are the fine network's. Loss: mean squared error of the ray colours; metrics:
 * PSNR of the training rays, of the validation views and of the test views (columns
 * {@code train_psnr}, {@code validation_psnr}, {@code test_psnr}: PSNR of the mean squared error over
 * every pixel of the set), the mean SSIM of the test views ({@code test_ssim}, {@link SsimMetric});
 * throughput in rays per second.
 *
 * <p>Defaults for the shared settings: NeRF's Adam at 5·10⁻⁴ decaying exponentially to a tenth
 * over the run, 5 epochs, and batches of 512 rays (NeRF takes 1024; 512 rays of 64 samples keep a
 * step's buffers, about 400 MB, within the launcher's default heap; with S_f fine samples a ray
 * costs S + (S + S_f) rows, so the batch must shrink in proportion); DFA's feedback layout is
 * separate (each feedback point its own slice of the projection), so that with
 * {@link NerfSettings#SPLIT_ERROR} the colour branch's points can get the colour part of the error
 * only ({@link SplitErrorProjector}); the simulated device shows the error in bit planes
 * ({@link EncodingType#BIT_PLANES}): a sample point's colour error is three values of comparable
 * size, whose ratios the ternary encoding loses (2 to 3 dB of test PSNR in the quick form, at two
 * seeds, with or without the camera's noise).
 *
 * <p>The defaults give {@link NerfSettings#SPLIT_ERROR} explicitly, so settings that leave it unset
 * come from a checkpoint written before the setting existed, whose DFA projected the whole error:
 * {@link #build(SettingValues)} resumes such a run as it was trained, without the split (its
 * feedback layout is recorded in the checkpoint), and records the split as off in the checkpoints
 * it writes.
 *
 * <p>Random streams, derived from the run's seed: {@code "init"} (weights), {@code "data.shuffle"}
 * (ray order), {@code "data.jitter"} (the samples' positions in their bins, and the fine samples'
 * draws), and those of
 * {@link RunParts} (feedback matrices, the simulated device).
 */
public final class NerfTask implements Task {

    /** The task. */
    public static final NerfTask INSTANCE = new NerfTask();

    /** Every setting of the task: the shared training settings, NeRF's, the OPU's. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.compose("nerf", TrainingSettings.SETTINGS,
            NerfSettings.SETTINGS, OpuRegistry.SETTINGS);

    private NerfTask() {
    }

    @Override
    public String name() {
        return "nerf";
    }

    @Override
    public String summary() {
        return "neural radiance field (4 × 128 MLP, positional encoding, volume rendering) learning a scene "
                + "in the Blender format, or the generated one";
    }

    @Override
    public SettingsRegistry settings() {
        return SETTINGS;
    }

    @Override
    public SettingValues defaults() {
        return SettingValues.defaults(SETTINGS)
                .with(TrainingSettings.BATCH_SIZE, 512)
                .with(TrainingSettings.LEARNING_RATE, 5e-4)
                .with(TrainingSettings.SCHEDULE, ScheduleKind.EXPONENTIAL)
                .with(TrainingSettings.FEEDBACK_LAYOUT, FeedbackLayout.SEPARATE)
                .with(NerfSettings.SPLIT_ERROR, NerfSettings.SPLIT_ERROR.defaultValue())
                .with(TrainingSettings.EPOCHS, 5)
                .with(OpuRegistry.ENCODING, EncodingType.BIT_PLANES);
    }

    /**
     * The settings a run was trained with: {@code values}, or, when they leave
     * {@link NerfSettings#SPLIT_ERROR} unset (a checkpoint written before the setting existed, whose
     * DFA projected the whole error), the same with the split off.
     *
     * @param values values of {@link #settings()}, from {@link #defaults()} or a checkpoint
     * @return the values to build the run with
     */
    public static SettingValues asTrained(SettingValues values) {
        return values.isSet(NerfSettings.SPLIT_ERROR) ? values : values.with(NerfSettings.SPLIT_ERROR, false);
    }

    /**
     * @param values the task's settings
     * @return the sampling along rays they describe
     * @throws IllegalArgumentException if far is not beyond near
     */
    public static StratifiedSampling sampling(SettingValues values) {
        return new StratifiedSampling(values.get(NerfSettings.NEAR), values.get(NerfSettings.FAR),
                values.get(NerfSettings.SAMPLES));
    }

    /**
     * @param values  the task's settings
     * @param streams the run's random streams: {@code "init"} (weights) and the density noise's
     * @param gemm    the matrix product the layers use
     * @return the model they describe (with a fine network when they ask for fine samples)
     * @throws IllegalArgumentException if fine samples are asked for with fewer than 3 coarse ones
     */
    public static Graph model(SettingValues values, RandomStreams streams, Gemm gemm) {
        NerfModel.Shape shape = new NerfModel.Shape(values.get(NerfSettings.LAYERS), values.get(NerfSettings.WIDTH),
                values.get(NerfSettings.VIEW_WIDTH), values.get(NerfSettings.POSITION_FREQUENCIES),
                values.get(NerfSettings.DIRECTION_FREQUENCIES));
        return NerfModel.build(shape, sampling(values), values.get(NerfSettings.FINE_SAMPLES),
                values.get(NerfSettings.BACKGROUND), values.get(NerfSettings.DENSITY_NOISE), streams,
                streams.stream("init"), gemm);
    }

    /**
     * @param values the task's settings
     * @return the loss they describe: the ray colours' mean squared error, or with fine samples the
     *     fine and the coarse colours' ({@link HierarchicalLoss})
     */
    static Loss loss(SettingValues values) {
        return values.get(NerfSettings.FINE_SAMPLES) > 0 ? new HierarchicalLoss(RayBatches.COLOURS)
                : new MeanSquaredError(RayBatches.COLOURS);
    }

    /**
     * Loads the scene ({@link NerfData#load}) and builds the run on the run's own threads, with
     * the settings {@link #asTrained} gives.
     *
     * @param given values of {@link #settings()}
     * @return the run
     */
    @Override
    public TrainingRun build(SettingValues given) {
        SettingValues values = asTrained(given);
        RunParts parts = new RunParts(values);
        try {
            return build(values, NerfData.load(values, parts.gemm()), parts);
        } catch (RuntimeException e) {
            parts.gemm().close();
            throw e;
        }
    }

    /**
     * Builds the run on a given scene and parts.
     *
     * @param values the settings
     * @param scene  the scene
     * @param parts  the run's shared parts (threads, streams)
     * @return the run
     */
    public TrainingRun build(SettingValues values, NerfScene scene, RunParts parts) {
        StratifiedSampling sampling = sampling(values);
        RandomStreams streams = parts.streams();
        Background background = values.get(NerfSettings.BACKGROUND);
        Graph model = model(values, streams, parts.gemm());
        int fine = values.get(NerfSettings.FINE_SAMPLES);
        TrainingRule rule = values.get(NerfSettings.SPLIT_ERROR)
                ? parts.rule(model, loss(values),
                        (group, p) -> SplitErrorProjector.forModel(model, group, p, parts.gemm()))
                : parts.rule(model, loss(values));
        int batch = values.get(TrainingSettings.BATCH_SIZE);
        int raysPerEpoch = values.get(NerfSettings.RAYS_PER_EPOCH);
        RayBatches train = new RayBatches(MiniBatches.shuffled(Rays.of("training rays", scene.train(), background),
                batch, MiniBatches.LastBatch.KEEP, streams.stream("data.shuffle")), sampling,
                streams.derive("data.jitter"), (int) ((raysPerEpoch + (long) batch - 1) / batch), fine);
        Optimizer optimizer = parts.optimizer(rule.trainedParameters(), train.batchesPerEpoch());
        Evaluation val = new Evaluation("validation", new RayBatches(MiniBatches.sequential(
                Rays.of("validation rays", scene.validation(), background), batch), sampling, null, 0, fine),
                List.of(new FineColourMetric(new Psnr(RayBatches.COLOURS))));
        Evaluation test = new Evaluation("test", new RayBatches(MiniBatches.sequential(
                Rays.of("test rays", scene.test(), background), batch), sampling, null, 0, fine),
                List.of(new FineColourMetric(new Psnr(RayBatches.COLOURS)),
                        new FineColourMetric(new SsimMetric(scene.test()))));
        return parts.run(rule, optimizer, train, List.of(new FineColourMetric(new Psnr(RayBatches.COLOURS))),
                List.of(val, test), scene.description());
    }

    /**
     * Writes the run's images into {@code out} ({@link NerfPreview}): a ground truth | prediction PNG
     * of validation view 0 every {@link NerfSettings#PREVIEW_EVERY} epochs, and the shown test views
     * and their ground truth after the last epoch.
     *
     * @param run    a run this task built
     * @param values its settings
     * @param out    its output folder
     * @return the image writer
     */
    @Override
    public TrainingListener listener(TrainingRun run, SettingValues values, Path out) {
        NerfScene scene;
        try (Gemm gemm = Gemm.singleThreaded()) {
            // the run's build loaded the scene: this finds it in the cache
            scene = NerfData.load(values, gemm);
        }
        NerfRenderer renderer = new NerfRenderer(run.rule().model(), sampling(values),
                values.get(NerfSettings.FINE_SAMPLES), values.get(TrainingSettings.BATCH_SIZE));
        return new NerfPreview(renderer, scene.validation().get(0), scene.test(), values.get(NerfSettings.BACKGROUND),
                out, values.get(NerfSettings.PREVIEW_EVERY), run.epochs());
    }
}
