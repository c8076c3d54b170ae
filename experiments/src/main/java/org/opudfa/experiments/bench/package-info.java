/**
 * Benchmarks of the numerical kernels and of training: JMH benchmarks for careful, forked
 * measurements, and a small in-process timer behind {@code opu-dfa bench gemm|train|projector}.
 *
 * <p>{@link org.opudfa.experiments.bench.BenchTimer} runs a task after a warm-up and keeps each
 * timed run ({@link org.opudfa.experiments.bench.BenchTiming}: median, min, throughput);
 * {@link org.opudfa.experiments.bench.GemmShape} names the benchmarked products,
 * {@link org.opudfa.experiments.bench.TrainingStep} is one training step of an MLP as a task,
 * and {@link org.opudfa.experiments.bench.PeakMemory} reads the process's peak resident memory.
 *
 * <p>{@link org.opudfa.experiments.bench.GemmBenchmark} times {@link org.opudfa.opu.kernel.Gemm}
 * on a 1024³ product and on the shapes the MLP trainer and the exact projector use, for 1 and 2
 * threads and both kernels, and prints GFLOP/s ({@code 2·m·n·k} per second). From the project
 * root:
 *
 * <pre>
 * mvn -q -B -pl experiments -am -DskipTests -Pbench package
 * </pre>
 *
 * <p>runs all of it (a few minutes); pass JMH options with {@code -Dbench.args="…"}, for example
 * {@code -Dbench.args="-p shape=NN_1024x1024x1024 -p threads=2 -p implementation=VECTOR"}. Once the
 * cli module builds its runnable jar, the same runs with
 * {@code java --add-modules jdk.incubator.vector -cp cli/target/opu-dfa.jar
 * org.opudfa.experiments.bench.GemmBenchmark}, or through JMH's own entry point
 * {@code org.openjdk.jmh.Main GemmBenchmark} (time per product only).
 */
package org.opudfa.experiments.bench;
