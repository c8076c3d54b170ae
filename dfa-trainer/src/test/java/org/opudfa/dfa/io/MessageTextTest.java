package org.opudfa.dfa.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void shortTextIsShownWhole() {
        assertEquals("abc", MessageText.abbreviate("abc"));
        assertEquals("x".repeat(MessageText.QUOTE_LIMIT), MessageText.abbreviate("x".repeat(MessageText.QUOTE_LIMIT)));
        assertEquals("null", MessageText.abbreviate(null));
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        String digits = "7".repeat(10_000_000);
        assertEquals("7".repeat(MessageText.QUOTE_LIMIT) + MessageText.ELLIPSIS, MessageText.abbreviate(digits));
    }

    @Test
    void controlCharactersBecomeSpaces() {
        assertEquals("a b c d", MessageText.abbreviate("a\nb\rc\u001bd"));
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNotCutInHalf() {
        String text = "x".repeat(MessageText.QUOTE_LIMIT - 1) + "\ud83d\ude00" + "tail";
        assertEquals("x".repeat(MessageText.QUOTE_LIMIT - 1) + MessageText.ELLIPSIS, MessageText.abbreviate(text));
    }
}
