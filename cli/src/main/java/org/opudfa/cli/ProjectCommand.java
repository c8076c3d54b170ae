package org.opudfa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.encoding.BinaryFrame;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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
        if (output != null && Files.isDirectory(output)) {
            throw new IllegalArgumentException("-o " + output
                    + " is a folder; expected the name of the CSV file to write");
        }
        OpuConfig device = OpuSettingOptions.config(spec, 1, outputDim, seed);
        FMatrixRMaj in = readCsv(maxInputDimension(device));
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

    /** The most features one vector may have: what the DMD shows beside the reference pattern. */
    private static int maxInputDimension(OpuConfig device) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, device.dmd().capacity() - device.referenceSize()));
    }

    private FMatrixRMaj readCsv(int maxDimension) {
        String reason = "the most the simulated DMD can show beside its reference pattern (see --dmd, --macro-pixel"
                + " and --reference-size)";
        if (input.equals("-")) {
            try {
                return new CsvVectorReader("stdin", maxDimension, reason).read(System.in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read stdin: " + e.getMessage(), e);
            }
        }
        Path file = Path.of(input);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("input " + input + " is a folder; expected a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new CsvVectorReader(input, maxDimension, reason).read(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input file " + input + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("input file " + input + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + input + ": " + e.getMessage(), e);
        }
    }
}
