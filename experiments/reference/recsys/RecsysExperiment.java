import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;

/**
 * Runs the points of the recsys experiment spec through the task API (Tasks, Trainer) and writes
 * what the experiment runner writes for a training sweep: epochs.csv, results.md, the plots and
 * the settings of every point. Used while the experiment runner does not yet take a "task" in a
 * spec's base; the spec is the one definition of the points.
 *
 * Usage: java -cp CLASSPATH RecsysExperiment.java SPEC OUT [--quick]
 */
public final class RecsysExperiment {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        JsonNode spec = JSON.readTree(Path.of(args[0]).toFile());
        Path out = Path.of(args[1]);
        boolean quick = args.length > 2 && args[2].equals("--quick");
        JsonNode sweep = spec.get("sweeps").get(0);
        ObjectNode base = ((ObjectNode) sweep.get("base")).deepCopy();
        if (quick) {
            base.setAll((ObjectNode) sweep.get("quick").get("base"));
        }
        Task task = Tasks.get(base.remove("task").asText());
        Files.createDirectories(out.resolve(sweep.get("name").asText()));
        List<Map<String, Object>> epochs = new ArrayList<>();
        List<Map<String, Object>> finals = new ArrayList<>();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("spec", spec.get("name").asText());
        provenance.put("quick", quick);
        provenance.put("java", System.getProperty("java.version"));
        provenance.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        provenance.put("processors", Runtime.getRuntime().availableProcessors());
        List<Object> points = new ArrayList<>();
        provenance.put("points", points);
        for (JsonNode point : sweep.get("points")) {
            ObjectNode settings = base.deepCopy();
            settings.setAll((ObjectNode) point);
            String label = settings.remove("label").asText();
            SettingValues values = task.defaults();
            for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values = read(values, task.settings().setting(e.getKey()), e.getValue());
            }
            long evaluationRecords = settings.get("evaluationRecords").asLong();
            System.err.println("recsys: " + label);
            long start = System.nanoTime();
            try (Trainer trainer = new Trainer(task.build(values))) {
                List<EpochMetrics> history = trainer.run(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        System.err.printf(Locale.ROOT, "  evaluation %d: validation AUC %.4f, test AUC %.4f, %.0f samples/s%n",
                                m.epoch(), m.value("validation_auc"), m.value("test_auc"), m.itemsPerSecond());
                    }
                }, null);
                double seconds = 0;
                double alignmentSum = 0;
                int alignmentCount = 0;
                for (EpochMetrics m : history) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("label", label);
                    row.put("model", settings.get("model").asText());
                    row.put("method", settings.get("method").asText());
                    row.put("projector", settings.get("projector").asText());
                    row.put("epoch", m.epoch());
                    row.put("samples", m.epoch() * evaluationRecords);
                    row.put("step", m.step());
                    row.putAll(m.values());
                    row.put("alignment_mean", m.alignment().isEmpty() ? "" : m.meanAlignment());
                    row.put("alignment_per_point", m.alignment().isEmpty() ? "" : join(m.alignment()));
                    row.put("seconds", m.seconds());
                    row.put("samples_per_second", m.itemsPerSecond());
                    row.put("opu_frames", m.opuFrames());
                    epochs.add(row);
                    seconds += m.seconds();
                    if (!m.alignment().isEmpty()) {
                        alignmentSum += m.meanAlignment();
                        alignmentCount++;
                    }
                }
                EpochMetrics last = history.get(history.size() - 1);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("label", label);
                f.put("evaluations", history.size());
                f.put("best_epoch", (int) last.value("best_epoch"));
                f.put("best_validation_auc", last.value("best_validation_auc"));
                f.put("best_test_auc", last.value("best_test_auc"));
                f.put("test_bayes_auc", last.value("test_bayes_auc"));
                f.put("gap_to_bayes", last.value("test_bayes_auc") - last.value("best_test_auc"));
                f.put("best_test_log_loss", last.value("best_test_log_loss"));
                f.put("alignment_mean", alignmentCount == 0 ? "" : alignmentSum / alignmentCount);
                f.put("train_seconds", seconds);
                f.put("wall_seconds", (System.nanoTime() - start) * 1e-9);
                f.put("samples_per_second", history.size() * evaluationRecords / seconds);
                finals.add(f);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("label", label);
                p.put("settings", values.describe());
                p.put("data", trainer.run().data());
                points.add(p);
            }
        }
        Path dir = out.resolve(sweep.get("name").asText());
        writeCsv(dir.resolve("epochs.csv"), epochs);
        writeCsv(dir.resolve("results.csv"), finals);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("provenance.json").toFile(), provenance);
        plots(sweep, epochs, finals, out);
        markdown(spec, sweep, base, finals, out, quick);
    }

    private static <T> SettingValues read(SettingValues values, Setting<T> setting, JsonNode node) {
        return values.with(setting, setting.fromJson(node, setting.name()));
    }

    private static String join(List<Double> xs) {
        StringBuilder s = new StringBuilder();
        for (double x : xs) {
            s.append(s.length() == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.4f", x));
        }
        return s.toString();
    }

    private static String cell(Object v) {
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d);
        }
        String s = String.valueOf(v);
        return s.contains(",") ? "\"" + s + "\"" : s;
    }

    private static void writeCsv(Path file, List<Map<String, Object>> rows) throws IOException {
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            for (String c : r.keySet()) {
                if (!columns.contains(c)) {
                    columns.add(c);
                }
            }
        }
        StringBuilder s = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(r.containsKey(c) ? cell(r.get(c)) : "");
            }
            s.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(file, s);
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static void plots(JsonNode sweep, List<Map<String, Object>> epochs, List<Map<String, Object>> finals,
                              Path out) throws IOException {
        for (JsonNode plot : sweep.get("plots")) {
            String file = plot.get("file").asText();
            String y0 = plot.get("y").get(0).asText();
            if (plot.has("source")) {
                XYChart chart = new XYChartBuilder().width(900).height(560).title(plot.get("title").asText())
                        .xAxisTitle(plot.get("xLabel").asText()).yAxisTitle(plot.get("yLabel").asText()).build();
                Map<String, List<double[]>> series = new LinkedHashMap<>();
                for (Map<String, Object> r : epochs) {
                    double y = number(r.get(y0));
                    if (!Double.isNaN(y)) {
                        series.computeIfAbsent((String) r.get("label"), k -> new ArrayList<>())
                                .add(new double[] {number(r.get("samples")), y});
                    }
                }
                for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
                    chart.addSeries(e.getKey(), e.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                            e.getValue().stream().mapToDouble(p -> p[1]).toArray());
                }
                if (!series.isEmpty()) {
                    BitmapEncoder.saveBitmap(chart, out.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
                }
            } else {
                CategoryChart chart = new CategoryChartBuilder().width(900).height(560).title(plot.get("title").asText())
                        .xAxisTitle(plot.get("xLabel").asText()).yAxisTitle(plot.get("yLabel").asText()).build();
                chart.getStyler().setXAxisLabelRotation(30);
                double lo = 1;
                for (JsonNode y : plot.get("y")) {
                    List<String> labels = new ArrayList<>();
                    List<Double> ys = new ArrayList<>();
                    for (Map<String, Object> r : finals) {
                        labels.add((String) r.get("label"));
                        ys.add(number(r.get(y.asText())));
                        lo = Math.min(lo, number(r.get(y.asText())));
                    }
                    chart.addSeries(y.asText(), labels, ys);
                }
                chart.getStyler().setYAxisMin(Math.floor(lo * 20) / 20 - 0.05);
                BitmapEncoder.saveBitmap(chart, out.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
            }
        }
    }

    private static void markdown(JsonNode spec, JsonNode sweep, ObjectNode base, List<Map<String, Object>> finals,
                                 Path out, boolean quick) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(spec.get("name").asText()).append(": ").append(spec.get("title").asText()).append("\n\n");
        s.append(spec.get("description").asText()).append("\n\n");
        s.append("Regenerate with `experiments/reference/recsys/run-experiment.sh").append(quick ? " --quick" : "")
                .append("` (see README).\n\n");
        s.append(sweep.get("description").asText()).append("\n\n");
        s.append("Settings shared by every point (others at the task's defaults): ");
        List<String> parts = new ArrayList<>();
        base.fields().forEachRemaining(e -> parts.add("`" + e.getKey() + "=" + e.getValue() + "`"));
        s.append(String.join(", ", parts)).append(".\n\n");
        s.append("| label | evaluations | best_epoch | best_validation_auc | best_test_auc | test_bayes_auc | gap_to_bayes "
                + "| best_test_log_loss | alignment_mean |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> f : finals) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %s |%n", f.get("label"),
                    f.get("evaluations"), f.get("best_epoch"), number(f.get("best_validation_auc")),
                    number(f.get("best_test_auc")), number(f.get("test_bayes_auc")), number(f.get("gap_to_bayes")),
                    number(f.get("best_test_log_loss")), f.get("alignment_mean") instanceof Double d
                            ? String.format(Locale.ROOT, "%.4f", d) : ""));
        }
        s.append("\nWall-clock timings on the machine that ran it (2 cores shared with other work: not reproducible):\n\n");
        s.append("| label | train_seconds | wall_seconds | samples_per_second |\n|---|---:|---:|---:|\n");
        for (Map<String, Object> f : finals) {
            s.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f |%n", f.get("label"),
                    number(f.get("train_seconds")), number(f.get("wall_seconds")), number(f.get("samples_per_second"))));
        }
        s.append('\n');
        for (JsonNode plot : sweep.get("plots")) {
            if (Files.exists(out.resolve(plot.get("file").asText()))) {
                s.append("![").append(plot.get("title").asText()).append("](").append(plot.get("file").asText())
                        .append(")\n\n");
            }
        }
        Files.writeString(out.resolve("results.md"), s);
    }
}
