package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * A one-input module without parameters whose training passes draw from one random stream
 * (dropout's masks, noise on an input). The stream is declared under the module's name
 * ({@link #randomStreams()}), so a checkpoint saves its state and a resumed run draws what the
 * uninterrupted run would have drawn.
 */
public abstract class StochasticModule extends UnaryModule {

    /** The stream the training passes draw from. */
    protected final RestorableUniformRandomProvider rng;

    /**
     * @param name the module's name, also its stream's
     * @param rng  the stream its training passes draw from
     */
    protected StochasticModule(String name, RestorableUniformRandomProvider rng) {
        super(name);
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** @return none */
    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    /** @return the module's stream, under its name */
    @Override
    public final Map<String, RestorableUniformRandomProvider> randomStreams() {
        return Map.of(name(), rng);
    }
}
