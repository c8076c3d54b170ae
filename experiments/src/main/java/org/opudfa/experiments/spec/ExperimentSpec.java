package org.opudfa.experiments.spec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A named experiment: one or more sweeps run together, each in its full form or its quick form
 * (a reduced version for continuous integration). JSON form:
 * <pre>
 * {
 *   "name": "fidelity-bits",
 *   "title": "one line",
 *   "description": "a paragraph: question, setup, what to look for",
 *   "sweeps": [
 *     { "name": "fidelity", "kind": "fidelity", "base": {...}, "grid": {...}, "plots": [...],
 *       "quick": { "base": {...}, "grid": {...}, "points": [...] } }
 *   ]
 * }
 * </pre>
 * The quick form of a sweep is its full form with {@code quick.base} merged over {@code base}
 * (key by key), each parameter of {@code quick.grid} replacing the full grid's values, and
 * {@code quick.points}, when given, replacing the points.
 *
 * @param name        the experiment's name, e.g. {@code "dfa-vs-bp"}
 * @param title       one line
 * @param description one paragraph
 * @param quick       whether these are the quick forms
 * @param sweeps      the sweeps, in run order
 */
public record ExperimentSpec(String name, String title, String description, boolean quick,
                             List<SweepSpec> sweeps) {

    private static final Set<String> FIELDS = Set.of("name", "title", "description", "sweeps");
    private static final Set<String> QUICK_FIELDS = Set.of("base", "grid", "points");

    /**
     * Copies the list.
     *
     * @param name        the experiment's name, e.g. {@code "dfa-vs-bp"}
     * @param title       one line
     * @param description one paragraph
     * @param quick       whether these are the quick forms
     * @param sweeps      the sweeps, in run order
     */
    public ExperimentSpec {
        sweeps = List.copyOf(sweeps);
    }

    /**
     * @param text  the spec's JSON text
     * @param where what the text is, for messages
     * @param quick whether to build the quick forms
     * @return the validated spec
     * @throws IllegalArgumentException naming the first invalid field
     */
    public static ExperimentSpec parse(String text, String where, boolean quick) {
        JsonNode root = SweepSpec.tree(text, where);
        if (!root.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        try {
            SweepSpec.requireKnown(root, FIELDS, "", "an experiment");
            String name = SweepSpec.text(root.get("name"), "name");
            String title = SweepSpec.text(root.get("title"), "title");
            String description = SweepSpec.text(root.get("description"), "description");
            JsonNode sweepsNode = root.get("sweeps");
            if (sweepsNode == null || !sweepsNode.isArray() || sweepsNode.isEmpty()) {
                throw new IllegalArgumentException("sweeps must be a non-empty list, got "
                        + SweepSpec.shown(sweepsNode));
            }
            List<SweepSpec> sweeps = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            Set<String> files = new LinkedHashSet<>();
            for (int i = 0; i < sweepsNode.size(); i++) {
                String field = "sweeps[" + i + "]";
                JsonNode s = sweepsNode.get(i);
                if (!s.isObject()) {
                    throw new IllegalArgumentException(field + " must be an object, got " + SweepSpec.shown(s));
                }
                ObjectNode variant = s.deepCopy();
                JsonNode q = variant.remove("quick");
                if (quick && q != null) {
                    merge(variant, q, field + ".quick");
                }
                SweepSpec sweep;
                try {
                    sweep = SweepSpec.parse(variant, "sweep" + i);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
                }
                if (!names.add(sweep.name())) {
                    throw new IllegalArgumentException(field + ".name repeats '" + sweep.name() + "'");
                }
                for (PlotSpec plot : sweep.plots()) {
                    if (!files.add(plot.file())) {
                        throw new IllegalArgumentException(field + " repeats the plot file '" + plot.file() + "'");
                    }
                }
                sweeps.add(sweep);
            }
            return new ExperimentSpec(name, title, description, quick, sweeps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode sweep, JsonNode quick, String field) {
        if (!quick.isObject()) {
            throw new IllegalArgumentException(field + " must be an object, got " + SweepSpec.shown(quick));
        }
        SweepSpec.requireKnown(quick, QUICK_FIELDS, field + ".", "a quick form");
        for (String part : List.of("base", "grid")) {
            JsonNode over = quick.get(part);
            if (over == null) {
                continue;
            }
            if (!over.isObject()) {
                throw new IllegalArgumentException(field + "." + part + " must be an object, got "
                        + SweepSpec.shown(over));
            }
            ObjectNode target = sweep.has(part) && sweep.get(part).isObject()
                    ? (ObjectNode) sweep.get(part) : sweep.putObject(part);
            for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                target.set(e.getKey(), e.getValue());
            }
        }
        if (quick.has("points")) {
            sweep.set("points", quick.get("points"));
        }
    }
}
