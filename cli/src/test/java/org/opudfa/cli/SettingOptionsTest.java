package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.opu.OpuConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The OPU's options generated from its registry: the option names the command line has always
 * had, every value reaching the device, and the same values as the same settings written in JSON.
 */
class SettingOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INPUT = 10;
    private static final int OUTPUT = 100;
    private static final long SEED = 7;

    /** Every option given a value other than its default. */
    private static final List<String> EVERY_OPTION = List.of("--bits", "12", "--full-well", "20000",
            "--read-noise", "1.5", "--no-shot-noise", "--fill", "0.2", "--exposure", "50", "--reference-size", "16",
            "--calibration-frames", "4", "--weak-reference", "0.05", "--encoding", "bit-planes", "--threshold", "0.2",
            "--bit-planes", "3", "--drift", "1e-4", "--recalibrate-every", "100", "--frame-period", "1e-3",
            "--power", "10", "--dmd", "800x600", "--macro-pixel", "2", "--camera", "640x480", "--unbounded-camera",
            "--matrix", "on-demand");

    /** The same values as {@link #EVERY_OPTION}, as a sweep spec or a JSON configuration writes them. */
    private static final String EVERY_SETTING = "{'bits': 12, 'fullWell': 20000, 'readNoise': 1.5,"
            + " 'shotNoise': false, 'fill': 0.2, 'exposure': 50, 'referenceSize': 16, 'calibrationFrames': 4,"
            + " 'weakReference': 0.05, 'encoding': 'bit-planes', 'threshold': 0.2, 'bitPlanes': 3, 'drift': 1e-4,"
            + " 'recalibrateEvery': 100, 'framePeriod': 1e-3, 'power': 10, 'dmd': '800x600', 'macroPixel': 2,"
            + " 'camera': '640x480', 'unboundedCamera': true, 'matrix': 'on-demand'}";

    /** A command with the generated options. */
    @Command(name = "generated", modelTransformer = OpuSettingOptions.class)
    static final class Generated {
        @Spec
        CommandSpec spec;
    }

    private static Generated generated(List<String> args) {
        Generated command = new Generated();
        Main.configure(new CommandLine(command)).parseArgs(args.toArray(new String[0]));
        return command;
    }

    private static SettingValues values(List<String> args) {
        return SettingOptions.values(generated(args).spec, OpuRegistry.SETTINGS);
    }

    @Test
    void theGeneratedOptionsAreTheOnesTheCommandLineHasAlwaysHad() {
        TreeSet<String> generated = new TreeSet<>();
        OpuRegistry.SETTINGS.settings().forEach(s -> generated.add(s.optionName()));
        assertEquals(new TreeSet<>(List.of("--bits", "--full-well", "--read-noise", "--no-shot-noise", "--noiseless",
                "--fill", "--exposure", "--reference-size", "--calibration-frames", "--weak-reference", "--encoding",
                "--threshold", "--bit-planes", "--drift", "--recalibrate-every", "--frame-period", "--power", "--dmd",
                "--macro-pixel", "--camera", "--unbounded-camera", "--matrix")), generated);
    }

    @Test
    void everyOptionReachesTheDevice() {
        Generated command = generated(EVERY_OPTION);
        OpuConfig expected = OpuConfig.builder(INPUT, OUTPUT).seed(SEED).bits(12).fullWell(20000).readNoise(1.5)
                .shotNoise(false).fill(0.2).autoExposure(false).exposure(50).referenceSize(16).calibrationFrames(4)
                .weakReferenceFraction(0.05).encoding(org.opudfa.opu.encoding.EncodingType.BIT_PLANES).threshold(0.2)
                .bitPlanes(3).driftRate(1e-4).recalibrationPeriod(100).framePeriod(1e-3).power(10).dmdWidth(800)
                .dmdHeight(600).macroPixel(2).cameraWidth(640).cameraHeight(480).unboundedCamera(true)
                .matrixMode(org.opudfa.opu.device.MatrixMode.ON_DEMAND).build();
        assertEquals(expected, OpuSettingOptions.config(command.spec, INPUT, OUTPUT, SEED));
    }

    @Test
    void optionsAndJsonGiveTheSameValues() throws Exception {
        SettingValues fromOptions = values(EVERY_OPTION);
        SettingValues fromJson = SettingValues.fromJson(OpuRegistry.SETTINGS,
                (ObjectNode) JSON.readTree(EVERY_SETTING.replace('\'', '"')));
        assertEquals(fromJson, fromOptions);
        assertEquals(fromOptions, SettingValues.fromDescribe(OpuRegistry.SETTINGS, fromOptions.describe()));
        for (Setting<?> s : OpuRegistry.SETTINGS.settings()) {
            assertTrue(s == OpuRegistry.NOISELESS || fromOptions.isSet(s), s.name() + " was given");
        }
    }

    @Test
    void onlyTheOptionsGivenAreSet() {
        SettingValues v = values(List.of("--bits", "6", "--noiseless"));
        assertTrue(v.isSet(OpuRegistry.BITS));
        assertTrue(v.get(OpuRegistry.NOISELESS));
        assertFalse(v.isSet(OpuRegistry.SHOT_NOISE));
        assertEquals(SettingValues.defaults(OpuRegistry.SETTINGS).with(OpuRegistry.BITS, 6)
                .with(OpuRegistry.NOISELESS, true), v);
    }

    @Test
    void helpGivesEachOptionItsTypeAndDefault() {
        CliRun run = CliRun.run("project", "--help");
        assertEquals(0, run.exitCode(), run.describe());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--bits=N Camera ADC bit depth, in bits: a whole number between 1 and 16"
                + " (default: 8)."), help);
        assertTrue(help.contains("--no-shot-noise Simulate photon shot noise. On by default; this option switches"
                + " it off."), help);
        assertTrue(help.contains("--dmd=WxH"), help);
        assertTrue(help.contains("(default: 912x1140)"), help);
        assertTrue(help.contains("--reference-size=auto|N"), help);
    }
}
