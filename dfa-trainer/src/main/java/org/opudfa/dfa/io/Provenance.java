package org.opudfa.dfa.io;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What produced a run, written beside its results so that it can be replayed and two runs
 * compared: the full configuration, the root seed, the project, Java and OS versions, the
 * thread count and the data read (path and SHA-256 of each file).
 *
 * @param command        the command or entry point that ran, e.g. {@code "train"}
 * @param configuration  every setting of the run, by name (values as given to the run)
 * @param seed           the run's root seed
 * @param projectVersion the opu-dfa version
 * @param javaVersion    {@code java.version} and VM name
 * @param os             OS name, version and architecture
 * @param threads        compute threads the run used
 * @param cores          processors available to the JVM
 * @param data           data files read, as path → SHA-256 hex (empty for generated data)
 * @param dataDescription how the data was obtained, e.g. "Fashion-MNIST" or "synthetic, seed 0"
 * @param startedAt      when the run started (UTC, ISO-8601)
 */
public record Provenance(String command, Map<String, Object> configuration, long seed,
                         String projectVersion, String javaVersion, String os, int threads, int cores,
                         Map<String, String> data, String dataDescription, String startedAt) {

    /**
     * Captures the environment of the current JVM.
     *
     * @param command         the command that ran
     * @param configuration   its settings, in a stable order
     * @param seed            the root seed
     * @param projectVersion  the project version
     * @param threads         compute threads
     * @param data            data files read, as path → SHA-256 hex (the checksums their loader computed)
     * @param dataDescription how the data was obtained
     * @return the record
     */
    public static Provenance capture(String command, Map<String, Object> configuration, long seed,
                                     String projectVersion, int threads, Map<String, String> data,
                                     String dataDescription) {
        return new Provenance(command, new LinkedHashMap<>(configuration), seed, projectVersion,
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                threads, Runtime.getRuntime().availableProcessors(), new LinkedHashMap<>(data), dataDescription,
                Instant.now().toString());
    }
}
