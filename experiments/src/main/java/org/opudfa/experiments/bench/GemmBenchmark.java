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
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Time of one {@link Gemm} product {@code C = op(A)·op(B)} for a square 1024³ product and for the
 * products of the MLP trainer (784-1024-1024-10, batch 128) and of the exact projector.
 *
 * <p>A shape is written {@code XY_MxNxK}: {@code X}, {@code Y} are {@code N} (as stored) or
 * {@code T} (transposed) for {@code A} and {@code B}, and {@code op(A)} is {@code M × K},
 * {@code op(B)} is {@code K × N} (see {@link GemmShape}). {@link #main} runs the benchmark and prints GFLOP/s,
 * {@code 2·M·N·K / time}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {

    private static final long SEED = 1024L;

    /** the product's shape, see the class comment */
    @Param({
        "NN_1024x1024x1024", // square reference
        "NT_128x1024x784",   // forward, first hidden layer: x · W1ᵀ
        "NN_128x1024x1024",  // backward through a hidden layer: δ · W2
        "TN_1024x784x128",   // weight gradient: δᵀ · h
        "NT_128x2048x10",    // exact projector: e · Bᵀ
    })
    public String shape;

    /** threads the product may use */
    @Param({"1", "2"})
    public int threads;

    /** which kernel: VECTOR or SCALAR */
    @Param({"VECTOR", "SCALAR"})
    public String implementation;

    private Gemm gemm;
    private boolean transA;
    private boolean transB;
    private FMatrixRMaj a;
    private FMatrixRMaj b;
    private FMatrixRMaj c;

    /** Builds the GEMM and random operands of the current parameters. */
    @Setup(Level.Trial)
    public void setUp() {
        GemmShape s = GemmShape.parse(shape);
        transA = s.transA();
        transB = s.transB();
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("bench.gemm");
        a = s.randomA(rng);
        b = s.randomB(rng);
        c = s.newC();
        gemm = Gemm.withThreads(threads, GemmImplementation.valueOf(implementation));
    }

    /** Stops the GEMM's worker threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }

    /**
     * One product.
     *
     * @return the output, so that the work cannot be eliminated
     */
    @Benchmark
    public FMatrixRMaj product() {
        gemm.gemm(transA, transB, 1f, a, b, 0f, c);
        return c;
    }

    /**
     * Runs this benchmark and prints one line per parameter set with the time per product and
     * GFLOP/s.
     *
     * @param args JMH command-line options (for example {@code -p threads=2}); the benchmark
     *             selection is this class
     * @throws RunnerException             if JMH fails
     * @throws CommandLineOptionException  if the options do not parse
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
                .include(GemmBenchmark.class.getName()).build()).run();
        System.out.println();
        System.out.println("GEMM default implementation: " + Gemm.implementationName());
        System.out.println("Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        System.out.printf(Locale.ROOT, "%-20s %7s %-8s %12s %9s%n", "shape", "threads", "impl", "us/product", "GFLOP/s");
        for (RunResult r : results) {
            String s = r.getParams().getParam("shape");
            double micros = r.getPrimaryResult().getScore();
            double gflops = GemmShape.parse(s).flops() / (micros * 1e3);
            System.out.printf(Locale.ROOT, "%-20s %7s %-8s %12.1f %9.1f%n", s, r.getParams().getParam("threads"),
                    r.getParams().getParam("implementation"), micros, gflops);
        }
    }
}
