package org.opudfa.experiments.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The peak memory of this process so far: the resident-set high-water mark ({@code VmHWM} in
 * {@code /proc/self/status}) on Linux, else the Java heap in use now (a lower bound, since the
 * heap peak is not recorded).
 *
 * @param bytes  the amount, in bytes
 * @param source what was read: {@link #RSS_PEAK} or {@link #HEAP_USED}
 */
public record PeakMemory(long bytes, String source) {

    /** Source name for the resident-set high-water mark. */
    public static final String RSS_PEAK = "peak RSS (VmHWM)";

    /** Source name for the heap in use, when the resident-set peak cannot be read. */
    public static final String HEAP_USED = "heap used";

    private static final Path STATUS = Path.of("/proc/self/status");

    /**
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public PeakMemory {
        if (bytes < 0) {
            throw new IllegalArgumentException("peak memory must be at least 0 bytes, got " + bytes);
        }
    }

    /** @return the resident-set peak where the OS reports it, otherwise the heap in use */
    public static PeakMemory read() {
        try {
            if (Files.isReadable(STATUS)) {
                Optional<Long> kib = parseHighWaterMark(Files.readAllLines(STATUS));
                if (kib.isPresent()) {
                    return new PeakMemory(kib.get() * 1024L, RSS_PEAK);
                }
            }
        } catch (IOException e) {
            // An unreadable status file only means falling back to the heap figure.
        }
        Runtime rt = Runtime.getRuntime();
        return new PeakMemory(rt.totalMemory() - rt.freeMemory(), HEAP_USED);
    }

    /**
     * @param statusLines the lines of a Linux {@code /proc/<pid>/status} file
     * @return the {@code VmHWM} value in KiB, if a well-formed line is present
     */
    static Optional<Long> parseHighWaterMark(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                try {
                    return Optional.of(Long.parseLong(parts[0]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** @return the amount in mebibytes */
    public double mebibytes() {
        return bytes / (double) (1L << 20);
    }
}
