package org.opudfa.experiments.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The experiments that ship with opu-dfa. Each is a JSON spec ({@link ExperimentSpec}) in the
 * resource folder {@code org/opudfa/experiments/specs/}, named {@code NAME.json}. To add one,
 * write its spec there and add its name to {@link #NAMES}.
 */
public final class ExperimentCatalog {

    /** The shipped experiments, in the order they are listed. */
    public static final List<String> NAMES = List.of("dfa-vs-bp", "fidelity-bits", "fidelity-dimension",
            "fidelity-photons", "error-encoding", "drift", "cost-model", "graphs", "nerf", "transformer-lm", "recsys",
            "recsys-nonlinearity");

    private ExperimentCatalog() {
    }

    /**
     * @param name  an experiment name from {@link #NAMES}
     * @param quick whether to build its quick form
     * @return the parsed spec
     * @throws IllegalArgumentException if there is no such experiment
     */
    public static ExperimentSpec load(String name, boolean quick) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("there is no experiment '" + name + "'; known: "
                    + String.join(", ", NAMES));
        }
        String resource = "specs/" + name + ".json";
        try (InputStream in = ExperimentCatalog.class.getResourceAsStream("/org/opudfa/experiments/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the spec of experiment '" + name + "' is missing from the build");
            }
            return ExperimentSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "experiment " + name, quick);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the spec of experiment '" + name + "'", e);
        }
    }
}
