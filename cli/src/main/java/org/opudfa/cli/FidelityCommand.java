package org.opudfa.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuMemory;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.fidelity.FidelityMeasurement;
import org.opudfa.opu.fidelity.ProjectionFidelity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code opu-dfa fidelity}: projects seeded random ternary vectors through the simulated OPU in
 * linear mode and compares the result with the exact projection by the device's own effective
 * matrix.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = OpuSettingOptions.class,
        description = {
            "Project random ternary vectors through the simulated OPU (linear mode) and compare with the",
            "exact projection W·x of the same device: Pearson correlation, relative RMSE, SNR, saturated",
            "pixels, simulated device time and this machine's wall time. --sweep NAME=V1,V2,... prints one row per value of any option."
        })
final class FidelityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input-dim", paramLabel = "N", defaultValue = "10",
            description = "Dimension of the projected vectors (default: ${DEFAULT-VALUE}).")
    int inputDim;

    @Option(names = "--output-dim", paramLabel = "M", defaultValue = "2048",
            description = "Dimension of the projections (default: ${DEFAULT-VALUE}).")
    int outputDim;

    @Option(names = "--vectors", paramLabel = "K", defaultValue = "200",
            description = "How many random vectors to project (default: ${DEFAULT-VALUE}).")
    int vectors;

    @Option(names = "--density", paramLabel = "D", defaultValue = "0.5",
            description = "Fraction of non-zero entries of each ternary vector, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double density;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the device and of the vectors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sweep", paramLabel = "NAME=V1,V2,...",
            description = "Vary one option, e.g. bits=4,6,8,10,12 or read-noise=0,3,10; one row per value.")
    String sweep;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<String> columns = new ArrayList<>();
        List<FidelityCommand> points = new ArrayList<>();
        String sweepName = null;
        List<String> values = List.of();
        if (sweep == null) {
            points.add(this);
        } else {
            int eq = sweep.indexOf('=');
            if (eq <= 0 || eq == sweep.length() - 1) {
                throw new IllegalArgumentException("--sweep must be NAME=V1,V2,..., e.g. bits=4,6,8, got '" + sweep + "'");
            }
            sweepName = sweep.substring(0, eq).trim().replaceFirst("^--", "");
            OptionSpec option = spec.findOption("--" + sweepName);
            if (option == null || option.arity().max() == 0 || List.of("sweep", "json", "help", "version")
                    .contains(sweepName)) {
                throw new IllegalArgumentException("--sweep names '" + sweepName
                        + "', which is not an option of fidelity that takes a value");
            }
            values = List.of(sweep.substring(eq + 1).split(","));
            columns.add(sweepName);
            for (String value : values) {
                points.add(withOption(sweepName, value.trim()));
            }
        }
        List<OpuConfig> configs = new ArrayList<>();
        for (FidelityCommand p : points) {
            OpuConfig config = p.config();
            // the device, and the measured and ideal rows of m floats
            long bytes = OpuMemory.bytes(config, 1) + 2L * Float.BYTES * config.outputDimension();
            HeapCheck.require(bytes, "the simulated device's " + config.simulatedPixels() + " camera pixels", bytes,
                    "--output-dim " + config.outputDimension(), "fidelity");
            configs.add(config);
        }
        columns.addAll(List.of("correlation", "rel_rmse", "snr_db", "saturated_%", "frames", "device_s", "wall_s"));
        Table table = new Table(columns);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            FidelityCommand p = points.get(i);
            ProjectionFidelity f;
            double wallSeconds;
            try {
                OpuProjector projector = new OpuProjector(configs.get(i));
                long start = System.nanoTime();
                f = FidelityMeasurement.measure(projector, p.vectors, p.density, p.seed);
                wallSeconds = (System.nanoTime() - start) * 1e-9;
            } catch (OutOfMemoryError e) {
                throw HeapCheck.outOfMemory(e, "fidelity");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            List<String> cells = new ArrayList<>();
            if (sweepName != null) {
                row.put(sweepName, values.get(i).trim());
                cells.add(values.get(i).trim());
            }
            row.put("correlation", f.correlation());
            row.put("relativeRmse", f.relativeRmse());
            row.put("snrDb", f.snrDb());
            row.put("saturatedFraction", f.saturatedFraction());
            row.put("frames", f.frames());
            row.put("deviceSeconds", f.deviceSeconds());
            row.put("wallSeconds", wallSeconds);
            rows.add(row);
            cells.add(NumberText.fixed(f.correlation(), 5));
            cells.add(NumberText.fixed(f.relativeRmse(), 4));
            cells.add(NumberText.fixed(f.snrDb(), 2));
            cells.add(NumberText.fixed(100 * f.saturatedFraction(), 4));
            cells.add(Long.toString(f.frames()));
            cells.add(NumberText.fixed(f.deviceSeconds(), 4));
            cells.add(NumberText.fixed(wallSeconds, 3));
            table.add(cells);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "fidelity");
            doc.put("inputDim", inputDim);
            doc.put("outputDim", outputDim);
            doc.put("vectors", vectors);
            doc.put("density", density);
            doc.put("seed", seed);
            doc.put("config", configs.get(0).toString());
            if (sweepName != null) {
                doc.put("sweep", sweepName);
            }
            doc.put("rows", rows);
            Json.print(spec.commandLine().getOut(), doc);
        } else {
            table.print(spec.commandLine().getOut());
        }
        return 0;
    }

    private OpuConfig config() {
        if (vectors < 1) {
            throw new IllegalArgumentException("--vectors must be at least 1, got " + vectors);
        }
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("--density must be in (0, 1], got " + density);
        }
        return OpuSettingOptions.config(spec, inputDim, outputDim, seed);
    }

    /** Parses this command's original arguments again with one option overridden. */
    private FidelityCommand withOption(String name, String value) {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (option.longestName().equals("--sweep")) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
            } else {
                for (String v : option.originalStringValues()) {
                    args.add(option.longestName() + "=" + v);
                }
            }
        }
        args.add("--" + name + "=" + value);
        FidelityCommand point = new FidelityCommand();
        CommandLine cmd = Main.configure(new CommandLine(point));
        cmd.setOverwrittenOptionsAllowed(true);
        try {
            cmd.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            String reason = e.getCause() instanceof IllegalArgumentException && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("--sweep value '" + value + "' for " + name + " is invalid: "
                    + reason, e);
        }
        return point;
    }
}
