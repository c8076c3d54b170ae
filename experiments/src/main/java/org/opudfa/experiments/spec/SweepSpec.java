package org.opudfa.experiments.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opudfa.dfa.io.MessageText;

/**
 * A sweep: a base configuration of one {@link SweepKind}, optional explicit points, and a grid of
 * parameters to vary. Its points are every explicit point (or the base alone) combined with every
 * combination of grid values, the first grid parameter varying slowest. JSON form:
 * <pre>
 * {
 *   "name": "bits",                     optional, defaults to the file name
 *   "kind": "training" | "fidelity" | "cost",
 *   "description": "one paragraph",     optional
 *   "base":   { "epochs": 2, "hidden": [256] },
 *   "points": [ { "label": "BP", "method": "bp" }, ... ],      optional
 *   "grid":   { "bits": [2, 4, 8], "readNoise": [0.0, 10.0] }, optional
 *   "plots":  [ { "file": ..., "title": ..., "x": ..., "y": [...], ... } ]   optional
 *   "summary": { "over": "seed", "columns": ["test_accuracy"] }            optional
 *   "imageGrids": [ { "file": ..., "title": ..., "image": ..., "header": ..., "headerLabel": ...,
 *                     "scale": 2 } ]                            optional, training sweeps
 *   "epochsEvery": 10                   optional, training sweeps: record every 10th epoch
 * }
 * </pre>
 * {@code epochsEvery} k thins the recorded per-epoch tables (and the plots drawn from them) to
 * the first epoch, every k-th and each point's last; the results and summaries use every epoch.
 * Everything is checked when parsed, and every point's configuration is built once, so an
 * unknown parameter, a value of the wrong type, an empty grid or an out-of-range value is
 * rejected before anything runs, with a message naming the field.
 *
 * <p>Limits: a sweep has at most {@value #MAX_POINTS} points (checked by multiplying the grid's
 * list lengths and the number of explicit points, before any point is built), and the JSON text
 * nests objects and lists at most {@value #MAX_NESTING_DEPTH} deep. The text must hold exactly
 * one JSON value, with no field named twice in an object.
 *
 * @param name        the sweep's name (a folder name in experiments)
 * @param kind        what each point runs
 * @param description one paragraph for people, possibly empty
 * @param points      the expanded points, in run order
 * @param plots       the charts to draw from the results
 * @param summary     how results are summarised over repeats ({@link SummarySpec}), or null
 * @param imageGrids  the figures to assemble from images the points wrote
 * @param epochsEvery the per-epoch tables keep the first epoch, every this-many-th and the last; at least 1
 */
public record SweepSpec(String name, SweepKind kind, String description, List<SweepPoint> points,
                        List<PlotSpec> plots, SummarySpec summary, List<ImageGridSpec> imageGrids, int epochsEvery) {

    /** The most points a sweep may have: explicit points (or 1) times the product of the grid's list lengths. */
    public static final int MAX_POINTS = 10_000;

    /** The deepest nesting of JSON objects and lists a spec may have; real specs need four or five levels. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(MessageText.QUOTE_LIMIT).maxRawContentLength(MessageText.QUOTE_LIMIT).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("name", "kind", "description", "base", "points", "grid",
            "plots", "summary", "imageGrids", "epochsEvery");
    private static final Set<String> SUMMARY_FIELDS = Set.of("over", "columns");
    private static final Set<String> IMAGE_GRID_FIELDS = Set.of("file", "title", "image", "header", "headerLabel",
            "scale");
    private static final Set<String> PLOT_FIELDS = Set.of("file", "title", "source", "x", "xLabel", "y", "yLabel",
            "series", "logX", "logY");

    /**
     * Copies the lists.
     *
     * @param name        the sweep's name (a folder name in experiments)
     * @param kind        what each point runs
     * @param description one paragraph for people, possibly empty
     * @param points      the expanded points, in run order
     * @param plots       the charts to draw from the results
     * @param summary     how results are summarised over repeats, or null
     * @param imageGrids  the figures to assemble from images the points wrote
     * @param epochsEvery the per-epoch tables keep the first epoch, every this-many-th and the last
     * @throws IllegalArgumentException if {@code epochsEvery} is below 1
     */
    public SweepSpec {
        if (epochsEvery < 1) {
            throw new IllegalArgumentException("epochsEvery must be at least 1, got " + epochsEvery);
        }
        points = List.copyOf(points);
        plots = List.copyOf(plots);
        imageGrids = List.copyOf(imageGrids);
    }

    /**
     * A sweep without a summary or image grids.
     *
     * @param name        the sweep's name
     * @param kind        what each point runs
     * @param description one paragraph for people, possibly empty
     * @param points      the expanded points, in run order
     * @param plots       the charts to draw from the results
     */
    public SweepSpec(String name, SweepKind kind, String description, List<SweepPoint> points, List<PlotSpec> plots) {
        this(name, kind, description, points, plots, null, List.of(), 1);
    }

    /**
     * Reads and validates a sweep spec file.
     *
     * @param file a JSON file
     * @return the spec, named after the file when it has no {@code name}
     * @throws IllegalArgumentException if the file is not valid JSON or the spec is invalid
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static SweepSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("sweep spec " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("sweep spec " + file + " is not UTF-8 text; expected a JSON file");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException("sweep spec " + file + " is a folder; expected a JSON file");
            }
            throw new UncheckedIOException("could not read sweep spec " + file + ": " + e.getMessage(), e);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return parse(tree(text, "sweep spec " + file), stem);
    }

    /**
     * @param text  JSON text
     * @param where what the text is, for messages
     * @return the parsed tree
     * @throws IllegalArgumentException if the text is not valid JSON
     */
    static JsonNode tree(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            String original = String.valueOf(e.getOriginalMessage());
            if (original.contains("nesting depth")) {
                throw new IllegalArgumentException(where + " nests objects and lists more than " + MAX_NESTING_DEPTH
                        + " levels deep; a spec needs only a few levels");
            }
            // Jackson's other limits (length of a number or a text) end with the name of the setting
            throw new IllegalArgumentException(where + " is too large to read: "
                    + original.replaceFirst(",? *from `[^`]*`", "").replaceAll("[.\\s]+$", ""));
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalArgumentException(where + " is not valid JSON: "
                    + firstLine(e.getOriginalMessage()) + line);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "malformed text";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /**
     * Validates a parsed spec and expands its points.
     *
     * @param root        the JSON object
     * @param defaultName the name when the spec has none
     * @return the spec
     * @throws IllegalArgumentException naming the first invalid field
     */
    public static SweepSpec parse(JsonNode root, String defaultName) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a sweep spec must be a JSON object, got " + shown(root));
        }
        requireKnown(root, FIELDS, "", "a sweep spec");
        String name = root.has("name") ? text(root.get("name"), "name") : defaultName;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', got '" + MessageText.abbreviate(name) + "'");
        }
        if (!root.has("kind")) {
            throw new IllegalArgumentException("kind is missing; it must be one of training, fidelity, cost");
        }
        String kindText = text(root.get("kind"), "kind").toLowerCase(Locale.ROOT);
        SweepKind kind = null;
        for (SweepKind k : SweepKind.values()) {
            if (k.spelling().equals(kindText)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must be one of training, fidelity, cost, got '"
                    + MessageText.abbreviate(kindText) + "'");
        }
        String description = root.has("description") ? text(root.get("description"), "description") : "";
        Map<String, Object> base = settings(root.get("base"), "base", kind, false);

        List<Map<String, Object>> explicit = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (root.has("points")) {
            JsonNode array = root.get("points");
            if (!array.isArray() || array.isEmpty()) {
                throw new IllegalArgumentException("points must be a non-empty list of objects, got " + shown(array));
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode p = array.get(i);
                String field = "points[" + i + "]";
                String label = null;
                if (p != null && p.isObject() && p.has(Columns.LABEL)) {
                    label = text(p.get(Columns.LABEL), field + ".label");
                }
                explicit.add(settings(p, field, kind, true));
                labels.add(label);
            }
        }

        Map<String, List<Object>> grid = new LinkedHashMap<>();
        if (root.has("grid")) {
            JsonNode g = root.get("grid");
            if (!g.isObject() || g.isEmpty()) {
                throw new IllegalArgumentException("grid must be an object naming at least one parameter, got " + shown(g));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "grid." + e.getKey();
                SweepParameter p = parameter(kind, e.getKey(), field);
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    throw new IllegalArgumentException(field + " must be a non-empty list of values, got "
                            + shown(e.getValue()));
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    values.add(p.parse(e.getValue().get(i), field + "[" + i + "]"));
                }
                grid.put(e.getKey(), values);
            }
        }
        if (explicit.isEmpty() && grid.isEmpty()) {
            throw new IllegalArgumentException("grid is missing: a sweep must vary at least one parameter in grid"
                    + " or list points");
        }
        requireFewEnoughPoints(explicit.size(), grid);
        List<SweepPoint> points = expand(kind, base, explicit, labels, grid);
        SummarySpec summary = summary(root.get("summary"), kind, grid.keySet());
        List<PlotSpec> plots = plots(root.get("plots"), kind, points, summary);
        List<ImageGridSpec> grids = imageGrids(root.get("imageGrids"), kind,
                plots.stream().map(PlotSpec::file).toList());
        int epochsEvery = 1;
        if (root.has("epochsEvery")) {
            JsonNode e = root.get("epochsEvery");
            if (kind != SweepKind.TRAINING) {
                throw new IllegalArgumentException("epochsEvery applies to training sweeps only, and this sweep is of "
                        + "kind " + kind.spelling());
            }
            if (!e.canConvertToInt() || !e.isIntegralNumber() || e.intValue() < 1) {
                throw new IllegalArgumentException("epochsEvery must be a whole number of at least 1, got " + shown(e));
            }
            epochsEvery = e.intValue();
        }
        return new SweepSpec(name, kind, description, points, plots, summary, grids, epochsEvery);
    }

    private static SummarySpec summary(JsonNode node, SweepKind kind, Set<String> gridNames) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("summary must be an object, got " + shown(node));
        }
        requireKnown(node, SUMMARY_FIELDS, "summary.", "a summary");
        String over = text(required(node, "over", "summary"), "summary.over");
        if (!gridNames.contains(over)) {
            throw new IllegalArgumentException("summary.over names '" + MessageText.abbreviate(over)
                    + "', which is not a grid parameter of the sweep; grid: " + String.join(", ", gridNames));
        }
        JsonNode list = required(node, "columns", "summary");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("summary.columns must be a non-empty list of columns, got "
                    + shown(list));
        }
        Set<String> known = new LinkedHashSet<>(Columns.results(kind));
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "summary.columns[" + i + "]";
            String c = text(list.get(i), field);
            if (!known.contains(c) && !Columns.isTaskColumn(kind, c)) {
                throw new IllegalArgumentException(field + " names '" + MessageText.abbreviate(c)
                        + "', which is not a result column; known: " + String.join(", ", known)
                        + ", and a task's SET_METRIC columns");
            }
            columns.add(c);
        }
        return new SummarySpec(over, columns);
    }

    /**
     * Counts the points by multiplying the list lengths, so that a grid of a million points is
     * rejected before a single one is built.
     */
    private static void requireFewEnoughPoints(int explicitPoints, Map<String, List<Object>> grid) {
        long count = Math.max(1, explicitPoints);
        StringBuilder factors = new StringBuilder(explicitPoints > 0 ? explicitPoints + " points" : "");
        for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
            int size = e.getValue().size();
            count = count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
            factors.append(factors.length() == 0 ? "" : " x ").append(size).append(' ').append(e.getKey());
        }
        if (count > MAX_POINTS) {
            throw new IllegalArgumentException("the sweep has " + (count == Long.MAX_VALUE ? "too many" : count)
                    + " points (" + factors + "), but at most " + MAX_POINTS + " are allowed; split it into"
                    + " smaller sweeps");
        }
    }

    private static List<SweepPoint> expand(SweepKind kind, Map<String, Object> base,
                                           List<Map<String, Object>> explicit, List<String> labels,
                                           Map<String, List<Object>> grid) {
        if (explicit.isEmpty()) {
            explicit.add(Map.of());
            labels.add(null);
        }
        Set<String> variedNames = new LinkedHashSet<>();
        explicit.forEach(p -> variedNames.addAll(p.keySet()));
        variedNames.addAll(grid.keySet());
        List<String> gridNames = new ArrayList<>(grid.keySet());
        int combinations = 1;
        for (List<Object> values : grid.values()) {
            combinations = Math.multiplyExact(combinations, values.size());
        }
        List<SweepPoint> points = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int e = 0; e < explicit.size(); e++) {
            for (int c = 0; c < combinations; c++) {
                Map<String, Object> settings = new LinkedHashMap<>(base);
                settings.putAll(explicit.get(e));
                int rest = c;
                for (int g = gridNames.size() - 1; g >= 0; g--) {
                    List<Object> values = grid.get(gridNames.get(g));
                    settings.put(gridNames.get(g), values.get(rest % values.size()));
                    rest /= values.size();
                }
                Map<String, Object> varied = new LinkedHashMap<>();
                for (String v : variedNames) {
                    varied.put(v, settings.get(v));
                }
                String label = labels.get(e) == null ? null : MessageText.abbreviate(labels.get(e));
                String where = "point " + describe(label, varied);
                try {
                    kind.check(settings);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
                }
                String id = id(labels.get(e), settings);
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(where + " repeats an earlier point with the same settings");
                }
                points.add(new SweepPoint(points.size(), id, labels.get(e), varied, settings));
            }
        }
        return points;
    }

    /**
     * @param label  a point's label, or null
     * @param varied its varied values
     * @return a short description for messages, e.g. {@code "BP (method=bp)"}
     */
    public static String describe(String label, Map<String, Object> varied) {
        StringBuilder sb = new StringBuilder();
        varied.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return label == null ? sb.toString() : label + " (" + sb + ")";
    }

    private static String id(String label, Map<String, Object> settings) {
        Map<String, Object> canonical = new TreeMap<>(settings);
        if (label != null) {
            canonical.put(Columns.LABEL, label);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsBytes(canonical));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("could not hash the settings of a point", e);
        }
    }

    private static Map<String, Object> settings(JsonNode node, String field, SweepKind kind, boolean allowLabel) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (node == null) {
            return values;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object of parameter values, got " + shown(node));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (allowLabel && e.getKey().equals(Columns.LABEL)) {
                continue;
            }
            SweepParameter p = parameter(kind, e.getKey(), field + "." + e.getKey());
            values.put(e.getKey(), p.parse(e.getValue(), field + "." + e.getKey()));
        }
        return values;
    }

    private static SweepParameter parameter(SweepKind kind, String name, String field) {
        SweepParameter p = kind.parameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException(MessageText.abbreviate(field) + " names an unknown parameter '"
                    + MessageText.abbreviate(name) + "' of " + kind.spelling() + " sweeps; known: "
                    + String.join(", ", kind.parameters().keySet()));
        }
        return p;
    }

    private static List<PlotSpec> plots(JsonNode node, SweepKind kind, List<SweepPoint> points,
                                        SummarySpec summary) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("plots must be a list of objects, got " + shown(node));
        }
        Set<String> varied = new LinkedHashSet<>(points.get(0).varied().keySet());
        boolean labelled = points.stream().anyMatch(p -> p.label() != null);
        List<PlotSpec> plots = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String field = "plots[" + i + "]";
            if (!p.isObject()) {
                throw new IllegalArgumentException(field + " must be an object, got " + shown(p));
            }
            requireKnown(p, PLOT_FIELDS, field + ".", "a plot");
            String source = p.has("source") ? text(p.get("source"), field + ".source") : "results";
            if (!PlotSpec.SOURCES.contains(source) || (source.equals("epochs") && kind != SweepKind.TRAINING)
                    || (source.equals("summary") && summary == null)) {
                throw new IllegalArgumentException(field + ".source must be "
                        + (kind == SweepKind.TRAINING ? "results or epochs" : "results")
                        + (summary != null ? " or summary" : "") + ", got '" + MessageText.abbreviate(source) + "'");
            }
            Set<String> columns = new LinkedHashSet<>(varied);
            if (labelled) {
                columns.add(Columns.LABEL);
            }
            if (source.equals("epochs")) {
                columns.add(Columns.EPOCH);
                columns.addAll(Columns.epochs(kind));
            } else if (source.equals("summary")) {
                columns.remove(summary.over());
                for (String c : summary.columns()) {
                    columns.add(c);
                    columns.add(SummarySpec.std(c));
                }
                columns.add(SummarySpec.RUNS);
            } else {
                columns.addAll(Columns.results(kind));
                columns.addAll(Columns.timings(kind));
            }
            boolean taskColumns = !source.equals("summary");
            String table = source.equals("epochs") ? "epochs" : "results";
            String x = column(required(p, "x", field), field + ".x", columns, kind, taskColumns, table);
            List<String> y = new ArrayList<>();
            JsonNode yNode = required(p, "y", field);
            if (!yNode.isArray() || yNode.isEmpty()) {
                throw new IllegalArgumentException(field + ".y must be a non-empty list of columns, got "
                        + shown(yNode));
            }
            for (int k = 0; k < yNode.size(); k++) {
                y.add(column(yNode.get(k), field + ".y[" + k + "]", columns, kind, taskColumns, table));
            }
            String series = p.has("series") ? column(p.get("series"), field + ".series", columns, kind, false, table)
                    : null;
            String file = text(required(p, "file", field), field + ".file");
            if (!file.matches("[A-Za-z0-9._-]+\\.png")) {
                throw new IllegalArgumentException(field + ".file must be a plain file name ending in .png, got '"
                        + MessageText.abbreviate(file) + "'");
            }
            if (!files.add(file)) {
                throw new IllegalArgumentException(field + ".file repeats '" + MessageText.abbreviate(file) + "'");
            }
            plots.add(new PlotSpec(file, text(required(p, "title", field), field + ".title"), source, x,
                    text(required(p, "xLabel", field), field + ".xLabel"), y,
                    text(required(p, "yLabel", field), field + ".yLabel"), series,
                    bool(p.get("logX"), field + ".logX"), bool(p.get("logY"), field + ".logY")));
        }
        return plots;
    }

    private static List<ImageGridSpec> imageGrids(JsonNode node, SweepKind kind, List<String> plotFiles) {
        if (node == null) {
            return List.of();
        }
        if (kind != SweepKind.TRAINING) {
            throw new IllegalArgumentException("imageGrids are made of images that training points write; a "
                    + kind.spelling() + " sweep has none");
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("imageGrids must be a list of objects, got " + shown(node));
        }
        List<ImageGridSpec> grids = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>(plotFiles);
        for (int i = 0; i < node.size(); i++) {
            JsonNode g = node.get(i);
            String field = "imageGrids[" + i + "]";
            if (!g.isObject()) {
                throw new IllegalArgumentException(field + " must be an object, got " + shown(g));
            }
            requireKnown(g, IMAGE_GRID_FIELDS, field + ".", "an image grid");
            String file = pngName(required(g, "file", field), field + ".file");
            if (!files.add(file)) {
                throw new IllegalArgumentException(field + ".file repeats '" + MessageText.abbreviate(file) + "'");
            }
            String header = g.has("header") ? pngName(g.get("header"), field + ".header") : null;
            int scale = 1;
            if (g.has("scale")) {
                JsonNode s = g.get("scale");
                if (!s.canConvertToInt() || !s.isIntegralNumber() || s.intValue() < 1 || s.intValue() > 16) {
                    throw new IllegalArgumentException(field + ".scale must be a whole number from 1 to 16, got "
                            + shown(s));
                }
                scale = s.intValue();
            }
            grids.add(new ImageGridSpec(file, text(required(g, "title", field), field + ".title"),
                    pngName(required(g, "image", field), field + ".image"), header,
                    g.has("headerLabel") ? text(g.get("headerLabel"), field + ".headerLabel") : "", scale));
        }
        return grids;
    }

    private static String pngName(JsonNode node, String field) {
        String file = text(node, field);
        if (!file.matches("[A-Za-z0-9._-]+\\.png")) {
            throw new IllegalArgumentException(field + " must be a plain file name ending in .png, got '"
                    + MessageText.abbreviate(file) + "'");
        }
        return file;
    }

    private static String column(JsonNode node, String field, Set<String> columns, SweepKind kind,
                                 boolean taskColumns, String table) {
        String name = text(node, field);
        boolean task = taskColumns && kind == SweepKind.TRAINING && (Columns.isTaskColumn(table, name)
                || (table.equals("results") && Columns.isTaskColumn("timings", name)));
        if (!columns.contains(name) && !task) {
            throw new IllegalArgumentException(field + " names '" + MessageText.abbreviate(name) + "', which is not a column; known: "
                    + String.join(", ", columns) + (kind == SweepKind.TRAINING
                    ? " and the task's: SET_METRIC, best_SET_METRIC (SET train, val, validation or test)"
                    + (table.equals("epochs") ? ", the items seen (samples, rays, ...)" : ", ITEMS_per_second")
                    : ""));
        }
        return name;
    }

    private static JsonNode required(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new IllegalArgumentException(field + "." + name + " is missing");
        }
        return value;
    }

    private static boolean bool(JsonNode node, String field) {
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false, got " + shown(node));
        }
        return node.booleanValue();
    }

    /**
     * @param node a JSON value from the spec, possibly null
     * @return its JSON text for a message, shortened to its beginning when long
     *     ({@link MessageText#abbreviate}); {@code "nothing"} for a missing value
     */
    static String shown(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : MessageText.abbreviate(node.toString());
    }

    static String text(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a text, got " + shown(node));
        }
        return node.textValue();
    }

    static void requireKnown(JsonNode node, Set<String> allowed, String prefix, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(prefix + MessageText.abbreviate(f) + " is not a field of " + what + "; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** @return the names of the columns that vary across points, in order */
    public List<String> variedColumns() {
        return Collections.unmodifiableList(new ArrayList<>(points.get(0).varied().keySet()));
    }

    /** @return whether any point has a label */
    public boolean labelled() {
        return points.stream().anyMatch(p -> p.label() != null);
    }
}
