package org.opudfa.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

class GemmShapeTest {

    private static final double EXACT = 0.0;
    private static final long SEED = 5L;

    @Test
    void parsesFlagsAndDimensionsAndWritesThemBack() {
        GemmShape s = GemmShape.parse("TN_1024x784x128");
        assertTrue(s.transA());
        assertFalse(s.transB());
        assertEquals(1024, s.m());
        assertEquals(784, s.n());
        assertEquals(128, s.k());
        assertEquals("TN_1024x784x128", s.name());
        assertEquals(2.0 * 1024 * 784 * 128, s.flops(), EXACT);
    }

    @Test
    void standardShapesAreTheSquareReferenceAndTheTrainerProducts() {
        assertEquals(List.of("NN_1024x1024x1024", "NT_128x1024x784", "NN_128x1024x1024", "TN_1024x784x128",
                "NT_128x2048x10"), GemmShape.STANDARD.stream().map(GemmShape::name).toList());
    }

    @Test
    void operandsAreStoredAsTheFlagsSay() {
        GemmShape s = GemmShape.parse("TT_3x4x5");
        FMatrixRMaj a = s.randomA(RandomStreams.of(SEED).stream("a"));
        FMatrixRMaj b = s.randomB(RandomStreams.of(SEED).stream("b"));
        assertEquals(5, a.numRows);
        assertEquals(3, a.numCols);
        assertEquals(4, b.numRows);
        assertEquals(5, b.numCols);
        assertEquals(3, s.newC().numRows);
        assertEquals(4, s.newC().numCols);
        for (float v : a.data) {
            assertTrue(v >= -1f && v <= 1f, "entry " + v + " outside [-1, 1]");
        }
    }

    @Test
    void rejectsAMalformedName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("NX_1x2x3"));
        assertEquals("GEMM shape must be written like NT_128x1024x784 (N or T for A and B, then MxNxK), got 'NX_1x2x3'",
                e.getMessage());
    }

    @Test
    void rejectsNonNumericDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("NN_1x2xq"));
        assertEquals("GEMM shape dimensions must be whole numbers, got 'NN_1x2xq'", e.getMessage());
    }

    @Test
    void rejectsAZeroDimension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("NN_1x0x3"));
        assertEquals("GEMM dimension n must be at least 1, got 0", e.getMessage());
    }
}
