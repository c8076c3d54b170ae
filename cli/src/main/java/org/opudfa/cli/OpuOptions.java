package org.opudfa.cli;

import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.device.CameraConfig;
import org.opudfa.opu.device.Dmd;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.EncodingType;

import picocli.CommandLine.Option;

/**
 * The simulated OPU's knobs, shared by every command that builds one. Each option maps to one
 * field of {@link OpuConfig}; the defaults are the library's.
 */
final class OpuOptions {

    @Option(names = "--bits", paramLabel = "B", defaultValue = "" + CameraConfig.DEFAULT_BITS,
            description = "Camera ADC bit depth, 1-16 (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--full-well", paramLabel = "E", defaultValue = "" + CameraConfig.DEFAULT_FULL_WELL,
            description = "Camera full-well capacity in electrons (default: ${DEFAULT-VALUE}).")
    double fullWell;

    @Option(names = "--read-noise", paramLabel = "E", defaultValue = "" + CameraConfig.DEFAULT_READ_NOISE,
            description = "Camera read noise in electrons RMS, >= 0 (default: ${DEFAULT-VALUE}).")
    double readNoise;

    @Option(names = "--no-shot-noise", description = "Switch photon shot noise off.")
    boolean noShotNoise;

    @Option(names = "--noiseless", description = "Switch shot noise and read noise off (quantisation remains).")
    boolean noiseless;

    @Option(names = "--fill", paramLabel = "F", defaultValue = "" + CameraConfig.DEFAULT_FILL,
            description = "Auto-exposure target: mean intensity as a fraction of full well (default: ${DEFAULT-VALUE}).")
    double fill;

    @Option(names = "--exposure", paramLabel = "ETA",
            description = "Fixed exposure in electrons per unit intensity; switches auto-exposure off.")
    Double exposure;

    @Option(names = "--reference-size", paramLabel = "R", defaultValue = "auto",
            description = "Features (macro-pixels) of the reference pattern for linear mode, or auto: twice the"
                    + " features the encoding is expected to switch ON per frame (default: ${DEFAULT-VALUE}).")
    String referenceSize;

    @Option(names = "--calibration-frames", paramLabel = "N", defaultValue = "" + OpuConfig.DEFAULT_CALIBRATION_FRAMES,
            description = "Reference frames averaged per calibration (default: ${DEFAULT-VALUE}).")
    int calibrationFrames;

    @Option(names = "--weak-reference", paramLabel = "F", defaultValue = "" + OpuConfig.DEFAULT_WEAK_REFERENCE_FRACTION,
            description = "Skip camera pixels whose reference intensity is under F times the mean (default: ${DEFAULT-VALUE}).")
    double weakReference;

    @Option(names = "--encoding", paramLabel = "E", defaultValue = "ternary",
            description = "How real vectors become binary frames: threshold, ternary, bit-planes (default: ${DEFAULT-VALUE}).")
    EncodingType encoding;

    @Option(names = "--threshold", paramLabel = "TAU", defaultValue = "" + OpuConfig.DEFAULT_THRESHOLD,
            description = "Threshold relative to each vector's largest magnitude, threshold/ternary encodings (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--bit-planes", paramLabel = "P", defaultValue = "" + OpuConfig.DEFAULT_BIT_PLANES,
            description = "Bits per sign of the bit-plane encoding, 1-16 (default: ${DEFAULT-VALUE}).")
    int bitPlanes;

    @Option(names = "--drift", paramLabel = "RAD", defaultValue = "0",
            description = "Medium drift in radians per frame (default: ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--recalibrate-every", paramLabel = "FRAMES", defaultValue = "0",
            description = "Frames between reference recalibrations, 0 = never (default: ${DEFAULT-VALUE}).")
    long recalibrateEvery;

    @Option(names = "--frame-period", paramLabel = "S", defaultValue = "" + OpuConfig.DEFAULT_FRAME_PERIOD,
            description = "Seconds per frame (default: ${DEFAULT-VALUE}).")
    double framePeriod;

    @Option(names = "--power", paramLabel = "W", defaultValue = "" + OpuConfig.DEFAULT_POWER,
            description = "Device power in watts (default: ${DEFAULT-VALUE}).")
    double power;

    @Option(names = "--dmd", paramLabel = "WxH", defaultValue = Dmd.DEFAULT_WIDTH + "x" + Dmd.DEFAULT_HEIGHT,
            description = "DMD mirrors, width x height (default: ${DEFAULT-VALUE}).")
    String dmd;

    @Option(names = "--macro-pixel", paramLabel = "S", defaultValue = "1",
            description = "Mirrors per feature (default: ${DEFAULT-VALUE}).")
    int macroPixel;

    @Option(names = "--camera", paramLabel = "WxH", defaultValue = CameraConfig.DEFAULT_WIDTH + "x" + CameraConfig.DEFAULT_HEIGHT,
            description = "Camera pixels, width x height (default: ${DEFAULT-VALUE}).")
    String camera;

    @Option(names = "--unbounded-camera", description = "Simulate an unbounded virtual camera (no pixel-count limit).")
    boolean unboundedCamera;

    @Option(names = "--matrix", paramLabel = "MODE", defaultValue = "auto",
            description = "Transmission matrix storage: dense, on-demand, auto (default: ${DEFAULT-VALUE}).")
    MatrixMode matrix;

    /**
     * @param input  n
     * @param output m
     * @param seed   the device seed
     * @return the configuration these options describe
     * @throws IllegalArgumentException naming the first bad value
     */
    OpuConfig toConfig(int input, int output, long seed) {
        int[] dmdSize = size("--dmd", dmd);
        int[] cameraSize = size("--camera", camera);
        OpuConfig.Builder b = OpuConfig.builder(input, output)
                .seed(seed)
                .bits(bits)
                .fullWell(fullWell)
                .readNoise(noiseless ? 0.0 : readNoise)
                .shotNoise(!(noShotNoise || noiseless))
                .fill(fill)
                .referenceSize(referenceSize(referenceSize))
                .calibrationFrames(calibrationFrames)
                .weakReferenceFraction(weakReference)
                .encoding(encoding)
                .threshold(threshold)
                .bitPlanes(bitPlanes)
                .driftRate(drift)
                .recalibrationPeriod(recalibrateEvery)
                .framePeriod(framePeriod)
                .power(power)
                .dmdWidth(dmdSize[0])
                .dmdHeight(dmdSize[1])
                .macroPixel(macroPixel)
                .cameraWidth(cameraSize[0])
                .cameraHeight(cameraSize[1])
                .unboundedCamera(unboundedCamera)
                .matrixMode(matrix);
        if (exposure != null) {
            b.autoExposure(false).exposure(exposure);
        }
        return b.build();
    }

    private static int referenceSize(String text) {
        String word = text.trim();
        if (word.equalsIgnoreCase("auto")) {
            return OpuConfig.REFERENCE_SIZE_AUTO;
        }
        try {
            int size = Integer.parseInt(word);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--reference-size must be auto or a whole number of features >= 1, got '"
                + text + "'");
    }

    private static int[] size(String option, String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be WIDTHxHEIGHT in whole numbers, e.g. 912x1140, got '"
                + text + "'");
    }
}
