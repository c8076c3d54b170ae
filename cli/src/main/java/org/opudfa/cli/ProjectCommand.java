package org.opudfa.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.encoding.BinaryFrame;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa project}: reads vectors as CSV and writes their projections by the simulated OPU
 * as CSV.
 */
@Command(name = "project", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = OpuSettingOptions.class,
        description = {
            "Project vectors read as CSV (one vector per line, comma-separated numbers) through the simulated",
            "OPU and write the projections as CSV. Modes: linear (the device's interferometric linear readout,",
            "with noise; real values are first encoded into binary frames by --encoding, ternary by default,",
            "which keeps signs only), exact (the same device's effective matrix applied to the values without",
            "encoding or noise), intensity (raw speckle intensity |Tx|^2 of binary 0/1 vectors)."
        })
final class ProjectCommand implements Callable<Integer> {

    /** How the device computes. */
    enum Mode {
        /** Linear readout by interference with a reference. */
        LINEAR,
        /** The effective matrix applied exactly. */
        EXACT,
        /** Raw camera intensities of binary frames. */
        INTENSITY
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "CSV file of input vectors, or - for stdin (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "linear",
            description = "linear, exact or intensity (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--output-dim", paramLabel = "M", defaultValue = "100",
            description = "Dimension of the projections (default: ${DEFAULT-VALUE}).")
    int outputDim;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the device: same seed, same medium and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the CSV here instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        Mode m;
        try {
            m = Enums.parse(Mode.class, mode);
        } catch (CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException("--mode " + e.getMessage(), e);
        }
        FMatrixRMaj in = readCsv();
        OpuProjector projector = new OpuProjector(OpuSettingOptions.config(spec, in.numCols, outputDim, seed));
        FMatrixRMaj out = new FMatrixRMaj(in.numRows, outputDim);
        switch (m) {
            case LINEAR -> projector.project(in, out);
            case EXACT -> projector.idealProject(in, out);
            case INTENSITY -> intensity(projector, in, out);
        }
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        for (int r = 0; r < out.numRows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < out.numCols; c++) {
                line.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", out.get(r, c)));
            }
            w.println(line);
        }
        w.flush();
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.writeString(output, text.toString());
        }
        return 0;
    }

    private static void intensity(OpuProjector projector, FMatrixRMaj in, FMatrixRMaj out) {
        int n = in.numCols;
        BinaryFrame frame = new BinaryFrame(n);
        double[] pixels = new double[out.numCols];
        for (int r = 0; r < in.numRows; r++) {
            frame.clear();
            for (int j = 0; j < n; j++) {
                float v = in.get(r, j);
                if (v == 1f) {
                    frame.add(j);
                } else if (v != 0f) {
                    throw new IllegalArgumentException("intensity mode needs binary 0/1 vectors, but line " + (r + 1)
                            + " column " + (j + 1) + " is " + v);
                }
            }
            projector.device().measureIntensity(frame, pixels);
            for (int c = 0; c < pixels.length; c++) {
                out.set(r, c, (float) pixels[c]);
            }
        }
    }

    private FMatrixRMaj readCsv() {
        List<float[]> rows = new ArrayList<>();
        String source = input.equals("-") ? "stdin" : input;
        try (BufferedReader reader = input.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                float[] row = new float[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    try {
                        row[c] = Float.parseFloat(cells[c].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(source + " line " + lineNo + " column " + (c + 1)
                                + " must be a number, got '" + cells[c].trim() + "'");
                    }
                    if (!Float.isFinite(row[c])) {
                        throw new IllegalArgumentException(source + " line " + lineNo + " column " + (c + 1)
                                + " must be finite, got " + cells[c].trim());
                    }
                }
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new IllegalArgumentException(source + " line " + lineNo + " has " + row.length
                            + " values, but the first vector has " + rows.get(0).length);
                }
                rows.add(row);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("input file " + input + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no vectors; expected one comma-separated vector per line");
        }
        FMatrixRMaj in = new FMatrixRMaj(rows.size(), rows.get(0).length);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, in.data, r * in.numCols, in.numCols);
        }
        return in;
    }
}
