package org.opudfa.dfa.task.nerf;

import java.nio.file.Path;

import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingsRegistry;

/** The NeRF task's own settings, declared once: the scene, the sampling along rays and the network. */
public final class NerfSettings {

    /** The scene folder; unset means the generated scene. */
    public static final Setting<Path> DATA = Setting.optional("data",
            "Blender-format scene folder (transforms_*.json and PNGs; unset: the generated scene of "
                    + "'opu-dfa data nerf', made in memory)", SettingType.path());
    /** The image width to shrink to. */
    public static final Setting<Integer> IMAGE_SIZE = Setting.of("imageSize",
            "shrink every image to this width in pixels by area averaging (height in proportion), 0 = as stored",
            SettingType.wholeNumber(0, 1 << 16), 0);
    /** Training views used. */
    public static final Setting<Integer> TRAIN_VIEWS = Setting.of("trainViews",
            "train on the first N training views only, 0 = all", SettingType.wholeNumber(0, Integer.MAX_VALUE), 0);
    /** Rays per epoch. */
    public static final Setting<Integer> RAYS_PER_EPOCH = Setting.of("raysPerEpoch",
            "training rays per epoch (rounded up to whole batches; passes over the rays follow each other), "
                    + "0 = one pass over every training ray", SettingType.wholeNumber(0, Integer.MAX_VALUE), 0);
    /** Samples per ray. */
    public static final Setting<Integer> SAMPLES = Setting.of("samples", "stratified samples per ray",
            SettingType.wholeNumber(1, 4096), 64);
    /** Fine samples per ray (hierarchical sampling). */
    public static final Setting<Integer> FINE_SAMPLES = Setting.of("fineSamples",
            "hierarchical sampling: a fine network, of the coarse one's shape with its own parameters, is also "
                    + "evaluated at N more samples per ray drawn from the coarse network's rendering weights (with the "
                    + "coarse samples; NeRF uses 128 with 64 coarse); images and metrics are the fine network's; "
                    + "0 = the coarse network alone", SettingType.wholeNumber(0, 4096), 0);
    /** Where sampling starts. */
    public static final Setting<Double> NEAR = Setting.of("near",
            "distance from the camera where rays start being sampled", SettingType.realNumber(RealRange.atLeast(0)),
            2.0);
    /** Where sampling ends. */
    public static final Setting<Double> FAR = Setting.of("far", "distance from the camera where sampling ends",
            SettingType.realNumber(RealRange.greaterThan(0)), 6.0);
    /** The background colour. */
    public static final Setting<Background> BACKGROUND = Setting.of("background",
            "colour behind the scene: white or black", SettingType.choice(Background.class), Background.WHITE);
    /** Trunk layers. */
    public static final Setting<Integer> LAYERS = Setting.of("layers", "layers of the network's trunk",
            SettingType.wholeNumber(1, 64), 4);
    /** Trunk width. */
    public static final Setting<Integer> WIDTH = Setting.of("width", "units per trunk layer",
            SettingType.wholeNumber(1, 4096), 128);
    /** View branch width. */
    public static final Setting<Integer> VIEW_WIDTH = Setting.of("viewWidth",
            "units of the view-direction branch's hidden layer", SettingType.wholeNumber(1, 4096), 64);
    /** Position frequencies. */
    public static final Setting<Integer> POSITION_FREQUENCIES = Setting.of("positionFrequencies",
            "frequencies of the positional encoding of the sample points", SettingType.wholeNumber(0, 30), 10);
    /** Direction frequencies. */
    public static final Setting<Integer> DIRECTION_FREQUENCIES = Setting.of("directionFrequencies",
            "frequencies of the positional encoding of the view directions", SettingType.wholeNumber(0, 30), 4);
    /** Epochs between preview images. */
    public static final Setting<Integer> PREVIEW_EVERY = Setting.of("previewEvery",
            "with an output folder, write a ground truth | prediction PNG of validation view 0 every N epochs, "
                    + "0 = never", SettingType.wholeNumber(0, Integer.MAX_VALUE), 1);

    /** Noise on the raw density in training passes. */
    public static final Setting<Double> DENSITY_NOISE = Setting.of("densityNoise",
            "standard deviation of Gaussian noise added to the raw density in training passes (NeRF's "
                    + "raw_noise_std), so that a density pushed below zero everywhere can still learn; 0 = none",
            SettingType.realNumber(RealRange.atLeast(0)), 0.0);
    /** Whether DFA keeps the density error out of the colour branch's feedback. */
    public static final Setting<Boolean> SPLIT_ERROR = Setting.of("splitError",
            "DFA: project the error's colour and density parts apart, the colour branch's feedback points (feature "
                    + "and view layers) getting the colour part only (needs feedbackLayout separate; bp and shallow "
                    + "ignore it)", SettingType.onOff(), true);

    /** The NeRF task's own settings, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("nerf", DATA, IMAGE_SIZE, TRAIN_VIEWS,
            RAYS_PER_EPOCH, SAMPLES, FINE_SAMPLES,
            NEAR, FAR, BACKGROUND, LAYERS, WIDTH, VIEW_WIDTH, POSITION_FREQUENCIES, DIRECTION_FREQUENCIES,
            SPLIT_ERROR, DENSITY_NOISE, PREVIEW_EVERY);

    private NerfSettings() {
    }
}
