package org.opudfa.dfa.task.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated click logs: the format the reader takes, reproducible from the seed, calibrated, with true probabilities. */
class ClickLogGeneratorTest {

    private static final int ROWS = 20_000;
    /**
     * Click rate of 20 000 records against the calibrated 0.25: its standard deviation is
     * √(0.25·0.75/20 000) ≈ 0.003, plus the calibration's own error on 20 000 draws; 0.015 is five
     * deviations of both.
     */
    private static final double CLICK_RATE_TOLERANCE = 0.015;
    /**
     * Where the default model's Bayes-optimal AUC lies (0.864 and 0.870 on the recsys experiment's
     * quick and full logs).
     */
    private static final double BAYES_AUC_LOW = 0.7;
    private static final double BAYES_AUC_HIGH = 0.9;

    @Test
    void sameSeedSameBytesOtherSeedOtherLog(@TempDir Path dir) throws IOException {
        ClickLogGenerator.Summary a = ClickLogGenerator.generate(dir.resolve("a"), 500, 7, 1000, 0.25);
        ClickLogGenerator.Summary b = ClickLogGenerator.generate(dir.resolve("b"), 500, 7, 1000, 0.25);
        ClickLogGenerator.Summary c = ClickLogGenerator.generate(dir.resolve("c"), 500, 8, 1000, 0.25);
        assertArrayEquals(Files.readAllBytes(a.log()), Files.readAllBytes(b.log()));
        assertArrayEquals(Files.readAllBytes(a.probabilities()), Files.readAllBytes(b.probabilities()));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.log()), Files.readAllBytes(c.log())));
    }

    @Test
    void writesRecordsTheReaderTakesWithOneTrueProbabilityEach(@TempDir Path dir) throws IOException {
        ClickLogGenerator.Summary s = ClickLogGenerator.generate(dir, ROWS, 3, 20_000, 0.25);
        assertEquals(dir.resolve(ClickLogGenerator.LOG_FILE), s.log());
        assertEquals(ClickLogGenerator.probabilityFile(s.log()), s.probabilities());
        ClickLogFile log = ClickLogFile.scan(s.log());
        assertEquals(ROWS, log.lines());
        List<String> probabilities = Files.readAllLines(s.probabilities());
        assertEquals(ROWS, probabilities.size());
        assertTrue(probabilities.stream().mapToDouble(Double::parseDouble).allMatch(p -> p > 0 && p < 1));
        assertEquals(0.25, s.clickRate(), CLICK_RATE_TOLERANCE);
        assertTrue(s.testBayesAuc() > BAYES_AUC_LOW && s.testBayesAuc() < BAYES_AUC_HIGH, "" + s.testBayesAuc());
        // every record parses, some fields are missing, and categories follow a power law: the most
        // frequent value of a large field is far more common than the median one
        ClickVocabulary v = ClickVocabulary.build(log, 0, ROWS, 1);
        long withEmptyFields = Files.readAllLines(s.log()).stream().filter(l -> l.contains("\t\t") || l.endsWith("\t"))
                .count();
        assertTrue(withEmptyFields > ROWS / 2, "missing values: " + withEmptyFields + " records have empty fields");
        assertTrue(v.size() > ClickLogFormat.FIELDS * 3);
        assertTrue(ClickVocabulary.build(log, 0, ROWS, 50).size() < v.size() / 2,
                "power-law frequencies: most values are rare");
    }

    @Test
    void aCachedLogIsReusedOnlyForTheSameSettings(@TempDir Path dir) throws IOException {
        ClickLogGenerator.Summary first = ClickLogGenerator.cached(dir, 300, 4, 100, 0.25, ClickModel.NONLINEAR_WEIGHT);
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(first.log());
        ClickLogGenerator.Summary again = ClickLogGenerator.cached(dir, 300, 4, 100, 0.25, ClickModel.NONLINEAR_WEIGHT);
        assertEquals(first, again);
        assertEquals(written, Files.getLastModifiedTime(again.log()), "not generated again");
        ClickLogGenerator.Summary other = ClickLogGenerator.cached(dir, 300, 5, 100, 0.25, ClickModel.NONLINEAR_WEIGHT);
        assertEquals(ClickLogGenerator.generate(dir.resolve("direct"), 300, 5, 100, 0.25).testBayesAuc(),
                other.testBayesAuc());
    }

    @Test
    void aCachedLogOfAnotherModelVersionIsGeneratedAgain(@TempDir Path dir) throws IOException {
        ClickLogGenerator.Summary first = ClickLogGenerator.cached(dir, 300, 4, 100, 0.25, ClickModel.NONLINEAR_WEIGHT);
        Path summary = dir.resolve(ClickLogGenerator.SUMMARY_FILE);
        String recorded = Files.readString(summary);
        String older = recorded.replace("model=" + ClickModel.VERSION, "model=" + (ClickModel.VERSION - 1));
        Files.writeString(summary, older);
        Files.writeString(first.log(), "a log of the older model\n");
        ClickLogGenerator.Summary again = ClickLogGenerator.cached(dir, 300, 4, 100, 0.25, ClickModel.NONLINEAR_WEIGHT);
        assertEquals(first, again);
        assertEquals(recorded, Files.readString(summary));
        assertEquals(300, Files.readAllLines(again.log()).size(), "generated again");
    }

    @Test
    void runsAskingForTheSameLogAtOnceShareOneGeneration(@TempDir Path dir) throws Exception {
        int runs = 3;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(runs);
        try {
            java.util.List<java.util.concurrent.Future<ClickLogGenerator.Summary>> done = new java.util.ArrayList<>();
            for (int i = 0; i < runs; i++) {
                done.add(pool.submit(() -> ClickLogGenerator.cached(dir, 2_000, 4, 100, 0.25, ClickModel.NONLINEAR_WEIGHT)));
            }
            ClickLogGenerator.Summary first = done.get(0).get();
            for (java.util.concurrent.Future<ClickLogGenerator.Summary> f : done) {
                assertEquals(first, f.get());
            }
        } finally {
            pool.shutdown();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(ClickLogGenerator.SUMMARY_FILE, ClickLogGenerator.PROBABILITY_FILE,
                    ClickLogGenerator.LOG_FILE).stream().sorted().toList(),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no partial files left");
        }
    }

    @Test
    void refusesTooFewRowsAndBadSettings(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> ClickLogGenerator.generate(dir, 9, 1, 100, 0.25));
        assertThrows(IllegalArgumentException.class, () -> ClickLogGenerator.generate(dir, 100, 1, 2, 0.25));
        assertThrows(IllegalArgumentException.class, () -> ClickLogGenerator.generate(dir, 100, 1, 100, 1.0));
    }
}
