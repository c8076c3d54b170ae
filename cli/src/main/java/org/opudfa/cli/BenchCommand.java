package org.opudfa.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.DatasetChoice;
import org.opudfa.dfa.task.mlp.MlpData;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.experiments.bench.BenchTimer;
import org.opudfa.experiments.bench.BenchTiming;
import org.opudfa.experiments.bench.GemmShape;
import org.opudfa.experiments.bench.PeakMemory;
import org.opudfa.experiments.bench.TrainingStep;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code opu-dfa bench gemm|train|projector}: quick in-process timings of the numerical kernels
 * and of training, median of repeated runs after a warm-up (see {@link BenchTimer}); the JMH
 * benchmarks in {@code org.opudfa.experiments.bench} are the careful, forked counterpart.
 *
 * <ul>
 *   <li>{@code gemm}: GFLOP/s ({@code 2·m·n·k} per second) of {@link Gemm#gemm} on a 1024³ product
 *       and the products of the benchmark MLP's training step ({@link GemmShape#STANDARD}).</li>
 *   <li>{@code projector}: µs per DFA batch (128 ternary error vectors, 10 → 2048) and vectors/s
 *       through the exact {@link DenseProjector} and the simulated OPU ({@link OpuProjector},
 *       default configuration).</li>
 *   <li>{@code train}: samples/s of DFA (exact and OPU projector) and backpropagation training
 *       steps (tanh, batch 128, Adam 1e-4) of two networks: the MLP 784-1024-1024-10
 *       ({@link #HIDDEN}) and a deeper, narrower one, 784-256×8-10 ({@link #DEEP_HIDDEN}); each DFA
 *       step also with {@link TrainingSettings#PARALLEL_BLOCKS} (the blocks' backward passes run
 *       concurrently), with its speed-up (ratio of median step times) over the sequential step
 *       timed just before it; the fastest step is shown too, which on a busy machine is the
 *       steadier figure; and the process's peak memory.</li>
 * </ul>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the GEMM kernel, the DFA projectors or training steps, in process.",
            "TARGET is gemm, train or projector. Each timing is the median of the timed runs after the warm-up."})
final class BenchCommand implements Callable<Integer> {

    /** What to time. */
    enum Target {
        /** The matrix product on the benchmark shapes. */
        GEMM,
        /** Training steps of DFA (exact and OPU, without and with parallel blocks) and backpropagation, on two networks. */
        TRAIN,
        /** One DFA batch through the exact and the simulated-OPU projector. */
        PROJECTOR
    }

    /** Parses TARGET in the command line's enum spelling. */
    static final class TargetConverter implements CommandLine.ITypeConverter<Target> {
        /**
         * @param text what the user typed, e.g. {@code gemm} or {@code GEMM}
         * @return the target
         * @throws CommandLine.TypeConversionException naming the allowed targets
         */
        @Override
        public Target convert(String text) {
            return Enums.parse(Target.class, text);
        }
    }

    /** Error vectors per DFA batch. */
    static final int BATCH = 128;
    /** Classes, the error dimension. */
    static final int CLASSES = 10;
    /** Feedback values per error vector: both hidden layers' widths. */
    static final int FEEDBACK = 2048;
    /** Hidden widths of the benchmark network. */
    static final int[] HIDDEN = {1024, 1024};
    /**
     * Hidden widths of the deeper benchmark network: eight blocks of 256, so eight feedback points
     * whose backward passes DFA can run side by side, each too small to gain much from splitting
     * its own products among the threads.
     */
    static final int[] DEEP_HIDDEN = {256, 256, 256, 256, 256, 256, 256, 256};
    /** Adam's learning rate in the training benchmark. */
    static final double LEARNING_RATE = 1e-4;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", converter = TargetConverter.class,
            description = "gemm, train or projector.")
    Target target;

    @Option(names = "--threads", paramLabel = "T",
            description = "Compute threads for GEMM, both projectors and training (default: the available processors).")
    Integer threads;

    // 3 untimed steps left the first method timed before the JIT compiler had compiled the
    // step (DFA-exact came out 3x slower than DFA through the OPU); 30 are enough for every target
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "30",
            description = "Untimed runs (products, batches or steps) before timing (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Timed runs per GEMM shape or projector (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20",
            description = "Timed training steps per method (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--shape", paramLabel = "XY_MxNxK",
            description = "GEMM shape to time instead of the standard ones, e.g. NT_128x1024x784; repeatable.")
    List<String> shapes;

    @Option(names = "--dataset", paramLabel = "D", defaultValue = "auto",
            description = "Training data: auto (Fashion-MNIST when installed, else synthetic), fashion-mnist or"
                    + " synthetic (default: ${DEFAULT-VALUE}).")
    DatasetChoice dataset;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the operands, projectors, network and batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > Gemm.MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be between 1 and " + Gemm.MAX_THREADS + ", got " + t);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be at least 0, got " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "bench");
        doc.put("target", Enums.spell(target));
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("kernel", Gemm.implementationName());
        doc.put("threads", t);
        doc.put("warmup", warmup);
        Table table = switch (target) {
            case GEMM -> gemm(t, doc);
            case PROJECTOR -> projector(t, doc);
            case TRAIN -> train(t, doc);
        };
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, doc);
        } else {
            for (Map.Entry<String, Object> e : doc.entrySet()) {
                Object v = e.getValue();
                if (v instanceof PeakMemory p) {
                    out.println(e.getKey() + ": " + NumberText.fixed(p.mebibytes(), 1) + " MiB (" + p.source() + ")");
                } else if (!(v instanceof List<?>)) {
                    out.println(e.getKey() + ": " + v);
                }
            }
            out.println();
            table.print(out);
        }
        return 0;
    }

    private Table gemm(int t, Map<String, Object> doc) {
        List<GemmShape> list = shapes == null || shapes.isEmpty() ? GemmShape.STANDARD
                : shapes.stream().map(GemmShape::parse).toList();
        doc.put("iterations", iterations);
        BenchTimer timer = new BenchTimer(warmup, iterations);
        UniformRandomProvider rng = RandomStreams.of(seed).stream("bench.gemm");
        List<Map<String, Object>> rows = new ArrayList<>();
        Table table = new Table(List.of("shape", "median us", "min us", "GFLOP/s"));
        try (Gemm gemm = Gemm.withThreads(t)) {
            for (GemmShape s : list) {
                FMatrixRMaj a = s.randomA(rng);
                FMatrixRMaj b = s.randomB(rng);
                FMatrixRMaj c = s.newC();
                BenchTiming timing = timer.time(() -> gemm.gemm(s.transA(), s.transB(), 1f, a, b, 0f, c));
                double gflops = timing.perSecond(s.flops() * 1e-9);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("shape", s.name());
                row.put("medianMicros", timing.medianMicros());
                row.put("minMicros", timing.minNanos() * 1e-3);
                row.put("gflops", gflops);
                rows.add(row);
                table.add(List.of(s.name(), NumberText.fixed(timing.medianMicros(), 1),
                        NumberText.fixed(timing.minNanos() * 1e-3, 1), NumberText.fixed(gflops, 2)));
            }
        }
        doc.put("results", rows);
        return table;
    }

    private Table projector(int t, Map<String, Object> doc) {
        doc.put("iterations", iterations);
        doc.put("batch", BATCH);
        doc.put("inputDimension", CLASSES);
        doc.put("outputDimension", FEEDBACK);
        UniformRandomProvider rng = RandomStreams.of(seed).stream("bench.errors");
        FMatrixRMaj errors = new FMatrixRMaj(BATCH, CLASSES);
        for (int i = 0; i < errors.data.length; i++) {
            double u = rng.nextDouble();
            errors.data[i] = u < 0.25 ? -1f : u < 0.5 ? 1f : 0f;
        }
        FMatrixRMaj out = new FMatrixRMaj(BATCH, FEEDBACK);
        BenchTimer timer = new BenchTimer(warmup, iterations);
        List<Map<String, Object>> rows = new ArrayList<>();
        Table table = new Table(List.of("projector", "median us/batch", "vectors/s"));
        try (Gemm gemm = Gemm.withThreads(t)) {
            RandomProjector exact = DenseProjector.random(FEEDBACK, CLASSES, Distribution.GAUSSIAN, 1.0, seed, gemm);
            RandomProjector opu = new OpuProjector(OpuConfig.builder(CLASSES, FEEDBACK).seed(seed).build(), gemm);
            for (Map.Entry<String, RandomProjector> p : Map.of("exact", exact, "opu", opu).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                BenchTiming timing = timer.time(() -> p.getValue().project(errors, out));
                double vectors = timing.perSecond(BATCH);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("projector", p.getKey());
                row.put("medianMicros", timing.medianMicros());
                row.put("vectorsPerSecond", vectors);
                rows.add(row);
                table.add(List.of(p.getKey(), NumberText.fixed(timing.medianMicros(), 1),
                        NumberText.fixed(vectors, 0)));
            }
        }
        doc.put("results", rows);
        return table;
    }

    private Table train(int t, Map<String, Object> doc) {
        SettingValues base = MlpTask.INSTANCE.defaults()
                .with(MlpSettings.DATASET, dataset).with(MlpSettings.TRAIN_LIMIT, BATCH * (warmup + steps))
                .with(MlpSettings.TEST_LIMIT, 1)
                .with(TrainingSettings.BATCH_SIZE, BATCH).with(TrainingSettings.LEARNING_RATE, LEARNING_RATE)
                .with(TrainingSettings.SEED, seed).with(TrainingSettings.THREADS, t)
                .with(TrainingSettings.ALIGNMENT_EVERY, 0);
        MlpData data = MlpData.load(base);
        doc.put("steps", steps);
        doc.put("data", data.description().note());
        Map<String, List<Integer>> networks = new LinkedHashMap<>();
        networks.put(network(data, HIDDEN, base), widths(HIDDEN));
        networks.put(network(data, DEEP_HIDDEN, base), widths(DEEP_HIDDEN));
        doc.put("networks", new ArrayList<>(networks.keySet()));
        doc.put("batch", BATCH);
        doc.put("optimizer", "adam");
        doc.put("learningRate", LEARNING_RATE);
        BenchTimer timer = new BenchTimer(warmup, steps);
        List<Map<String, Object>> rows = new ArrayList<>();
        Table table = new Table(List.of("network", "method", "parallel blocks", "median ms/step", "min ms/step",
                "samples/s", "speed-up", "last loss"));
        for (Map.Entry<String, List<Integer>> network : networks.entrySet()) {
            SettingValues net = base.with(MlpSettings.HIDDEN, network.getValue());
            Map<String, SettingValues> methods = new LinkedHashMap<>();
            methods.put("dfa-exact", net.with(TrainingSettings.METHOD, Method.DFA)
                    .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT));
            methods.put("dfa-opu", net.with(TrainingSettings.METHOD, Method.DFA)
                    .with(TrainingSettings.PROJECTOR, ProjectorKind.OPU));
            methods.put("bp", net.with(TrainingSettings.METHOD, Method.BP));
            for (Map.Entry<String, SettingValues> m : methods.entrySet()) {
                // each DFA method without, then (right after, for a fair comparison on a busy machine)
                // with its blocks' backward passes run concurrently; BP has no blocks to separate
                boolean dfa = m.getValue().get(TrainingSettings.METHOD) == Method.DFA;
                double sequentialMillis = Double.NaN;
                for (boolean parallel : dfa ? new boolean[] {false, true} : new boolean[] {false}) {
                    SettingValues values = m.getValue().with(TrainingSettings.PARALLEL_BLOCKS, parallel);
                    try (TrainingStep step = new TrainingStep(MlpTask.INSTANCE.build(values, data,
                            new RunParts(values)))) {
                        BenchTiming timing = timer.time(step);
                        double millis = timing.medianNanos() * 1e-6;
                        double samples = timing.perSecond(BATCH);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("network", network.getKey());
                        row.put("method", m.getKey());
                        row.put("parallelBlocks", parallel);
                        row.put("medianStepMillis", millis);
                        row.put("minStepMillis", timing.minNanos() * 1e-6);
                        row.put("samplesPerSecond", samples);
                        String speedUp = "";
                        if (parallel) {
                            row.put("speedUp", sequentialMillis / millis);
                            speedUp = NumberText.fixed(sequentialMillis / millis, 2) + "x";
                        } else {
                            sequentialMillis = millis;
                        }
                        row.put("lastLoss", step.lastLoss());
                        rows.add(row);
                        table.add(List.of(network.getKey(), m.getKey(), parallel ? "yes" : "no",
                                NumberText.fixed(millis, 2), NumberText.fixed(timing.minNanos() * 1e-6, 2),
                                NumberText.fixed(samples, 0), speedUp,
                                NumberText.fixed(step.lastLoss(), 4)));
                    }
                }
            }
        }
        doc.put("results", rows);
        PeakMemory peak = PeakMemory.read();
        doc.put("peakMemory", peak);
        return table;
    }

    /**
     * @return the network's layer widths and activation, more than two equal hidden widths in a
     *     row written once with their count: {@code 784-1024-1024-10 tanh}, {@code 784-256×8-10 tanh}
     */
    private static String network(MlpData data, int[] hidden, SettingValues values) {
        StringBuilder s = new StringBuilder().append(data.split().train().featureCount());
        for (int i = 0; i < hidden.length; ) {
            int run = 1;
            while (i + run < hidden.length && hidden[i + run] == hidden[i]) {
                run++;
            }
            if (run > 2) {
                s.append('-').append(hidden[i]).append('×').append(run);
            } else {
                for (int r = 0; r < run; r++) {
                    s.append('-').append(hidden[i]);
                }
            }
            i += run;
        }
        return s.append('-').append(data.split().train().numClasses()).append(' ')
                .append(Enums.spell(values.get(MlpSettings.ACTIVATION))).toString();
    }

    private static List<Integer> widths(int[] hidden) {
        return Arrays.stream(hidden).boxed().toList();
    }
}
