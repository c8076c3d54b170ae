package org.opudfa.cli;

import java.util.Locale;

/**
 * Compares a run's estimated heap with the Java heap ({@link Runtime#maxMemory()}) before the run
 * allocates it, and refuses a run too large in one sentence: how much it needs, what takes most of
 * it and which option sizes that, the heap there is, and how to raise it through the launcher's
 * {@value #LAUNCHER_OPTIONS}. Sizes are in binary units, as the JVM's {@code -Xmx} counts them.
 */
final class HeapCheck {

    /** The launcher's variable for JVM options. */
    static final String LAUNCHER_OPTIONS = "OPU_DFA_JAVA_OPTS";

    /**
     * The suggested heap is the estimate times this, rounded up to whole gigabytes: estimates
     * leave out fixed overheads and the collector needs room to work.
     */
    static final double SUGGESTED_HEADROOM = 1.25;

    private static final double MEGABYTE = 1024.0 * 1024.0;
    private static final double GIGABYTE = 1024.0 * MEGABYTE;

    private HeapCheck() {
    }

    /**
     * @param bytes    the run's estimated heap
     * @param part     what takes most of it, e.g. {@code "the weights of ..."}
     * @param partBytes how much that takes
     * @param option   the option that sizes it, with its value, e.g. {@code "--hidden 20000,20000"}
     * @param command  the command, e.g. {@code "train"}, for the example of raising the heap
     * @param heap     the heap there is, {@link Runtime#maxMemory()}
     * @throws IllegalArgumentException if {@code bytes > heap}
     */
    static void require(long bytes, String part, long partBytes, String option, String command, long heap) {
        if (bytes <= heap) {
            return;
        }
        String name = option.split(" ", 2)[0];
        String share = partBytes < bytes ? ", " + size(partBytes) + " of it" : "";
        throw new IllegalArgumentException("this run needs about " + size(bytes) + " of heap" + share
                + " for " + part + " (" + option + "), but the Java heap holds at most " + size(heap)
                + "; choose a smaller " + name + ", or give Java more heap, e.g. " + raise(bytes, command));
    }

    /**
     * @param bytes   the run's estimated heap
     * @param part    what takes most of it
     * @param partBytes how much that takes
     * @param option  the option that sizes it, with its value
     * @param command the command
     * @throws IllegalArgumentException if {@code bytes} exceeds this JVM's heap
     */
    static void require(long bytes, String part, long partBytes, String option, String command) {
        require(bytes, part, partBytes, option, command, Runtime.getRuntime().maxMemory());
    }

    /**
     * The failure of a run that ran out of heap all the same (estimates leave out fixed overheads).
     *
     * @param e       the error
     * @param command the command
     * @return the failure to throw, one sentence
     */
    static RunFailedException outOfMemory(OutOfMemoryError e, String command) {
        long heap = Runtime.getRuntime().maxMemory();
        return new RunFailedException("the run ran out of Java heap (at most " + size(heap) + "); make it smaller, or"
                + " give Java more heap, e.g. " + raise(2 * heap, command), e);
    }

    /** @return e.g. {@code "OPU_DFA_JAVA_OPTS=-Xmx9g ./opu-dfa train ..."} for a heap above {@code bytes} */
    private static String raise(long bytes, String command) {
        long gigabytes = Math.max(1, (long) Math.ceil(bytes * SUGGESTED_HEADROOM / GIGABYTE));
        return LAUNCHER_OPTIONS + "=-Xmx" + gigabytes + "g ./opu-dfa " + command + " ...";
    }

    /**
     * @param bytes a size
     * @return it in megabytes below a gigabyte ({@code "768 MB"}), else in gigabytes with one
     *     decimal ({@code "6.7 GB"})
     */
    static String size(long bytes) {
        if (bytes < GIGABYTE) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / MEGABYTE);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / GIGABYTE);
    }
}
