package org.opudfa.dfa.task;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.opudfa.dfa.settings.Setting;

/**
 * The heap a run takes, estimated from its settings before anything large is allocated, by part,
 * each part tied to the setting that sizes it: a run too large for the heap can then be refused in
 * one sentence that names what to change, instead of failing part-way through its allocation.
 * Estimates count what grows with the run and leave out fixed overheads, so they are lower
 * estimates: a run whose estimate fits may still need somewhat more.
 *
 * @param parts the parts, in the order a reader would list them
 */
public record MemoryEstimate(List<Part> parts) {

    /** The estimate of a task that gives none: no part, 0 bytes, which refuses nothing. */
    public static final MemoryEstimate UNKNOWN = new MemoryEstimate(List.of());

    /**
     * One part of a run's heap.
     *
     * @param what    what it holds, for people, e.g. {@code "the weights of 784-1024-10 with their
     *                gradients and adam state"}
     * @param setting the setting that sizes it, e.g. the hidden widths
     * @param bytes   its estimated size, at least 0
     */
    public record Part(String what, Setting<?> setting, long bytes) {

        /**
         * Validates the components.
         *
         * @param what    what it holds
         * @param setting the setting that sizes it
         * @param bytes   its size, at least 0
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Part {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(setting, "setting");
            if (bytes < 0) {
                throw new IllegalArgumentException("a memory part's bytes must be at least 0, got " + bytes
                        + " for " + what);
            }
        }
    }

    /**
     * Copies the parts.
     *
     * @param parts the parts
     */
    public MemoryEstimate {
        parts = List.copyOf(parts);
    }

    /** @return the sum of the parts' bytes, or {@link Long#MAX_VALUE} if it does not fit in a long */
    public long bytes() {
        long sum = 0;
        for (Part p : parts) {
            sum = sum > Long.MAX_VALUE - p.bytes() ? Long.MAX_VALUE : sum + p.bytes();
        }
        return sum;
    }

    /** @return the largest part (the first of equals), or empty when there is none */
    public Optional<Part> largest() {
        return parts.stream().max(Comparator.comparingLong(Part::bytes));
    }
}
