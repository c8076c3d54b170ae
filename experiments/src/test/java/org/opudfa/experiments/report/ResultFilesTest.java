package org.opudfa.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
