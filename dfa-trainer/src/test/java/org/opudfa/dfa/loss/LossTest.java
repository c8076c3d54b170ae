package org.opudfa.dfa.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.rng.RandomStreams;

class LossTest {

    /** Losses are summed in double from float inputs: agreement with a double formula to this. */
    private static final double VALUE_TOLERANCE = 1e-6;

    private static final Feed.Key<Labels> LABELS = Feed.Key.of("labels", Labels.class);
    private static final Feed.Key<FMatrixRMaj> TARGET = Feed.Key.of("target", FMatrixRMaj.class);

    static Stream<Loss> losses() {
        return Stream.of(new SoftmaxCrossEntropy(LABELS), new MeanSquaredError(TARGET), new BinaryCrossEntropy(TARGET));
    }

    static Stream<AbstractLoss> denseLosses() {
        return Stream.of(new MeanSquaredError(TARGET), new BinaryCrossEntropy(TARGET));
    }

    /** A batch with both kinds of target: class ids for softmax cross-entropy, entries in [0, 1] for the others. */
    private static Feed targets(int rows, int cols, UniformRandomProvider rng) {
        Labels labels = new Labels(rows);
        labels.resize(rows);
        FMatrixRMaj t = new FMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++) {
            labels.ids()[r] = rng.nextInt(cols);
            for (int j = 0; j < cols; j++) {
                t.set(r, j, rng.nextFloat());
            }
        }
        return new Feed().put(LABELS, labels).put(TARGET, t);
    }

    @ParameterizedTest
    @MethodSource("losses")
    void gradientMatchesFiniteDifferences(Loss loss) {
        UniformRandomProvider rng = RandomStreams.of(31).stream("data");
        FMatrixRMaj z = GradientCheck.uniform(4, 3, rng);
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] *= 3f;
        }
        Feed batch = targets(4, 3, rng);
        FMatrixRMaj e = new FMatrixRMaj(1, 1);
        double value = loss.valueAndGradient(z, batch, e);
        assertEquals(loss.value(z, batch), value, 0.0);
        assertEquals(4, e.numRows);
        assertEquals(3, e.numCols);
        for (int i = 0; i < z.data.length; i++) {
            GradientCheck.assertClose(e.data[i], GradientCheck.derivative(z, i, () -> loss.value(z, batch)),
                    loss + " entry " + i);
        }
    }

    @Test
    void softmaxCrossEntropyKnownValuesAndGradient() {
        // equal logits: L = log k, e = (1/k − onehot)/batch
        FMatrixRMaj z = new FMatrixRMaj(2, 4);
        FMatrixRMaj e = new FMatrixRMaj(1, 1);
        Feed batch = new Feed().put(LABELS, Labels.of(1, 3));
        assertEquals(Math.log(4), new SoftmaxCrossEntropy(LABELS).valueAndGradient(z, batch, e), VALUE_TOLERANCE);
        assertEquals((0.25 - 1) / 2, e.get(0, 1), VALUE_TOLERANCE);
        assertEquals(0.25 / 2, e.get(0, 0), VALUE_TOLERANCE);
        assertEquals((0.25 - 1) / 2, e.get(1, 3), VALUE_TOLERANCE);
    }

    @Test
    void softmaxCrossEntropyAveragesOverLabelledItemsOnly() {
        // row 1 carries no target: the mean is over row 0 alone, and row 1 gets no gradient
        FMatrixRMaj z = new FMatrixRMaj(2, 4);
        java.util.Arrays.fill(z.data, 4, 8, 5f);
        FMatrixRMaj e = new FMatrixRMaj(1, 1);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(LABELS);
        Feed batch = new Feed().put(LABELS, Labels.of(1, Labels.IGNORE));
        assertEquals(Math.log(4), loss.valueAndGradient(z, batch, e), VALUE_TOLERANCE);
        assertEquals(0.25 - 1, e.get(0, 1), VALUE_TOLERANCE);
        assertEquals(0.25, e.get(0, 2), VALUE_TOLERANCE);
        for (int j = 0; j < 4; j++) {
            assertEquals(0f, e.get(1, j));
        }
        Feed none = new Feed().put(LABELS, Labels.of(Labels.IGNORE, Labels.IGNORE));
        assertEquals(0.0, loss.valueAndGradient(z, none, e), 0.0);
        for (float g : e.data) {
            assertEquals(0f, g);
        }
    }

    @Test
    void binaryCrossEntropyAndMeanSquaredErrorKnownValues() {
        FMatrixRMaj z = new FMatrixRMaj(1, 2, true, 0f, 2f);
        FMatrixRMaj t = new FMatrixRMaj(1, 2, true, 1f, 0f);
        // BCE: (log 2 + (2 + log(1 + e^−2)))/2
        assertEquals((Math.log(2) + 2 + Math.log1p(Math.exp(-2))) / 2, new BinaryCrossEntropy(TARGET).value(z, t),
                VALUE_TOLERANCE);
        // MSE: (1 + 4)/2
        assertEquals(2.5, new MeanSquaredError(TARGET).value(z, t), VALUE_TOLERANCE);
        // the same through the batch
        assertEquals(2.5, new MeanSquaredError(TARGET).value(z, new Feed().put(TARGET, t)), VALUE_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("losses")
    void finiteForHugeLogits(Loss loss) {
        FMatrixRMaj z = new FMatrixRMaj(1, 3, true, 1000f, -1000f, 0f);
        Feed batch = new Feed().put(LABELS, Labels.of(1)).put(TARGET, new FMatrixRMaj(1, 3, true, 0f, 1f, 0f));
        FMatrixRMaj e = new FMatrixRMaj(1, 1);
        double v = loss.valueAndGradient(z, batch, e);
        assertTrue(Double.isFinite(v), loss + " gave " + v);
        for (float g : e.data) {
            assertTrue(Float.isFinite(g), loss + " gradient " + g);
        }
    }

    @ParameterizedTest
    @MethodSource("denseLosses")
    void rejectsMismatchedTargetAndAliasedGradient(AbstractLoss loss) {
        FMatrixRMaj z = new FMatrixRMaj(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.valueAndGradient(z, new FMatrixRMaj(4, 1), new FMatrixRMaj(1, 1)));
        assertEquals("target must be 4×3 (batch × outputs, like the prediction), got 4×1", e.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> loss.value(z, new FMatrixRMaj(3, 3)));
        assertEquals("target must be 4×3 (batch × outputs, like the prediction), got 3×3", v.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> loss.valueAndGradient(z, new FMatrixRMaj(4, 3), z));
        assertEquals("the gradient buffer must not be the prediction or the target", a.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> loss.value(new FMatrixRMaj(0, 3), new FMatrixRMaj(0, 3)));
        assertEquals("batch must have at least 1 row, got 0", empty.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> loss.value(z, new Feed()));
        assertEquals("the batch has no input 'target' (a FMatrixRMaj); it holds []", missing.getMessage());
    }

    @Test
    void softmaxCrossEntropyRejectsLabelsThatDoNotFitAndAnAliasedGradient() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(LABELS);
        FMatrixRMaj z = new FMatrixRMaj(4, 3);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> loss.value(z, new Feed().put(LABELS, Labels.of(0, 1, 2))));
        assertEquals("the batch has 3 labels for a prediction of 4 rows", count.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> loss.value(z, new Feed().put(LABELS, Labels.of(0, 1, 3, -2))));
        assertEquals("label 3 of item 2 is outside the 3 classes [0, 3)", range.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> loss.valueAndGradient(z, new Feed().put(LABELS, Labels.of(0, 1, 2, 0)), z));
        assertEquals("the gradient buffer must not be the prediction", a.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> loss.value(new FMatrixRMaj(0, 3), new Feed().put(LABELS, Labels.of())));
        assertEquals("batch must have at least 1 row, got 0", empty.getMessage());
    }
}
