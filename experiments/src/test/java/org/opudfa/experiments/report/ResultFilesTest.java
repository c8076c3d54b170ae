package org.opudfa.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opudfa.experiments.run.PointResult;
import org.opudfa.experiments.spec.SweepSpec;

class ResultFilesTest {

    @Test
    void cellsAreLocaleIndependentWithSixSignificantDigits() {
        assertEquals("", ResultFiles.cell(null));
        assertEquals("0.123457", ResultFiles.cell(0.1234567));
        assertEquals("1.00000e+07", ResultFiles.cell(1e7));
        assertEquals("42", ResultFiles.cell(42));
        assertEquals("12345678901", ResultFiles.cell(12345678901L));
        assertEquals("true", ResultFiles.cell(true));
        assertEquals("256;128", ResultFiles.cell(List.of(256, 128)));
    }

    @Test
    void csvQuotesCellsThatNeedIt() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("a", "x,y");
        row.put("b", "say \"hi\"");
        assertEquals("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\n", ResultFiles.csv(List.of("a", "b", "c"), List.of(row)));
        assertEquals(3, ResultsCheck.cells("\"x,y\",\"say \"\"hi\"\"\","));
    }

    private static SweepSpec spec(String text) throws Exception {
        return SweepSpec.parse(new ObjectMapper().readTree(text.replace('\'', '"')), "s");
    }

    /** One point per epoch count, each with its epochs numbered from 1. */
    private static List<PointResult> withEpochs(SweepSpec s, int... epochs) {
        List<PointResult> out = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int e = 1; e <= epochs[i]; e++) {
                rows.add(Map.of("epoch", e, "train_loss", 1.0 / e));
            }
            out.add(new PointResult(s.points().get(i), Map.of(), Map.of(), rows, "", Map.of()));
        }
        return out;
    }

    @Test
    void epochsEveryKeepsTheFirstEveryKthAndEachPointsLastEpoch() throws Exception {
        SweepSpec s = spec("{'kind':'training','base':{'epochs':23},'grid':{'seed':[0,1]},'epochsEvery':10}");
        assertEquals(10, s.epochsEvery());
        List<Object> kept = ResultFiles.rows(s, withEpochs(s, 23, 20), "epochs").stream()
                .map(r -> r.get("epoch")).toList();
        assertEquals(List.of(1, 10, 20, 23, 1, 10, 20), kept);
        SweepSpec every = spec("{'kind':'training','base':{'epochs':3},'grid':{'seed':[0]}}");
        assertEquals(1, every.epochsEvery());
        assertEquals(3, ResultFiles.rows(every, withEpochs(every, 3), "epochs").size());
    }

    @Test
    void epochsEveryMustBeAWholeNumberOfAtLeastOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec("{'kind':'training','base':{'epochs':3},'grid':{'seed':[0]},'epochsEvery':0}"));
        assertEquals("epochsEvery must be a whole number of at least 1, got 0", e.getMessage());
    }
}
