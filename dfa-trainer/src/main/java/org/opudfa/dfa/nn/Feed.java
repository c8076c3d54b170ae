package org.opudfa.dfa.nn;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs of one batch, by key: dense features, token ids, labels, masks, a sparse adjacency,
 * whatever a model's modules and its loss read. A batch source fills a feed (reusing the
 * objects it holds from batch to batch); a model's input tensors and modules with side inputs
 * read from it under the {@link Key}s they were built with.
 */
public final class Feed {

    /**
     * A typed name for one input of a batch.
     *
     * @param name what the input is, e.g. {@code "features"}, {@code "tokens"}
     * @param type the class of its value
     * @param <T>  the value type
     */
    public record Key<T>(String name, Class<T> type) {

        /**
         * @param name what the input is
         * @param type the class of its value
         */
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /**
         * @param name what the input is
         * @param type the class of its value
         * @param <T>  the value type
         * @return the key
         */
        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(name, type);
        }
    }

    private final Map<Key<?>, Object> values = new HashMap<>();

    /** An empty feed. */
    public Feed() {
    }

    /**
     * Sets an input (replacing any earlier value under the key).
     *
     * @param key   the key
     * @param value the value, held by reference
     * @param <T>   the value type
     * @return this feed
     */
    public <T> Feed put(Key<T> key, T value) {
        values.put(key, Objects.requireNonNull(value, key.name()));
        return this;
    }

    /**
     * @param key the key
     * @param <T> the value type
     * @return the value under the key
     * @throws IllegalArgumentException if the batch has no such input
     */
    public <T> T get(Key<T> key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the batch has no input '" + key.name() + "' (a "
                    + key.type().getSimpleName() + "); it holds " + values.keySet().stream().map(Key::name).sorted()
                    .toList());
        }
        return key.type().cast(v);
    }

    /**
     * @param key the key
     * @return whether the batch has an input under the key
     */
    public boolean has(Key<?> key) {
        return values.containsKey(key);
    }
}
