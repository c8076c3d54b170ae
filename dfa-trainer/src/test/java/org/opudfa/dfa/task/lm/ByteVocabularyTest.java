package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteVocabularyTest {

    @Test
    void tokensAreTheUtf8Bytes() {
        assertArrayEquals(new int[] {'a', 0xc3, 0xa9, '\n'}, ByteVocabulary.encode("aé\n"));
        assertEquals("aé\n", ByteVocabulary.decode(new int[] {'a', 0xc3, 0xa9, '\n'}, 0, 4));
        assertEquals("é", ByteVocabulary.decode(new int[] {'x', 0xc3, 0xa9}, 1, 2));
    }

    @Test
    void aMalformedSequenceDecodesToTheReplacementCharacter() {
        assertEquals("a\uFFFD", ByteVocabulary.decode(new int[] {'a', 0xc3}, 0, 2));
    }

    @Test
    void refusesIdsThatAreNotBytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ByteVocabulary.decode(new int[] {256}, 0, 1));
        assertEquals("token id 256 is not a byte value in [0, 256)", e.getMessage());
    }
}
