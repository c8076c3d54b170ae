package org.opudfa.experiments.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Time to project one DFA batch: 128 ternary error vectors of dimension 10 (the classes) to 2048
 * feedback values, by the exact {@link DenseProjector} and by the simulated OPU
 * ({@link OpuProjector}, default camera: 8 bits, shot and read noise, ternary encoding, 4 device
 * frames per vector), on 1 and 2 threads (one {@link Gemm} team per trial, shared by both
 * projectors as in training). {@link #main} prints the time per batch and vectors per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class ProjectorBenchmark {

    private static final long SEED = 7L;
    private static final int BATCH = 128;
    private static final int CLASSES = 10;
    private static final int FEEDBACK = 2048;

    /** which projector: exact or opu */
    @Param({"exact", "opu"})
    public String projector;

    /** compute threads of the run's gemm team */
    @Param({"1", "2"})
    public int threads;

    private Gemm gemm;
    private RandomProjector target;
    private FMatrixRMaj errors;
    private FMatrixRMaj out;

    /** Builds the projector and a batch of seeded ternary vectors (half the entries non-zero). */
    @Setup(Level.Trial)
    public void setUp() {
        gemm = Gemm.withThreads(threads);
        target = projector.equals("exact")
                ? DenseProjector.random(FEEDBACK, CLASSES, Distribution.GAUSSIAN, 1.0, SEED, gemm)
                : new OpuProjector(OpuConfig.builder(CLASSES, FEEDBACK).seed(SEED).build(), gemm);
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("bench.errors");
        errors = new FMatrixRMaj(BATCH, CLASSES);
        for (int i = 0; i < errors.data.length; i++) {
            double u = rng.nextDouble();
            errors.data[i] = u < 0.25 ? -1f : u < 0.5 ? 1f : 0f;
        }
        out = new FMatrixRMaj(BATCH, FEEDBACK);
    }

    /** Stops the gemm's threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }

    /**
     * Projects the batch once.
     *
     * @return the output, so that the work cannot be eliminated
     */
    @Benchmark
    public FMatrixRMaj projectBatch() {
        target.project(errors, out);
        return out;
    }

    /**
     * Runs this benchmark and prints one line per projector.
     *
     * @param args JMH command-line options
     * @throws RunnerException            if JMH fails
     * @throws CommandLineOptionException if the options do not parse
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
                .include(ProjectorBenchmark.class.getName()).build()).run();
        System.out.println();
        System.out.println("Java " + System.getProperty("java.version") + ", GEMM " + Gemm.implementationName());
        System.out.printf(Locale.ROOT, "%-10s %8s %12s %12s%n", "projector", "threads", "us/batch", "vectors/s");
        for (RunResult r : results) {
            double micros = r.getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "%-10s %8s %12.1f %12.0f%n", r.getParams().getParam("projector"),
                    r.getParams().getParam("threads"), micros, BATCH / (micros * 1e-6));
        }
    }
}
