package org.opudfa.dfa.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.rng.RandomStreams;

class LossTest {

    /** Losses are summed in double from float inputs: agreement with a double formula to this. */
    private static final double VALUE_TOLERANCE = 1e-6;

    static Stream<Loss> losses() {
        return Stream.of(new SoftmaxCrossEntropy(), new MeanSquaredError(), new BinaryCrossEntropy());
    }

    /** One-hot rows for softmax cross-entropy; entries in [0, 1] for the others. */
    private static FMatrixRMaj target(Loss loss, int rows, int cols, UniformRandomProvider rng) {
        FMatrixRMaj t = new FMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++) {
            if (loss instanceof SoftmaxCrossEntropy) {
                t.set(r, rng.nextInt(cols), 1f);
            } else {
                for (int j = 0; j < cols; j++) {
                    t.set(r, j, rng.nextFloat());
                }
            }
        }
        return t;
    }

    @ParameterizedTest
    @MethodSource("losses")
    void gradientMatchesFiniteDifferences(Loss loss) {
        UniformRandomProvider rng = RandomStreams.of(31).stream("data");
        FMatrixRMaj z = GradientCheck.uniform(4, 3, rng);
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] *= 3f;
        }
        FMatrixRMaj t = target(loss, 4, 3, rng);
        FMatrixRMaj e = new FMatrixRMaj(1, 1);
        double value = loss.valueAndGradient(z, t, e);
        assertEquals(loss.value(z, t), value, 0.0);
        assertEquals(4, e.numRows);
        assertEquals(3, e.numCols);
        for (int i = 0; i < z.data.length; i++) {
            float saved = z.data[i];
            z.data[i] = (float) (saved + GradientCheck.STEP);
            double plus = loss.value(z, t);
            z.data[i] = (float) (saved - GradientCheck.STEP);
            double minus = loss.value(z, t);
            z.data[i] = saved;
            GradientCheck.assertClose(e.data[i], (plus - minus) / (2 * GradientCheck.STEP), loss + " entry " + i);
        }
    }

    @Test
    void softmaxCrossEntropyKnownValuesAndGradient() {
        // equal logits: L = log k, e = (1/k − t)/batch
        FMatrixRMaj z = new FMatrixRMaj(2, 4);
        FMatrixRMaj t = new FMatrixRMaj(2, 4);
        t.set(0, 1, 1f);
        t.set(1, 3, 1f);
        FMatrixRMaj e = new FMatrixRMaj(1, 1);
        assertEquals(Math.log(4), new SoftmaxCrossEntropy().valueAndGradient(z, t, e), VALUE_TOLERANCE);
        assertEquals((0.25 - 1) / 2, e.get(0, 1), VALUE_TOLERANCE);
        assertEquals(0.25 / 2, e.get(0, 0), VALUE_TOLERANCE);
    }

    @Test
    void binaryCrossEntropyAndMeanSquaredErrorKnownValues() {
        FMatrixRMaj z = new FMatrixRMaj(1, 2, true, 0f, 2f);
        FMatrixRMaj t = new FMatrixRMaj(1, 2, true, 1f, 0f);
        // BCE: (log 2 + (2 + log(1 + e^−2)))/2
        assertEquals((Math.log(2) + 2 + Math.log1p(Math.exp(-2))) / 2, new BinaryCrossEntropy().value(z, t),
                VALUE_TOLERANCE);
        // MSE: (1 + 4)/2
        assertEquals(2.5, new MeanSquaredError().value(z, t), VALUE_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("losses")
    void finiteForHugeLogits(Loss loss) {
        FMatrixRMaj z = new FMatrixRMaj(1, 3, true, 1000f, -1000f, 0f);
        FMatrixRMaj t = new FMatrixRMaj(1, 3, true, 0f, 1f, 0f);
        FMatrixRMaj e = new FMatrixRMaj(1, 1);
        double v = loss.valueAndGradient(z, t, e);
        assertTrue(Double.isFinite(v), loss + " gave " + v);
        for (float g : e.data) {
            assertTrue(Float.isFinite(g), loss + " gradient " + g);
        }
    }

    @ParameterizedTest
    @MethodSource("losses")
    void rejectsMismatchedTargetAndAliasedGradient(Loss loss) {
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
    }
}
