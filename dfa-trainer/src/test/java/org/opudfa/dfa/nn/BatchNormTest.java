package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.rng.RandomStreams;

/** Batch normalisation: gradients, the statistics of a training pass, running statistics for inference. */
class BatchNormTest {

    /** Moments of float outputs normalised with ε = 1e-5 against variances of order 1. */
    private static final double MOMENT_TOLERANCE = 1e-4;
    /** Running statistics computed in double and stored in float. */
    private static final double STATISTIC_TOLERANCE = 1e-5;

    @Test
    void gradientsMatchFiniteDifferencesInATrainingPass() {
        UniformRandomProvider rng = RandomStreams.of(21).stream("data");
        BatchNorm norm = new BatchNorm("bn", 4);
        FMatrixRMaj gain = GradientCheck.uniform(1, 4, rng);
        FMatrixRMaj bias = GradientCheck.uniform(1, 4, rng);
        for (int j = 0; j < 4; j++) {
            norm.gain().value().data[j] = 1f + 0.5f * gain.data[j];
            norm.bias().value().data[j] = bias.data[j];
        }
        // the gradient through the batch's own mean and variance couples the rows: 6 rows check it
        GradientCheck.check(norm, GradientCheck.uniform(6, 4, rng), () -> { }, rng);
    }

    @Test
    void aTrainingPassNormalisesEachColumnAndUpdatesTheRunningStatistics() {
        BatchNorm norm = new BatchNorm("bn", 3, BatchNorm.DEFAULT_EPSILON, 1.0);
        FMatrixRMaj x = GradientCheck.uniform(5, 3, RandomStreams.of(22).stream("data"));
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 4f * x.data[i] + 1f;
        }
        FMatrixRMaj y = norm.newCall().forward(new FMatrixRMaj[] {x}, new Feed(), true)[0];
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double xMean = 0;
            for (int r = 0; r < 5; r++) {
                mean += y.get(r, j) / 5;
                xMean += x.get(r, j) / 5.0;
            }
            double sq = 0;
            double xSq = 0;
            for (int r = 0; r < 5; r++) {
                sq += (y.get(r, j) - mean) * (y.get(r, j) - mean) / 5;
                xSq += (x.get(r, j) - xMean) * (x.get(r, j) - xMean);
            }
            assertEquals(0.0, mean, MOMENT_TOLERANCE, "column " + j + " mean");
            assertEquals(1.0, sq, MOMENT_TOLERANCE, "column " + j + " variance");
            // momentum 1: the running statistics are this batch's mean and unbiased variance
            assertEquals(xMean, norm.runningMean().data[j], STATISTIC_TOLERANCE, "running mean " + j);
            assertEquals(xSq / 4, norm.runningVariance().data[j], STATISTIC_TOLERANCE, "running variance " + j);
        }
    }

    @Test
    void inferenceUsesTheRunningStatistics() {
        BatchNorm norm = new BatchNorm("bn", 2);
        norm.runningMean().data[0] = 1f;
        norm.runningMean().data[1] = -2f;
        norm.runningVariance().data[0] = 4f;
        norm.runningVariance().data[1] = 0.25f;
        FMatrixRMaj x = new FMatrixRMaj(new float[][] {{3f, -1f}});
        FMatrixRMaj y = norm.newCall().forward(new FMatrixRMaj[] {x}, new Feed(), false)[0];
        assertEquals(2 / Math.sqrt(4 + BatchNorm.DEFAULT_EPSILON), y.get(0, 0), STATISTIC_TOLERANCE);
        assertEquals(1 / Math.sqrt(0.25 + BatchNorm.DEFAULT_EPSILON), y.get(0, 1), STATISTIC_TOLERANCE);
        // an inference pass leaves them alone
        assertEquals(1f, norm.runningMean().data[0]);
        assertEquals(4f, norm.runningVariance().data[0]);
    }

    @Test
    void runningStatisticsAreBuffersWithUniqueNames() {
        BatchNorm norm = new BatchNorm("block0.norm", 7);
        assertEquals(java.util.List.of("block0.norm.running_mean", "block0.norm.running_variance"),
                java.util.List.copyOf(norm.buffers().keySet()));
        assertTrue(norm.buffers().get("block0.norm.running_mean") == norm.runningMean());
    }

    @Test
    void aTrainingPassNeedsTwoRowsAndValidSettings() {
        BatchNorm norm = new BatchNorm("bn", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> norm.newCall().forward(new FMatrixRMaj[] {new FMatrixRMaj(1, 2)}, new Feed(), true));
        assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm("bn", 2, 0.0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm("bn", 2, 1e-5, 0.0));
    }

    @Test
    void blocksOfRowsGiveTheSameBitsOnAnyThreadCountAndNormaliseTheWholeBatch() {
        // 2.5 blocks: two whole blocks and a partial one, each column offset and scaled differently
        int rows = 2 * BatchNorm.BLOCK_ROWS + BatchNorm.BLOCK_ROWS / 2;
        int width = 37;
        UniformRandomProvider rng = RandomStreams.of(23).stream("data");
        FMatrixRMaj x = GradientCheck.uniform(rows, width, rng);
        for (int i = 0; i < x.data.length; i++) {
            int j = i % width;
            x.data[i] = (1f + j) * x.data[i] + 3f - j;
        }
        FMatrixRMaj dy = GradientCheck.uniform(rows, width, rng);
        float[][] calling = trainAndInfer(new BatchNorm("bn", width), x, dy);
        try (Gemm one = Gemm.withThreads(1); Gemm two = Gemm.withThreads(2)) {
            for (TaskRunner runner : new TaskRunner[] {one, two}) {
                float[][] threaded = trainAndInfer(new BatchNorm("bn", width, runner), x, dy);
                for (int k = 0; k < calling.length; k++) {
                    assertArrayEquals(calling[k], threaded[k], "array " + k);
                }
            }
        }
        // the blocks' sums make up the whole batch's statistics: every column has mean 0, variance 1
        float[] y = calling[0];
        for (int j = 0; j < width; j++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += y[r * width + j];
            }
            mean /= rows;
            double variance = 0;
            for (int r = 0; r < rows; r++) {
                variance += (y[r * width + j] - mean) * (y[r * width + j] - mean);
            }
            variance /= rows;
            assertEquals(0.0, mean, MOMENT_TOLERANCE, "column " + j + " mean");
            assertEquals(1.0, variance, MOMENT_TOLERANCE, "column " + j + " variance");
        }
    }

    /**
     * @return a training pass's output, ∂x, ∂γ, ∂β and running statistics, then an inference pass's
     *     output and ∂x
     */
    private static float[][] trainAndInfer(BatchNorm norm, FMatrixRMaj x, FMatrixRMaj dy) {
        UnaryCall call = norm.newCall();
        float[] y = call.forward(new FMatrixRMaj[] {x}, new Feed(), true)[0].data.clone();
        float[] dx = call.backward(new FMatrixRMaj[] {dy}, new boolean[] {true})[0].data.clone();
        float[] inferred = call.forward(new FMatrixRMaj[] {x}, new Feed(), false)[0].data.clone();
        float[] inferredDx = call.backward(new FMatrixRMaj[] {dy}, new boolean[] {true})[0].data.clone();
        return new float[][] {y, dx, norm.gain().grad().data.clone(), norm.bias().grad().data.clone(),
            norm.runningMean().data.clone(), norm.runningVariance().data.clone(), inferred, inferredDx};
    }
}
