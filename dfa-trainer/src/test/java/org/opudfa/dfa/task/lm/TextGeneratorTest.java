package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.optim.OptimizerState;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.opu.kernel.Gemm;

class TextGeneratorTest {

    private static final int LENGTH = 60;

    @TempDir
    static Path dir;

    private static Checkpoint trained;

    @BeforeAll
    static void train() {
        try (Trainer t = new Trainer(LmTask.INSTANCE.build(LmFixtures.small(LmFixtures.text(dir, 4000), Method.BP)))) {
            t.run(TrainingListener.NONE, null);
            trained = t.checkpoint();
        }
    }

    private static TextGenerator generator() {
        return TextGenerator.fromCheckpoint(trained, Gemm.singleThreaded());
    }

    @Test
    void theSameSeedGivesTheSameText() {
        int[] a = generator().generate("the cat", LENGTH, 1.0, 42);
        int[] b = generator().generate("the cat", LENGTH, 1.0, 42);
        assertArrayEquals(a, b);
        assertEquals(LENGTH, a.length);
        assertFalse(java.util.Arrays.equals(a, generator().generate("the cat", LENGTH, 1.0, 43)),
                "another seed draws another text");
    }

    @Test
    void zeroTemperatureTakesTheMostLikelyTokenWhateverTheSeed() {
        TextGenerator g = generator();
        int[] greedy = g.generate("the", 20, 0.0, 1);
        assertArrayEquals(greedy, g.generate("the", 20, 0.0, 2));
        int[] prompt = ByteVocabulary.encode("the");
        Feed feed = new Feed().put(TokenWindows.TOKENS, Labels.of(prompt))
                .put(TokenWindows.SEQUENCES, new Sequences().set(1, prompt.length));
        FMatrixRMaj logits = g.model().forward(feed, false);
        int best = 0;
        for (int j = 1; j < logits.numCols; j++) {
            if (logits.get(prompt.length - 1, j) > logits.get(prompt.length - 1, best)) {
                best = j;
            }
        }
        assertEquals(best, greedy[0]);
    }

    @Test
    void theCheckpointsModelGivesTheTrainedModelsText() {
        try (Trainer t = new Trainer(LmTask.INSTANCE.build(LmFixtures.small(LmFixtures.text(dir, 4000), Method.BP)))) {
            t.run(TrainingListener.NONE, null);
            int[] direct = new TextGenerator(t.model(), 16).generate("a dog", LENGTH, 0.8, 5);
            assertArrayEquals(direct, generator().generate("a dog", LENGTH, 0.8, 5));
        }
    }

    @Test
    void readsTheLastContextTokensOfALongPromptAndStartsAnEmptyOneAfterALineBreak() {
        TextGenerator g = generator();
        String tail = "the cat sat on a mat";
        String longer = "and dog ran to its bed while birds sang. " + tail;
        assertEquals(16, g.context());
        assertArrayEquals(g.generate(tail.substring(tail.length() - 16), 10, 0.0, 0),
                g.generate(longer, 10, 0.0, 0), "only the last 16 tokens are read");
        assertArrayEquals(g.generate("\n", 10, 0.7, 9), g.generate("", 10, 0.7, 9));
        assertEquals(0, g.generate("x", 0, 1.0, 0).length);
    }

    @Test
    void refusesACheckpointOfAnotherTaskAndBadArguments() {
        Checkpoint mlp = new Checkpoint(Map.of("hidden", List.of(8)), 0, List.of(), Map.of(),
                new OptimizerState("adam", 0, Map.of()), new MiniBatches.State(0, 0, new byte[0]), new byte[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextGenerator.fromCheckpoint(mlp, Gemm.singleThreaded()));
        assertEquals("the checkpoint was not written by a language-model run (train one with --task lm)",
                e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> generator().generate("x", 1, -1, 0));
        assertEquals("the temperature must be at least 0 and finite, got -1.0", t.getMessage());
    }
}
