package org.opudfa.opu.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

/** Decoding through the identity map checks each encoding's frames and weights. */
class EncodingTest {

    private static final double EXACT = 1e-6;

    @Test
    void thresholdEncodesBinaryInputExactly() {
        float[] v = {0f, 1f, 1f, 0f, 1f};
        FrameEncoding enc = new ThresholdEncoding(5, 0.5);
        EncodedVector out = enc.newEncodedVector();
        enc.encode(v, 0, out);
        assertEquals(1, out.frameCount());
        assertEquals(1.0, out.weight(0), EXACT);
        assertDecodes(out, new double[] {0, 1, 1, 0, 1});
    }

    @Test
    void thresholdKeepsEntriesAboveTauTimesMaxWithTheirMean() {
        float[] v = {4f, 0.5f, 2f, -3f};
        FrameEncoding enc = new ThresholdEncoding(4, 0.25);
        EncodedVector out = enc.newEncodedVector();
        enc.encode(v, 0, out);
        assertDecodes(out, new double[] {3, 0, 3, 0});
    }

    @Test
    void ternarySplitsSignsAndScalesEachByItsMean() {
        float[] v = {0.5f, -0.2f, 0.01f, 0.3f, -0.4f, 0f};
        FrameEncoding enc = new TernaryEncoding(6, 0.1);
        EncodedVector out = enc.newEncodedVector();
        enc.encode(v, 0, out);
        assertEquals(2, out.frameCount());
        assertEquals(0.4, out.weight(0), EXACT);
        assertEquals(-0.3, out.weight(1), EXACT);
        assertDecodes(out, new double[] {0.4, -0.3, 0, 0.4, -0.3, 0});
    }

    @Test
    void ternaryEncodesSignVectorsExactlyAndSkipsEmptyFrames() {
        float[] v = {0f, 2f, 0f, 2f};
        FrameEncoding enc = new TernaryEncoding(4, 0.1);
        EncodedVector out = enc.newEncodedVector();
        enc.encode(v, 0, out);
        assertEquals(1, out.frameCount());
        assertDecodes(out, new double[] {0, 2, 0, 2});
        enc.encode(new float[4], 0, out);
        assertEquals(0, out.frameCount());
    }

    @Test
    void ternaryReadsTheRowAtTheOffset() {
        float[] batch = {9f, 9f, 1f, -1f};
        FrameEncoding enc = new TernaryEncoding(2, 0.1);
        EncodedVector out = enc.newEncodedVector();
        enc.encode(batch, 2, out);
        assertDecodes(out, new double[] {1, -1});
    }

    @Test
    void bitPlanesDecodeWithinHalfAQuantisationStep() {
        int n = 200;
        int p = 5;
        UniformRandomProvider rng = RandomStreams.of(3).stream("test");
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            v[j] = (float) (4.0 * rng.nextDouble() - 2.0);
        }
        BitPlaneEncoding enc = new BitPlaneEncoding(n, p);
        EncodedVector out = enc.newEncodedVector();
        enc.encode(v, 0, out);
        assertTrue(out.frameCount() <= 2 * p);
        double max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        double halfStep = max / ((1 << p) - 1) / 2;
        double[] decoded = new double[n];
        out.decode(decoded);
        for (int j = 0; j < n; j++) {
            assertEquals(v[j], decoded[j], halfStep + EXACT, "entry " + j);
        }
    }

    @Test
    void bitPlanesDecodeTheLargestEntryExactly() {
        float[] v = {-3f, 1f, 0f};
        BitPlaneEncoding enc = new BitPlaneEncoding(3, 3);
        EncodedVector out = enc.newEncodedVector();
        enc.encode(v, 0, out);
        double[] decoded = new double[3];
        out.decode(decoded);
        assertEquals(-3.0, decoded[0], EXACT);
        assertEquals(3.0 * 2 / 7, decoded[1], EXACT);
    }

    @Test
    void typesCreateTheirEncodings() {
        assertEquals(1, EncodingType.THRESHOLD.create(3, 0.1, 4).maxFrames());
        assertEquals(2, EncodingType.TERNARY.create(3, 0.1, 4).maxFrames());
        assertEquals(8, EncodingType.BIT_PLANES.create(3, 0.1, 4).maxFrames());
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TernaryEncoding(4, 1.0));
        assertEquals("encoding threshold τ must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ThresholdEncoding(4, -0.1));
        assertEquals("encoding threshold τ must be in [0, 1), got -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TernaryEncoding(0, 0.1));
        assertEquals("encoding input dimension must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BitPlaneEncoding(4, 17));
        assertEquals("bit-plane precision must be between 1 and 16, got 17", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EncodedVector(0, 4));
        assertEquals("maximum frame count must be at least 1, got 0", e.getMessage());
        EncodedVector full = new EncodedVector(1, 4);
        full.begin().add(0);
        full.end(1.0);
        IllegalStateException s = assertThrows(IllegalStateException.class, full::begin);
        assertEquals("encoded vector holds at most 1 frames", s.getMessage());
    }

    private static void assertDecodes(EncodedVector out, double[] expected) {
        double[] decoded = new double[expected.length];
        out.decode(decoded);
        assertArrayEquals(expected, decoded, EXACT);
    }
}
