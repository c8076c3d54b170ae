package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.Adam;
import org.opudfa.dfa.optim.AdamConfig;
import org.opudfa.dfa.optim.LearningRateSchedule;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The synthetic task is meant to need hidden layers: a network with one hidden layer trained by
 * backpropagation must beat softmax regression on held-out data. Both models are written out
 * here with plain matrix products so the test depends only on the data and optimizer packages.
 * Deterministic (fixed seeds), so it cannot fail by chance; slow because it trains two models.
 */
@Tag("slow")
class SyntheticClassificationDifficultyTest {

    private static final int TRAIN = 4000;
    private static final int TEST = 1000;
    private static final int EPOCHS = 10;
    private static final int HIDDEN = 128;
    private static final int BATCH = 64;
    private static final long SEED = 7;
    /** Chance is 0.1: the linear model must still learn a lot. */
    private static final double MIN_LINEAR_ACCURACY = 0.6;
    /** The hidden layer must add at least this much test accuracy. */
    private static final double MIN_HIDDEN_LAYER_GAIN = 0.015;

    /** A softmax classifier with an optional tanh hidden layer. */
    private static final class Model {
        final Parameter w1;
        final Parameter b1;
        final Parameter w2;
        final Parameter b2;
        FMatrixRMaj hidden;

        Model(int inputs, int hiddenWidth, int classes, UniformRandomProvider rng) {
            int readoutInputs = hiddenWidth > 0 ? hiddenWidth : inputs;
            w1 = hiddenWidth > 0 ? new Parameter("w1", uniform(inputs, hiddenWidth, rng)) : null;
            b1 = hiddenWidth > 0 ? new Parameter("b1", new FMatrixRMaj(1, hiddenWidth)) : null;
            w2 = new Parameter("w2", uniform(readoutInputs, classes, rng));
            b2 = new Parameter("b2", new FMatrixRMaj(1, classes));
        }

        List<Parameter> parameters() {
            return w1 == null ? List.of(w2, b2) : List.of(w1, b1, w2, b2);
        }

        FMatrixRMaj logits(FMatrixRMaj x) {
            FMatrixRMaj in = x;
            if (w1 != null) {
                hidden = new FMatrixRMaj(x.numRows, w1.value().numCols);
                CommonOps_FDRM.mult(x, w1.value(), hidden);
                addRowAndApply(hidden, b1.value(), true);
                in = hidden;
            }
            FMatrixRMaj out = new FMatrixRMaj(x.numRows, w2.value().numCols);
            CommonOps_FDRM.mult(in, w2.value(), out);
            addRowAndApply(out, b2.value(), false);
            return out;
        }

        /** Backpropagates softmax cross-entropy (mean over the batch) into the parameter gradients. */
        void backward(FMatrixRMaj x, FMatrixRMaj logits, Labels labels) {
            int n = logits.numRows;
            int k = logits.numCols;
            for (int i = 0; i < n; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, logits.get(i, j));
                }
                double z = 0;
                for (int j = 0; j < k; j++) {
                    z += Math.exp(logits.get(i, j) - max);
                }
                for (int j = 0; j < k; j++) {
                    double p = Math.exp(logits.get(i, j) - max) / z;
                    logits.set(i, j, (float) ((p - (j == labels.get(i) ? 1 : 0)) / n));
                }
            }
            FMatrixRMaj in = w1 == null ? x : hidden;
            CommonOps_FDRM.multTransA(in, logits, w2.grad());
            columnSums(logits, b2.grad());
            if (w1 != null) {
                FMatrixRMaj dh = new FMatrixRMaj(n, hidden.numCols);
                CommonOps_FDRM.multTransB(logits, w2.value(), dh);
                for (int i = 0; i < dh.data.length; i++) {
                    float h = hidden.data[i];
                    dh.data[i] *= 1 - h * h;
                }
                CommonOps_FDRM.multTransA(x, dh, w1.grad());
                columnSums(dh, b1.grad());
            }
        }

        private static void addRowAndApply(FMatrixRMaj m, FMatrixRMaj row, boolean tanh) {
            for (int i = 0; i < m.numRows; i++) {
                for (int j = 0; j < m.numCols; j++) {
                    float v = m.get(i, j) + row.data[j];
                    m.set(i, j, tanh ? (float) Math.tanh(v) : v);
                }
            }
        }

        private static void columnSums(FMatrixRMaj m, FMatrixRMaj out) {
            for (int i = 0; i < m.numRows; i++) {
                for (int j = 0; j < m.numCols; j++) {
                    out.data[j] += m.get(i, j);
                }
            }
        }

        private static FMatrixRMaj uniform(int rows, int cols, UniformRandomProvider rng) {
            double limit = Math.sqrt(3.0 / rows);
            FMatrixRMaj m = new FMatrixRMaj(rows, cols);
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = (float) (limit * (2 * rng.nextDouble() - 1));
            }
            return m;
        }
    }

    private static double testAccuracy(int hiddenWidth) {
        DatasetSplit split = SyntheticClassification.defaults().generate(TRAIN, TEST, SEED);
        FeatureStandardisation standardisation = FeatureStandardisation.fit(split.train());
        Dataset train = standardisation.apply(split.train());
        Dataset test = standardisation.apply(split.heldOut());
        RandomStreams streams = RandomStreams.of(SEED);
        Model model = new Model(train.featureCount(), hiddenWidth, train.numClasses(), streams.stream("init"));
        Adam adam = new Adam(model.parameters(), AdamConfig.adam(), LearningRateSchedule.constant(1e-3));
        MiniBatches batches = MiniBatches.shuffled(train, BATCH, MiniBatches.LastBatch.KEEP, streams.stream("shuffle"));
        Batch batch = batches.newBatch();
        for (int e = 0; e < EPOCHS; e++) {
            while (batches.next(batch)) {
                adam.zeroGrad();
                FMatrixRMaj logits = model.logits(batch.features());
                model.backward(batch.features(), logits, batch.labels());
                adam.step();
            }
        }
        ConfusionMatrix confusion = new ConfusionMatrix(test.numClasses());
        MiniBatches evaluation = MiniBatches.sequential(test, 250);
        Batch eval = evaluation.newBatch();
        while (evaluation.next(eval)) {
            confusion.add(model.logits(eval.features()), eval.labels().ids());
        }
        return confusion.accuracy();
    }

    @Test
    void aHiddenLayerBeatsSoftmaxRegression() {
        double linear = testAccuracy(0);
        double hidden = testAccuracy(HIDDEN);
        assertTrue(linear > MIN_LINEAR_ACCURACY, "softmax regression reached only " + linear);
        assertTrue(hidden - linear > MIN_HIDDEN_LAYER_GAIN,
                "hidden layer " + hidden + " vs softmax regression " + linear);
    }
}
