package org.opudfa.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opudfa.experiments.report.ResultFiles;
import org.opudfa.experiments.run.ExperimentOutcome;
import org.opudfa.experiments.run.SweepOutcome;
import org.opudfa.experiments.spec.Columns;

/** Prints the result tables of a finished experiment or sweep on stdout, one table per sweep. */
final class ResultTables {

    private ResultTables() {
    }

    /**
     * @param count how many plots were written
     * @return e.g. "1 plot" or "3 plots"
     */
    static String plots(int count) {
        return count + (count == 1 ? " plot" : " plots");
    }

    /**
     * @param out     stdout
     * @param outcome the finished run
     */
    static void print(PrintWriter out, ExperimentOutcome outcome) {
        for (SweepOutcome s : outcome.sweeps()) {
            if (outcome.sweeps().size() > 1) {
                out.println(s.spec().name() + " (" + s.spec().kind().spelling() + ")");
            }
            List<String> keys = new ArrayList<>(ResultFiles.keyColumns(s.spec()));
            keys.remove(Columns.POINT);
            List<Map<String, Object>> rows = ResultFiles.rows(s.spec(), s.results(), "results");
            List<String> columns = new ArrayList<>(keys);
            for (String c : Columns.withMeasured(Columns.results(s.spec().kind()), ResultFiles.keyColumns(s.spec()),
                    rows)) {
                if (rows.stream().anyMatch(r -> r.get(c) != null)) {
                    columns.add(c);
                }
            }
            Table table = new Table(columns);
            for (Map<String, Object> row : rows) {
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    Object v = row.get(c);
                    cells.add(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : ResultFiles.cell(v));
                }
                table.add(cells);
            }
            table.print(out);
            out.println();
        }
        out.flush();
    }
}
