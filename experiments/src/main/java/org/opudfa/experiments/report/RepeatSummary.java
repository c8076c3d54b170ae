package org.opudfa.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.experiments.run.PointResult;
import org.opudfa.experiments.spec.Columns;
import org.opudfa.experiments.spec.SummarySpec;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * The summary of a sweep over repeats ({@link SummarySpec}): one row per group of points that
 * differ only in the repeated parameter, in the order the groups first appear, holding the
 * group's key columns (label and the other varied parameters), for each summarised column its
 * mean {@code m = Σx/n} and sample standard deviation {@code s = √(Σ(x − m)²/(n − 1))} over the
 * points that measured it (empty when none did; s empty when only one did), and the number of
 * points in the group ({@value SummarySpec#RUNS}).
 */
public final class RepeatSummary {

    private RepeatSummary() {
    }

    /**
     * @param spec    a sweep with a summary
     * @param results one per point
     * @return the summary rows
     * @throws IllegalArgumentException if the sweep has no summary
     */
    public static List<Map<String, Object>> rows(SweepSpec spec, List<PointResult> results) {
        SummarySpec summary = spec.summary();
        if (summary == null) {
            throw new IllegalArgumentException("sweep " + spec.name() + " has no summary");
        }
        Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        Map<List<Object>, Map<String, Object>> keysOf = new LinkedHashMap<>();
        for (Map<String, Object> row : ResultFiles.rows(spec, results, "results")) {
            Map<String, Object> key = new LinkedHashMap<>();
            for (String c : keyColumns(spec)) {
                key.put(c, row.get(c));
            }
            List<Object> id = new ArrayList<>(key.values());
            groups.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
            keysOf.putIfAbsent(id, key);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Map<String, Object>>> g : groups.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>(keysOf.get(g.getKey()));
            for (String c : summary.columns()) {
                double sum = 0;
                int n = 0;
                for (Map<String, Object> r : g.getValue()) {
                    if (r.get(c) instanceof Number x && Double.isFinite(x.doubleValue())) {
                        sum += x.doubleValue();
                        n++;
                    }
                }
                Double mean = n == 0 ? null : sum / n;
                Double std = null;
                if (n > 1) {
                    double squares = 0;
                    for (Map<String, Object> r : g.getValue()) {
                        if (r.get(c) instanceof Number x && Double.isFinite(x.doubleValue())) {
                            double d = x.doubleValue() - mean;
                            squares += d * d;
                        }
                    }
                    std = Math.sqrt(squares / (n - 1));
                }
                row.put(c, mean);
                row.put(SummarySpec.std(c), std);
            }
            row.put(SummarySpec.RUNS, g.getValue().size());
            out.add(row);
        }
        return out;
    }

    /**
     * @param spec a sweep with a summary
     * @return the columns identifying a group: the label (when the spec has labels) and the varied
     *     parameters other than the repeated one
     */
    public static List<String> keyColumns(SweepSpec spec) {
        List<String> keys = new ArrayList<>(ResultFiles.keyColumns(spec));
        keys.remove(Columns.POINT);
        keys.remove(spec.summary().over());
        return keys;
    }

    /**
     * @param spec a sweep with a summary
     * @return every column of the summary rows, in order
     */
    public static List<String> columns(SweepSpec spec) {
        List<String> columns = keyColumns(spec);
        for (String c : spec.summary().columns()) {
            columns.add(c);
            columns.add(SummarySpec.std(c));
        }
        columns.add(SummarySpec.RUNS);
        return columns;
    }
}
