package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumberTextTest {

    @Test
    void ordinaryMagnitudesKeepTheirDecimals() {
        assertEquals("2.5000", NumberText.fixed(2.5, 4));
        assertEquals("-17.25", NumberText.fixed(-17.25, 2));
        assertEquals("18731", NumberText.fixed(18_731.4, 0));
        assertEquals("999999999.0", NumberText.fixed(999_999_999.0, 1));
    }

    @Test
    void hugeMagnitudesPrintInScientificNotation() {
        assertEquals("6.388e+31", NumberText.fixed(63880130166634780000000000000000.0, 4));
        assertEquals("-6.388e+31", NumberText.fixed(-63880130166634780000000000000000.0, 0));
        assertEquals("1.000e+09", NumberText.fixed(NumberText.HUGE, 2));
    }

    @Test
    void nonFiniteValuesAreSpelledOut() {
        assertEquals("NaN", NumberText.fixed(Double.NaN, 4));
        assertEquals("Infinity", NumberText.fixed(Double.POSITIVE_INFINITY, 4));
    }
}
