package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.opu.rng.RandomStreams;

/** The divergence rule on synthetic loss sequences. */
class DivergenceGuardTest {

    private static final long SEED = 17;
    /** Classes of the cross-entropy examples, as in Fashion-MNIST. */
    private static final int CLASSES = 10;
    /** Steps of the synthetic training curves. */
    private static final int STEPS = 5000;
    /** Tolerance for thresholds computed from sums of a few losses. */
    private static final double TOLERANCE = 1e-12;
    /** Synthetic curves tried. */
    private static final int CURVES = 20;
    /** Relative spread of the batch noise around the curve. */
    private static final double NOISE = 0.3;
    /** A spike multiplies the loss by this, on one step in {@link #SPIKE_ONE_IN} on average. */
    private static final double SPIKE = 3;
    private static final int SPIKE_ONE_IN = 200;
    /** The level the curves decay towards. */
    private static final double FLOOR = 0.05;

    @Test
    void crossEntropyBoundIsTenTimesTheUniformLossPlusTheMargin() {
        assertEquals(SoftmaxCrossEntropy.UNIFORM_LOSS_MULTIPLE * Math.log(CLASSES) + SoftmaxCrossEntropy.CROSS_ENTROPY_MARGIN,
                new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(CLASSES), TOLERANCE);
        assertEquals(SoftmaxCrossEntropy.CROSS_ENTROPY_MARGIN, new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(1), TOLERANCE);
        assertTrue(new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(2) > DivergenceGuard.GROWTH_FACTOR * Math.log(2),
                "two classes: above ten times the uniform loss");
    }

    /**
     * Noisy decreasing cross-entropy curves, as training produces them (from ln k down towards 0,
     * with batch noise and occasional spikes of three times the current level), never trip it.
     */
    @Test
    void noisyDecreasingCurvesWithSpikesNeverDiverge() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("test.curve");
        for (int curve = 0; curve < CURVES; curve++) {
            DivergenceGuard guard = new DivergenceGuard(new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(CLASSES));
            double start = Math.log(CLASSES) * (1 + rng.nextDouble());
            double decay = 1e-4 + 1e-3 * rng.nextDouble();
            for (int s = 0; s < STEPS; s++) {
                double level = start * Math.exp(-decay * s) + FLOOR;
                double noise = 1 + NOISE * (rng.nextDouble() - 0.5);
                double spike = rng.nextInt(SPIKE_ONE_IN) == 0 ? SPIKE : 1;
                double loss = level * noise * spike;
                assertFalse(guard.diverges(loss), "curve " + curve + ", step " + (s + 1) + ", loss " + loss);
            }
        }
    }

    @Test
    void nonFiniteLossesDivergeAtOnce() {
        for (double loss : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertTrue(new DivergenceGuard(new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(CLASSES)).diverges(loss),
                    "with a bound: " + loss);
            assertTrue(new DivergenceGuard(0).diverges(loss), "without a bound: " + loss);
        }
    }

    @Test
    void beforeTheReferenceOnlyTheBoundApplies() {
        double bound = new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(CLASSES);
        DivergenceGuard guard = new DivergenceGuard(bound);
        assertEquals(bound, guard.threshold());
        assertFalse(guard.diverges(bound), "a loss at the bound is allowed");
        assertTrue(guard.diverges(Math.nextUp(bound)), "a loss above it is not, from the first steps on");

        DivergenceGuard unbounded = new DivergenceGuard(0);
        assertEquals(Double.POSITIVE_INFINITY, unbounded.threshold());
        assertFalse(unbounded.diverges(1e300), "no scale known yet: any finite loss passes");
    }

    @Test
    void afterTheReferenceTheLargerOfTheGrowthAndTheBoundApplies() {
        double bound = new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(CLASSES);
        double low = 1.0;
        DivergenceGuard belowBound = reference(bound, low);
        assertEquals(bound, belowBound.threshold(), TOLERANCE, "10 × 1.0 is under the bound");

        double high = bound;
        DivergenceGuard aboveBound = reference(bound, high);
        assertEquals(DivergenceGuard.GROWTH_FACTOR * high, aboveBound.threshold(), TOLERANCE);
        assertFalse(aboveBound.diverges(aboveBound.threshold()), "a loss at the threshold is allowed");
        assertTrue(aboveBound.diverges(Math.nextUp(aboveBound.threshold())), "a loss above it is not");

        DivergenceGuard unbounded = reference(0, low);
        assertEquals(DivergenceGuard.GROWTH_FACTOR * low, unbounded.threshold(), TOLERANCE);
        assertTrue(unbounded.diverges(DivergenceGuard.GROWTH_FACTOR * low * 2));
    }

    @Test
    void theReferenceIsTheMeanOfTheFirstStepsOnly() {
        DivergenceGuard guard = new DivergenceGuard(0);
        double sum = 0;
        for (int s = 1; s <= DivergenceGuard.REFERENCE_STEPS; s++) {
            assertFalse(guard.diverges(s));
            sum += s;
        }
        double threshold = DivergenceGuard.GROWTH_FACTOR * sum / DivergenceGuard.REFERENCE_STEPS;
        assertEquals(threshold, guard.threshold(), TOLERANCE);
        assertFalse(guard.diverges(threshold / 2));
        assertEquals(threshold, guard.threshold(), TOLERANCE, "later losses do not move the reference");
    }

    @Test
    void divergingLossesDoNotJoinTheReference() {
        double bound = new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(CLASSES);
        DivergenceGuard guard = new DivergenceGuard(bound);
        double level = bound;
        assertTrue(guard.diverges(Double.NaN));
        assertTrue(guard.diverges(bound * DivergenceGuard.GROWTH_FACTOR));
        for (int s = 0; s < DivergenceGuard.REFERENCE_STEPS; s++) {
            assertFalse(guard.diverges(level));
        }
        assertEquals(DivergenceGuard.GROWTH_FACTOR * level, guard.threshold(), TOLERANCE,
                "the reference is the mean of the accepted losses");
    }

    /** An exploding curve, as a too-large learning rate gives, is stopped at its first step above the bound. */
    @Test
    void anExplodingCurveIsStoppedWhereItCrossesTheBound() {
        double bound = new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(CLASSES);
        DivergenceGuard guard = new DivergenceGuard(bound);
        double loss = Math.log(CLASSES);
        int step = 1;
        while (!guard.diverges(loss)) {
            loss *= 2;
            step++;
        }
        assertTrue(loss > bound && loss / 2 <= bound, "stopped at the first loss above the bound, " + loss);
        assertEquals(5, step, "ln 10 · 2^4 ≈ 36.8 is the first loss above 33.0");
    }

    @Test
    void badBoundsAreRefused() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(bad));
            assertEquals("the divergence bound must be a finite number >= 0, got " + bad, e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(0));
        assertEquals("the number of classes must be at least 1, got 0", e.getMessage());
    }

    /** @return a guard whose reference is complete, every reference loss being {@code level} */
    private static DivergenceGuard reference(double bound, double level) {
        DivergenceGuard guard = new DivergenceGuard(bound);
        for (int s = 0; s < DivergenceGuard.REFERENCE_STEPS; s++) {
            assertFalse(guard.diverges(level));
        }
        return guard;
    }
}
