package org.opudfa.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opudfa.experiments.run.PointResult;
import org.opudfa.experiments.run.SweepOutcome;
import org.opudfa.experiments.spec.SummarySpec;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

/** Means and standard deviations over repeats, their table and their chart columns. */
class RepeatSummaryTest {

    private static final double EXACT = 1e-12;

    private static SweepSpec spec(String text) throws Exception {
        return SweepSpec.parse(new ObjectMapper().readTree(text.replace('\'', '"')), "s");
    }

    private static final String SPEC = "{'kind':'training','base':{'epochs':1},"
            + "'points':[{'label':'BP','method':'bp'},{'label':'DFA','method':'dfa'}],"
            + "'grid':{'seed':[0,1,2]},"
            + "'summary':{'over':'seed','columns':['test_accuracy','test_auc']},"
            + "'plots':[{'file':'m.png','title':'t','source':'summary','x':'label','xLabel':'rule',"
            + "'y':['test_auc'],'yLabel':'AUC'}]}";

    /** Test accuracy and AUC of BP over seeds 0–2, then DFA's (whose third run measured no AUC). */
    private static List<PointResult> results(SweepSpec s) {
        double[][] values = {{0.80, 0.9}, {0.82, 0.7}, {0.84, 0.8}, {0.70, 0.5}, {0.70, 0.6}, {0.70, Double.NaN}};
        List<PointResult> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            SweepPoint p = s.points().get(i);
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("test_accuracy", values[i][0]);
            r.put("test_auc", Double.isNaN(values[i][1]) ? null : values[i][1]);
            out.add(new PointResult(p, r, Map.of(), List.of(), "", Map.of()));
        }
        return out;
    }

    @Test
    void groupsRepeatsByLabelAndOtherParameters() throws Exception {
        SweepSpec s = spec(SPEC);
        assertEquals(new SummarySpec("seed", List.of("test_accuracy", "test_auc")), s.summary());
        List<Map<String, Object>> rows = RepeatSummary.rows(s, results(s));
        assertEquals(2, rows.size());
        Map<String, Object> bp = rows.get(0);
        assertEquals("BP", bp.get("label"));
        assertEquals(0.82, (Double) bp.get("test_accuracy"), EXACT);
        assertEquals(0.02, (Double) bp.get("test_accuracy_std"), EXACT);
        assertEquals(0.8, (Double) bp.get("test_auc"), EXACT);
        assertEquals(0.1, (Double) bp.get("test_auc_std"), EXACT);
        assertEquals(3, bp.get("runs"));
        Map<String, Object> dfa = rows.get(1);
        assertEquals(0.0, (Double) dfa.get("test_accuracy_std"), EXACT);
        assertEquals(0.55, (Double) dfa.get("test_auc"), EXACT, "the mean of the runs that measured it");
        assertEquals(List.of("label", "method", "test_accuracy", "test_accuracy_std", "test_auc", "test_auc_std",
                "runs"), RepeatSummary.columns(s));
    }

    @Test
    void aSingleRepeatHasNoDeviation() throws Exception {
        SweepSpec s = spec(SPEC.replace("[0,1,2]", "[0]"));
        List<PointResult> one = new ArrayList<>();
        one.add(new PointResult(s.points().get(0), Map.of("test_accuracy", 0.5), Map.of(), List.of(), "", Map.of()));
        Map<String, Object> row = RepeatSummary.rows(s, one).get(0);
        assertEquals(0.5, (Double) row.get("test_accuracy"), EXACT);
        assertNull(row.get("test_accuracy_std"));
        assertNull(row.get("test_auc"));
    }

    @Test
    void markdownShowsMeanPlusMinusDeviation() throws Exception {
        SweepSpec s = spec(SPEC);
        String md = ResultsMarkdown.render("t", "", "cmd", List.of(new SweepOutcome(s, java.nio.file.Path.of("s"), results(s), 0)), "");
        assertTrue(md.contains("| BP | bp | 0.8200 ± 0.02000 | 0.8000 ± 0.1000 | 3 |"), md);
        assertTrue(md.contains("Mean ± sample standard deviation over the values of `seed`"), md);
    }

    @Test
    void refusesASummaryOverAParameterThatIsNotInTheGridOrOfUnknownColumns() {
        String over = assertThrows(IllegalArgumentException.class,
                () -> spec(SPEC.replace("'over':'seed'", "'over':'method'"))).getMessage();
        assertEquals("summary.over names 'method', which is not a grid parameter of the sweep; grid: seed", over);
        String column = assertThrows(IllegalArgumentException.class,
                () -> spec(SPEC.replace("'test_auc']", "'auc']"))).getMessage();
        assertTrue(column.startsWith("summary.columns[1] names 'auc', which is not a result column"), column);
        String source = assertThrows(IllegalArgumentException.class,
                () -> spec(SPEC.replace(",'summary':{'over':'seed','columns':['test_accuracy','test_auc']}", "")))
                .getMessage();
        assertTrue(source.startsWith("plots[0].source must be results or epochs, got 'summary'"), source);
    }
}
