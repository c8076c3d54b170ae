package org.opudfa.opu.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinaryFrameTest {

    @Test
    void holdsTheOnFeaturesInOrder() {
        BinaryFrame frame = BinaryFrame.of(10, 1, 4, 9);
        assertEquals(3, frame.count());
        assertEquals(4, frame.one(1));
        frame.clear();
        assertEquals(0, frame.count());
    }

    @Test
    void overlapCountsCommonFeatures() {
        BinaryFrame a = BinaryFrame.of(10, 0, 2, 3, 7);
        BinaryFrame b = BinaryFrame.of(10, 2, 5, 7, 8);
        assertEquals(2, a.overlap(b));
        assertEquals(2, b.overlap(a));
    }

    @Test
    void rejectsFeaturesOutOfRange() {
        BinaryFrame frame = new BinaryFrame(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frame.add(5));
        assertEquals("frame feature must be between 0 and 4, got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> frame.add(-1));
        assertEquals("frame feature must be between 0 and 4, got -1", e.getMessage());
    }

    @Test
    void rejectsFeaturesOutOfOrder() {
        BinaryFrame frame = BinaryFrame.of(5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frame.add(3));
        assertEquals("frame features must be added in ascending order, got 3 after 3", e.getMessage());
    }

    @Test
    void rejectsEmptyDimension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinaryFrame(0));
        assertEquals("frame dimension must be at least 1, got 0", e.getMessage());
    }
}
