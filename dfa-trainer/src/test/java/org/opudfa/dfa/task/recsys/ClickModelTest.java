package org.opudfa.dfa.task.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.opu.rng.RandomStreams;

/** The click model's nonlinear term: weighted by c, and the only thing c changes. */
class ClickModelTest {

    private static final long SEED = 5;
    private static final int DRAWS = 200;
    /** Double rounding of logits of size ~10, summed in different orders. */
    private static final double LOGIT_TOLERANCE = 1e-9;

    private static double[] logits(double c) {
        RandomStreams streams = RandomStreams.of(SEED);
        ClickModel model = new ClickModel(1000, 0.25, c, streams.stream("model"));
        ClickModel.Draw draw = new ClickModel.Draw(streams.stream("records"));
        double[] z = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            model.sample(draw);
            z[i] = draw.logit - model.offset();
        }
        return z;
    }

    @Test
    void theNonlinearTermIsLinearInItsWeightAndAbsentAtZero() {
        double[] none = logits(0);
        double[] two = logits(2);
        double[] four = logits(4);
        boolean anyDifferent = false;
        for (int i = 0; i < DRAWS; i++) {
            // z(c) − b₀(c) = (the rest) + c·tanh(2s)·s': the step from 2 to 4 equals the step from 0 to 2
            assertEquals(two[i] - none[i], four[i] - two[i], LOGIT_TOLERANCE, "record " + i);
            anyDifferent |= two[i] != none[i];
        }
        assertTrue(anyDifferent, "the term is not zero everywhere");
    }

    @Test
    void theDefaultModelIsTheOneOfTheDefaultWeight() {
        RandomStreams a = RandomStreams.of(SEED);
        RandomStreams b = RandomStreams.of(SEED);
        assertEquals(new ClickModel(1000, 0.25, a.stream("model")).offset(),
                new ClickModel(1000, 0.25, ClickModel.NONLINEAR_WEIGHT, b.stream("model")).offset());
    }

    @Test
    void logsOfTwoWeightsHoldTheSameRecordsWithOtherProbabilities(@TempDir Path dir) throws IOException {
        ClickLogGenerator.Summary usual = ClickLogGenerator.cached(dir.resolve("a"), 400, 3, 100, 0.25,
                ClickModel.NONLINEAR_WEIGHT);
        ClickLogGenerator.Summary none = ClickLogGenerator.cached(dir.resolve("a"), 400, 3, 100, 0.25, 0.0);
        List<String> usualLines = Files.readAllLines(usual.log());
        List<String> noneLines = Files.readAllLines(none.log());
        assertEquals(usualLines.size(), noneLines.size(), "generated again for the other weight");
        assertArrayEquals(usualLines.stream().map(l -> l.substring(1)).toArray(),
                noneLines.stream().map(l -> l.substring(1)).toArray(), "the same fields, record by record");
        assertNotEquals(Files.readAllLines(ClickLogGenerator.generate(dir.resolve("b"), 400, 3, 100, 0.25).probabilities()),
                Files.readAllLines(none.probabilities()));
        assertEquals(ClickLogGenerator.generate(dir.resolve("c"), 400, 3, 100, 0.25, 0.0).testBayesAuc(),
                none.testBayesAuc());
    }

    @Test
    void refusesAWeightOutOfRange() {
        RandomStreams streams = RandomStreams.of(SEED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClickModel(1000, 0.25, -1, streams.stream("model")));
        assertTrue(e.getMessage().contains("nonlinear term"), e.getMessage());
    }
}
