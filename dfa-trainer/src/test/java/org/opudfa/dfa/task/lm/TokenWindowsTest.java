package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.opu.rng.RandomStreams;

class TokenWindowsTest {

    private static byte[] text(int n) {
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = (byte) (i * 7 % 251);
        }
        return t;
    }

    private static TokenWindows training(byte[] text) {
        return TokenWindows.random(text, 8, 3, 5, RandomStreams.of(4).stream("data"));
    }

    private static int[] ids(Feed feed, Feed.Key<Labels> key) {
        Labels l = feed.get(key);
        return java.util.Arrays.copyOf(l.ids(), l.size());
    }

    @Test
    void trainingWindowsPredictTheNextTokenOfTheText() {
        byte[] t = text(500);
        TokenWindows w = training(t);
        Feed feed = w.newFeed();
        assertTrue(w.next(feed));
        int[] in = ids(feed, TokenWindows.TOKENS);
        int[] next = ids(feed, TokenWindows.NEXT_TOKENS);
        assertEquals(24, in.length);
        assertEquals(3, feed.get(TokenWindows.SEQUENCES).count());
        assertEquals(8, feed.get(TokenWindows.SEQUENCES).length());
        assertEquals(24, w.items(feed));
        assertEquals("tokens", w.itemName());
        for (int b = 0; b < 3; b++) {
            int start = -1;
            for (int s = 0; s + 8 < t.length && start < 0; s++) {
                boolean match = true;
                for (int k = 0; k < 8 && match; k++) {
                    match = (t[s + k] & 0xff) == in[b * 8 + k];
                }
                start = match ? s : -1;
            }
            assertTrue(start >= 0, "window " + b + " is a piece of the text");
            for (int k = 0; k < 8; k++) {
                assertEquals(t[start + k + 1] & 0xff, next[b * 8 + k], "target " + k + " of window " + b);
            }
        }
    }

    @Test
    void anEpochIsItsNumberOfBatches() {
        TokenWindows w = training(text(500));
        Feed feed = w.newFeed();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int b = 0; b < 5; b++) {
                assertTrue(w.next(feed));
            }
            assertFalse(w.next(feed), "end of epoch " + epoch);
        }
        assertEquals(new MiniBatches.State(2, 0, w.saveState().rngState()).epoch(), w.saveState().epoch());
        assertEquals(50, TokenWindows.batchesForOnePass(1200, 8, 3));
        assertEquals(1, TokenWindows.batchesForOnePass(10, 8, 3));
    }

    /** The state saved after some batches of an epoch resumes the same windows in a fresh source. */
    @Test
    void resumesExactlyMidEpoch() {
        byte[] t = text(800);
        TokenWindows uninterrupted = training(t);
        Feed feed = uninterrupted.newFeed();
        List<int[]> expected = new ArrayList<>();
        MiniBatches.State saved = null;
        while (expected.size() < 12) {
            if (expected.size() == 7 && saved == null) {
                saved = uninterrupted.saveState();
            }
            if (uninterrupted.next(feed)) {
                expected.add(ids(feed, TokenWindows.TOKENS));
            }
        }
        // the state was taken after 7 batches: the 5 of the first epoch, then 2 of the second
        assertEquals(1, saved.epoch());
        assertEquals(2, saved.position());
        TokenWindows resumed = training(t);
        resumed.restoreState(saved);
        Feed other = resumed.newFeed();
        int b = 7;
        while (b < expected.size()) {
            if (resumed.next(other)) {
                assertArrayEquals(expected.get(b), ids(other, TokenWindows.TOKENS), "batch " + b);
                b++;
            }
        }
        assertNotEquals(0, saved.rngState().length);
    }

    @Test
    void coveringWindowsPredictEveryTokenButTheFirstOnce() {
        byte[] t = text(45);
        TokenWindows w = TokenWindows.covering(t, 8, 2);
        assertEquals(3, w.batchesPerEpoch(), "44 targets need 6 windows of 8, 2 per batch");
        int[] seen = new int[t.length];
        Feed feed = w.newFeed();
        int batches = 0;
        while (w.next(feed)) {
            batches++;
            Labels in = feed.get(TokenWindows.TOKENS);
            Labels next = feed.get(TokenWindows.NEXT_TOKENS);
            int windows = feed.get(TokenWindows.SEQUENCES).count();
            for (int b = 0; b < windows; b++) {
                int start = -1;
                for (int s = 0; s + 8 < t.length && start < 0; s++) {
                    boolean match = true;
                    for (int k = 0; k < 8 && match; k++) {
                        match = (t[s + k] & 0xff) == in.get(b * 8 + k);
                    }
                    start = match ? s : -1;
                }
                for (int k = 0; k < 8; k++) {
                    int y = next.get(b * 8 + k);
                    if (y != Labels.IGNORE) {
                        assertEquals(t[start + k + 1] & 0xff, y);
                        seen[start + k + 1]++;
                    }
                }
            }
        }
        assertEquals(3, batches);
        assertEquals(0, seen[0]);
        for (int i = 1; i < t.length; i++) {
            assertEquals(1, seen[i], "token " + i + " is predicted once");
        }
    }

    @Test
    void refusesTextShorterThanAWindowAndForeignStates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenWindows.covering(text(8), 8, 1));
        assertEquals("a window of 8 tokens and its next token need 9 tokens of text, got 8", e.getMessage());
        TokenWindows w = training(text(100));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> w.restoreState(new MiniBatches.State(0, 6, w.saveState().rngState())));
        assertEquals("the saved position, batch 6, is beyond the 5 batches of an epoch", p.getMessage());
        TokenWindows eval = TokenWindows.covering(text(100), 8, 1);
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> eval.restoreState(w.saveState()));
        assertEquals("an evaluation source has no generator state to restore, got " + w.saveState().rngState().length
                + " bytes", r.getMessage());
    }
}
