package org.opudfa.dfa.optim;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A checkpoint of an optimizer: its kind, its step count and its per-parameter buffers, keyed
 * {@code parameterName + "/" + slot} (for example {@code "block0.dense.weight/m"}), each as
 * long as the parameter. Deep-copied on the way in and on the way out, so it can be serialised
 * (Jackson writes records and float arrays directly) while the optimizer keeps running.
 *
 * @param kind    the optimizer kind, e.g. {@code "sgd"}, {@code "adam"} or {@code "adamw"}
 * @param step    the number of steps taken, non-negative
 * @param buffers the buffers by key, sorted by key
 */
public record OptimizerState(String kind, long step, Map<String, float[]> buffers) {

    /**
     * Validates the components.
     *
     * @param kind    the optimizer kind, e.g. {@code "sgd"}, {@code "adam"} or {@code "adamw"}
     * @param step    the number of steps taken, non-negative
     * @param buffers the buffers by key, sorted by key
     * @throws IllegalArgumentException if the step is negative
     */
    public OptimizerState {
        Objects.requireNonNull(kind, "kind");
        if (step < 0) {
            throw new IllegalArgumentException("step must be non-negative, got " + step);
        }
        buffers = deepCopy(buffers);
    }

    /** @return a deep copy of the buffers */
    @Override
    public Map<String, float[]> buffers() {
        return deepCopy(buffers);
    }

    /** The buffer under {@code key}, not copied; for optimizers importing the state. */
    float[] buffer(String key) {
        return buffers.get(key);
    }

    /** The number of buffers, without copying. */
    int bufferCount() {
        return buffers.size();
    }

    private static Map<String, float[]> deepCopy(Map<String, float[]> in) {
        TreeMap<String, float[]> out = new TreeMap<>();
        for (Map.Entry<String, float[]> e : in.entrySet()) {
            out.put(Objects.requireNonNull(e.getKey(), "buffer key"), e.getValue().clone());
        }
        return Collections.unmodifiableMap(out);
    }
}
