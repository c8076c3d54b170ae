package org.opudfa.dfa.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

class MetricTest {

    private static final double EXACT = 1e-12;
    private static final double FLOAT_SUMS = 1e-9;
    private static final Feed.Key<FMatrixRMaj> BINARY = Feed.Key.of("clicks", FMatrixRMaj.class);
    private static final Feed.Key<Labels> TOKENS = Feed.Key.of("next", Labels.class);

    private static FMatrixRMaj column(float... values) {
        return new FMatrixRMaj(values.length, 1, true, values);
    }

    /** AUC by counting every positive-negative pair, ties half. */
    private static double bruteForceAuc(float[] s, float[] y) {
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < s.length; p++) {
            for (int q = 0; q < s.length; q++) {
                if (y[p] == 1f && y[q] == 0f) {
                    pairs++;
                    wins += s[p] > s[q] ? 1 : s[p] == s[q] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void aucMatchesBruteForcePairCountWithTiesOverSeveralBatches() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rng.nextInt(60);
            float[] s = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = rng.nextInt(6); // few distinct scores: many ties
                y[i] = rng.nextBoolean() ? 1f : 0f;
            }
            y[0] = 1f;
            y[1] = 0f;
            Auc auc = new Auc(BINARY);
            auc.reset();
            int half = n / 2;
            auc.add(column(java.util.Arrays.copyOfRange(s, 0, half)),
                    new Feed().put(BINARY, column(java.util.Arrays.copyOfRange(y, 0, half))));
            auc.add(column(java.util.Arrays.copyOfRange(s, half, n)),
                    new Feed().put(BINARY, column(java.util.Arrays.copyOfRange(y, half, n))));
            assertEquals(bruteForceAuc(s, y), auc.value(), EXACT, "trial " + trial);
        }
    }

    @Test
    void aucIsUndefinedWithOneClassAndRejectsNonBinaryLabels() {
        Auc auc = new Auc(BINARY);
        auc.add(column(1f, 2f), new Feed().put(BINARY, column(1f, 1f)));
        assertTrue(Double.isNaN(auc.value()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> auc.add(column(1f), new Feed().put(BINARY, column(0.5f))));
        assertTrue(e.getMessage().contains("labels of 0 or 1"), e.getMessage());
    }

    @Test
    void averagePrecisionKnownAnswers() {
        AveragePrecision ap = new AveragePrecision(BINARY);
        // ranked: 0.9 (+), 0.8 (-), 0.7 (+), 0.1 (-): AP = ½·1 + ½·(2/3)
        ap.add(column(0.9f, 0.8f, 0.7f, 0.1f), new Feed().put(BINARY, column(1f, 0f, 1f, 0f)));
        assertEquals(0.5 + 0.5 * 2.0 / 3.0, ap.value(), EXACT);
        ap.reset();
        // a tie of one positive and one negative at the top: both enter together, precision ½
        ap.add(column(0.5f, 0.5f, 0.1f), new Feed().put(BINARY, column(1f, 0f, 0f)));
        assertEquals(0.5, ap.value(), EXACT);
    }

    @Test
    void logLossKnownAnswer() {
        LogLoss loss = new LogLoss(BINARY);
        loss.add(column(0f, 2f), new Feed().put(BINARY, column(1f, 0f)));
        assertEquals((Math.log(2) + 2 + Math.log1p(Math.exp(-2))) / 2, loss.value(), FLOAT_SUMS);
    }

    @Test
    void bitsPerCharacterAndPerplexityOfUniformLogits() {
        FMatrixRMaj logits = new FMatrixRMaj(3, 4); // uniform over 4 symbols: 2 bits, perplexity 4
        Feed feed = new Feed().put(TOKENS, Labels.of(0, Labels.IGNORE, 3));
        BitsPerCharacter bpc = new BitsPerCharacter(TOKENS);
        Perplexity ppl = new Perplexity(TOKENS);
        bpc.add(logits, feed);
        ppl.add(logits, feed);
        assertEquals(2.0, bpc.value(), FLOAT_SUMS);
        assertEquals(4.0, ppl.value(), FLOAT_SUMS);
    }

    @Test
    void psnrOfAConstantError() {
        Feed.Key<FMatrixRMaj> rgb = Feed.Key.of("rgb", FMatrixRMaj.class);
        Psnr psnr = new Psnr(rgb);
        FMatrixRMaj prediction = new FMatrixRMaj(2, 3);
        FMatrixRMaj truth = new FMatrixRMaj(2, 3);
        java.util.Arrays.fill(truth.data, 0.1f); // MSE 0.01: 20 dB
        psnr.add(prediction, new Feed().put(rgb, truth));
        assertEquals(20.0, psnr.value(), 1e-5);
    }
}
