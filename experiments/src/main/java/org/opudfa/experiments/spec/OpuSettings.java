package org.opudfa.experiments.spec;

import java.util.List;
import java.util.Map;

import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.EncodingType;

/**
 * The simulated OPU's knobs as sweep parameters (the same names as the command line's options,
 * in camel case), and how they set an {@link OpuConfig.Builder}. Unset knobs keep the library's
 * defaults.
 */
public final class OpuSettings {

    /** The OPU parameters, shared by training (with projector {@code opu}) and fidelity sweeps. */
    public static final List<SweepParameter> PARAMETERS = List.of(
            SweepParameter.of("bits", ParameterType.INTEGER, "camera ADC bit depth, 1-16"),
            SweepParameter.of("fullWell", ParameterType.NUMBER, "camera full-well capacity, electrons"),
            SweepParameter.of("readNoise", ParameterType.NUMBER, "camera read noise, electrons RMS"),
            SweepParameter.of("shotNoise", ParameterType.BOOLEAN, "whether photon shot noise is simulated"),
            SweepParameter.of("fill", ParameterType.NUMBER, "auto-exposure target, fraction of full well"),
            SweepParameter.of("exposure", ParameterType.NUMBER,
                    "fixed exposure, electrons per unit intensity (switches auto-exposure off)"),
            SweepParameter.of("referenceSize", ParameterType.INTEGER_OR_AUTO,
                    "features of the reference pattern, or auto (twice the expected ON features per frame)"),
            SweepParameter.of("calibrationFrames", ParameterType.INTEGER, "reference frames per calibration"),
            SweepParameter.of("weakReference", ParameterType.NUMBER,
                    "skip pixels whose reference intensity is under this fraction of the mean"),
            SweepParameter.choice("encoding", EncodingType.class, "how real vectors become binary frames"),
            SweepParameter.of("threshold", ParameterType.NUMBER,
                    "threshold relative to each vector's largest magnitude (threshold, ternary)"),
            SweepParameter.of("bitPlanes", ParameterType.INTEGER, "bits per sign of the bit-plane encoding"),
            SweepParameter.of("drift", ParameterType.NUMBER, "medium drift, radians per frame"),
            SweepParameter.of("recalibrateEvery", ParameterType.LONG,
                    "frames between reference recalibrations, 0 = never"),
            SweepParameter.of("framePeriod", ParameterType.NUMBER, "seconds per frame"),
            SweepParameter.of("power", ParameterType.NUMBER, "device power, watts"),
            SweepParameter.choice("matrix", MatrixMode.class, "transmission matrix storage"),
            SweepParameter.of("unboundedCamera", ParameterType.BOOLEAN, "no camera pixel-count limit"));

    private OpuSettings() {
    }

    /**
     * @param settings parsed values by parameter name (others are ignored)
     * @return whether any OPU parameter is set
     */
    public static boolean anySet(Map<String, Object> settings) {
        return PARAMETERS.stream().anyMatch(p -> settings.containsKey(p.name()));
    }

    /**
     * Applies every OPU parameter present in {@code settings} to a builder.
     *
     * @param settings parsed values by parameter name
     * @param b        the builder to set
     * @return {@code b}
     */
    public static OpuConfig.Builder apply(Map<String, Object> settings, OpuConfig.Builder b) {
        settings.forEach((name, value) -> {
            switch (name) {
                case "bits" -> b.bits((Integer) value);
                case "fullWell" -> b.fullWell((Double) value);
                case "readNoise" -> b.readNoise((Double) value);
                case "shotNoise" -> b.shotNoise((Boolean) value);
                case "fill" -> b.fill((Double) value);
                case "exposure" -> b.autoExposure(false).exposure((Double) value);
                case "referenceSize" -> b.referenceSize(ParameterType.AUTO.equals(value)
                        ? OpuConfig.REFERENCE_SIZE_AUTO : (Integer) value);
                case "calibrationFrames" -> b.calibrationFrames((Integer) value);
                case "weakReference" -> b.weakReferenceFraction((Double) value);
                case "encoding" -> b.encoding(SweepParameter.constant(EncodingType.class, value));
                case "threshold" -> b.threshold((Double) value);
                case "bitPlanes" -> b.bitPlanes((Integer) value);
                case "drift" -> b.driftRate((Double) value);
                case "recalibrateEvery" -> b.recalibrationPeriod((Long) value);
                case "framePeriod" -> b.framePeriod((Double) value);
                case "power" -> b.power((Double) value);
                case "matrix" -> b.matrixMode(SweepParameter.constant(MatrixMode.class, value));
                case "unboundedCamera" -> b.unboundedCamera((Boolean) value);
                default -> {
                    // not an OPU parameter
                }
            }
        });
        return b;
    }
}
