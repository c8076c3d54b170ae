package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opudfa.dfa.io.MessageText;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.rng.RandomStreams;

/**
 * {@code opu-dfa project}: CSV in, CSV out, in each mode, checked against the same device built
 * through the library; and bad input files, which must leave no output behind. The device, the
 * noise and the vectors are seeded, so every check is deterministic (no false failures).
 */
class ProjectCommandTest {

    private static final int INPUT_DIM = 8;
    private static final int OUTPUT_DIM = 64;
    private static final int VECTORS = 6;
    private static final long SEED = 11;

    /**
     * The CLI prints 7 significant digits of a float computed in double: entries of size ~3
     * agree with a double-precision product of the ideal matrix to well under this.
     */
    private static final double EXACT_TOLERANCE = 1e-4;
    /** A noise-free 16-bit linear readout tracks the exact projection at least this closely. */
    private static final double LINEAR_MIN_CORRELATION = 0.999;
    /**
     * Noise-free 16-bit intensities differ from the ideal ones by the quantisation step only, about
     * 1.5e-4 of the mean intensity at the default fill of 10% of full well.
     */
    private static final double INTENSITY_RELATIVE_TOLERANCE = 1e-3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"linear", "exact", "intensity"})
    void writesOneLinePerInputWithOutputDimColumns(String mode) throws IOException {
        Path input = writeCsv("binary.csv", binaryVectors());
        Path output = dir.resolve("out.csv");

        CliRun run = CliRun.run("project", input.toString(), "--mode", mode, "--output-dim", "" + OUTPUT_DIM,
                "--seed", "" + SEED, "--output", output.toString());

        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("", run.out(), "the CSV went to the file, not stdout");
        float[][] rows = readCsv(output);
        assertEquals(VECTORS, rows.length);
        for (float[] row : rows) {
            assertEquals(OUTPUT_DIM, row.length);
            for (float v : row) {
                assertTrue(Float.isFinite(v));
                if (mode.equals("intensity")) {
                    assertTrue(v >= 0, "an intensity is never negative, got " + v);
                }
            }
        }
    }

    @Test
    void exactModeIsTheIdealProjectionOfTheSameDevice() throws IOException {
        float[][] vectors = ternaryVectors();
        Path input = writeCsv("ternary.csv", vectors);
        Path output = dir.resolve("exact.csv");

        CliRun run = CliRun.run("project", input.toString(), "--mode", "exact", "--output-dim", "" + OUTPUT_DIM,
                "--seed", "" + SEED, "-o", output.toString());

        assertEquals(0, run.exitCode(), run.describe());
        FMatrixRMaj b = new OpuProjector(OpuConfig.builder(INPUT_DIM, OUTPUT_DIM).seed(SEED).build()).idealMatrix();
        float[][] rows = readCsv(output);
        for (int r = 0; r < VECTORS; r++) {
            for (int i = 0; i < OUTPUT_DIM; i++) {
                double expected = 0;
                for (int j = 0; j < INPUT_DIM; j++) {
                    expected += (double) b.get(i, j) * vectors[r][j];
                }
                assertEquals(expected, rows[r][i], EXACT_TOLERANCE, "vector " + r + " output " + i);
            }
        }
    }

    @Test
    void noiselessLinearModeAgreesWithExactModeOnTernaryInputs() throws IOException {
        Path input = writeCsv("ternary.csv", ternaryVectors());
        Path linear = dir.resolve("linear.csv");
        Path exact = dir.resolve("exact.csv");
        String[] device = {"--output-dim", "" + OUTPUT_DIM, "--seed", "" + SEED, "--noiseless", "--bits", "16"};

        CliRun linearRun = CliRun.run(concat(List.of("project", input.toString(), "--mode", "linear", "-o",
                linear.toString()), device));
        CliRun exactRun = CliRun.run(concat(List.of("project", input.toString(), "--mode", "exact", "-o",
                exact.toString()), device));

        assertEquals(0, linearRun.exitCode(), linearRun.describe());
        assertEquals(0, exactRun.exitCode(), exactRun.describe());
        double correlation = new PearsonsCorrelation().correlation(flatten(readCsv(linear)), flatten(readCsv(exact)));
        assertTrue(correlation >= LINEAR_MIN_CORRELATION, "correlation " + correlation);
    }

    @Test
    void noiselessIntensityModeIsTheSpeckleIntensityOfTheSameDevice() throws IOException {
        float[][] vectors = binaryVectors();
        Path input = writeCsv("binary.csv", vectors);
        Path output = dir.resolve("intensity.csv");

        CliRun run = CliRun.run("project", input.toString(), "--mode", "intensity", "--output-dim", "" + OUTPUT_DIM,
                "--seed", "" + SEED, "--noiseless", "--bits", "16", "-o", output.toString());

        assertEquals(0, run.exitCode(), run.describe());
        OpuProjector device = new OpuProjector(OpuConfig.builder(INPUT_DIM, OUTPUT_DIM).seed(SEED).build());
        float[][] rows = readCsv(output);
        double[] ideal = new double[OUTPUT_DIM];
        BinaryFrame frame = new BinaryFrame(INPUT_DIM);
        for (int r = 0; r < VECTORS; r++) {
            frame.clear();
            for (int j = 0; j < INPUT_DIM; j++) {
                if (vectors[r][j] == 1f) {
                    frame.add(j);
                }
            }
            device.device().idealIntensity(frame, ideal);
            // Speckle intensity has mean (ones in x): the quantisation step scales with it.
            double scale = Math.max(1, frame.count());
            for (int i = 0; i < OUTPUT_DIM; i++) {
                assertEquals(ideal[i], rows[r][i], INTENSITY_RELATIVE_TOLERANCE * scale,
                        "vector " + r + " pixel " + i);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameNoisyProjectionOnStdoutAsInAFile() throws IOException {
        Path input = writeCsv("ternary.csv", ternaryVectors());
        Path output = dir.resolve("linear.csv");
        String[] device = {"--output-dim", "" + OUTPUT_DIM, "--seed", "" + SEED};

        CliRun toStdout = CliRun.run(concat(List.of("project", input.toString()), device));
        CliRun toFile = CliRun.run(concat(List.of("project", input.toString(), "-o", output.toString()), device));

        assertEquals(0, toStdout.exitCode(), toStdout.describe());
        assertEquals(0, toFile.exitCode(), toFile.describe());
        assertEquals(VECTORS, toStdout.outLines().size());
        assertEquals(toStdout.out(), Files.readString(output, StandardCharsets.UTF_8));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("non-numeric cell", "1,0,1\n0,abc,1\n", "linear",
                        "line 2 column 2 must be a number, got 'abc'"),
                Arguments.of("non-finite cell", "1,0,NaN\n", "linear", "line 1 column 3 must be finite"),
                Arguments.of("ragged rows", "1,0,1\n1,0\n", "linear",
                        "line 2 has 2 values, but the first vector has 3"),
                Arguments.of("empty input", "", "linear", "holds no vectors"),
                Arguments.of("blank lines only", "\n  \n", "exact", "holds no vectors"),
                Arguments.of("non-binary input in intensity mode", "1,0,1\n0,0.5,1\n", "intensity",
                        "intensity mode needs binary 0/1 vectors, but line 2 column 2 is 0.5"),
                Arguments.of("unknown mode", "1,0,1\n", "cubic",
                        "--mode 'cubic' is not one of linear, exact, intensity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badInputIsExitTwoWithNoOutputLeftBehind(String label, String csv, String mode, String message)
            throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(input, csv, StandardCharsets.UTF_8);
        Path output = dir.resolve("out.csv");

        CliRun run = CliRun.run("project", input.toString(), "--mode", mode, "--output-dim", "" + OUTPUT_DIM,
                "-o", output.toString());

        assertBadInput(run, message);
        assertFalse(Files.exists(output), "no output file");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(input), files.toList(), "nothing but the input in the folder");
        }
    }

    @Test
    void missingInputFileIsExitTwoWithNoOutputLeftBehind() throws IOException {
        Path input = dir.resolve("absent.csv");
        Path output = dir.resolve("out.csv");

        CliRun run = CliRun.run("project", input.toString(), "-o", output.toString());

        assertBadInput(run, "input file " + input + " does not exist");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void invalidUtf8IsNamedWithTheFile() throws IOException {
        Path input = dir.resolve("latin1.csv");
        Files.write(input, new byte[] {'1', ',', (byte) 0xe9, '\n'});
        Path output = dir.resolve("out.csv");

        CliRun run = CliRun.run("project", input.toString(), "-o", output.toString());

        assertBadInput(run, input + " is not UTF-8 text: line 1 holds bytes that are not UTF-8");
        assertFalse(Files.exists(output), "no output file");
    }

    @Test
    void aFolderAsInputOrOutputIsNamed() throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "1,0,1\n", StandardCharsets.UTF_8);
        Path folder = Files.createDirectory(dir.resolve("folder"));

        assertBadInput(CliRun.run("project", folder.toString()), "input " + folder + " is a folder; expected a CSV file");
        assertBadInput(CliRun.run("project", input.toString(), "-o", folder.toString()),
                "-o " + folder + " is a folder; expected the name of the CSV file to write");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count(), "no temporary file left in the folder");
        }
    }

    @Test
    void aHugeCellIsQuotedByItsBeginning() throws IOException {
        Path input = dir.resolve("long.csv");
        Files.writeString(input, "1,2," + "7".repeat(10_000_000) + "\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.run("project", input.toString());

        assertBadInput(run, input + " line 1 column 3 is longer than " + CsvVectorReader.MAX_CELL_CHARS
                + " characters, which no number needs: '" + "7".repeat(MessageText.QUOTE_LIMIT) + MessageText.ELLIPSIS
                + "'");
    }

    @Test
    void aVectorLargerThanTheDeviceStopsAtTheDevicesCapacity() throws IOException {
        int mirrors = 10 * 10;
        int reference = 10;
        Path input = dir.resolve("wide.csv");
        Files.writeString(input, "1,".repeat(mirrors) + "1\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.run("project", input.toString(), "--dmd", "10x10", "--reference-size", "" + reference);

        assertBadInput(run, input + " line 1 has more than " + (mirrors - reference) + " values, the most the"
                + " simulated DMD can show");
    }

    private static void assertBadInput(CliRun run, String message) {
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(1, run.errLines().size(), "one sentence: " + run.describe());
        assertTrue(run.errLines().get(0).startsWith("opu-dfa: "), run.describe());
        assertTrue(run.err().contains(message), "expected '" + message + "' in: " + run.describe());
        assertEquals("", run.out());
    }

    /** Seeded 0/1 vectors, each with at least one ON feature. */
    private static float[][] binaryVectors() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("binary csv");
        float[][] v = new float[VECTORS][INPUT_DIM];
        for (int r = 0; r < VECTORS; r++) {
            v[r][r % INPUT_DIM] = 1f;
            for (int j = 0; j < INPUT_DIM; j++) {
                if (rng.nextBoolean()) {
                    v[r][j] = 1f;
                }
            }
        }
        return v;
    }

    /** Seeded vectors with entries in {-1, 0, 1}, each with at least one non-zero entry. */
    private static float[][] ternaryVectors() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("ternary csv");
        float[][] v = new float[VECTORS][INPUT_DIM];
        for (int r = 0; r < VECTORS; r++) {
            for (int j = 0; j < INPUT_DIM; j++) {
                v[r][j] = rng.nextInt(3) - 1;
            }
            v[r][r % INPUT_DIM] = r % 2 == 0 ? 1f : -1f;
        }
        return v;
    }

    private Path writeCsv(String name, float[][] rows) throws IOException {
        StringBuilder text = new StringBuilder();
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                text.append(j == 0 ? "" : ",").append(row[j]);
            }
            text.append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static float[][] readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        float[][] rows = new float[lines.size()][];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = lines.get(r).split(",");
            rows[r] = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                rows[r][c] = Float.parseFloat(cells[c]);
            }
        }
        return rows;
    }

    private static double[] flatten(float[][] rows) {
        List<Double> all = new ArrayList<>();
        for (float[] row : rows) {
            for (float v : row) {
                all.add((double) v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String[] concat(List<String> head, String[] tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }
}
