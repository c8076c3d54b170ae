package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.rng.SplitMix64;

/**
 * The Vector API form of the loops (the tests' JVM has the module) against the plain loops: the
 * same bits, on rows whose widths leave tails shorter than a vector and on ranges that start and
 * end anywhere (even starts for the keyed mask, as its contract asks).
 */
class LayerLoopsTest {

    private static final LayerLoops PLAIN = LayerLoops.PLAIN;
    private static final LayerLoops RUN = LayerLoops.VECTOR;
    private static final int[] WIDTHS = {1, 7, 8, 15, 16, 17, 33, 400};

    @Test
    void layersRunTheFormOfTheirGemm() {
        assertEquals(GemmImplementation.VECTOR.isAvailable(), RUN != PLAIN, RUN.description());
        try (Gemm vector = Gemm.withThreads(1, GemmImplementation.preferred());
             Gemm scalar = Gemm.withThreads(1, GemmImplementation.SCALAR)) {
            assertSame(RUN, LayerLoops.of(vector));
            assertSame(PLAIN, LayerLoops.of(scalar));
        }
        assertSame(PLAIN, LayerLoops.of(null));
        assertSame(PLAIN, LayerLoops.of(TaskRunner.CALLING_THREAD));
    }

    @Test
    void columnSumsHaveTheBitsOfThePlainLoops() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int width : WIDTHS) {
            int rows = 5;
            int offset = 3;
            float[] x = values(rng, offset + rows * width);
            float[] y = values(rng, offset + rows * width);
            double[] mean = new double[width];
            for (int j = 0; j < width; j++) {
                mean[j] = rng.nextDouble() - 0.5;
            }
            double[][] plain = new double[4][width];
            double[][] run = new double[4][width];
            for (int r = 0; r < rows; r++) {
                int at = offset + r * width;
                PLAIN.addRow(x, at, plain[0], 0, width);
                RUN.addRow(x, at, run[0], 0, width);
                PLAIN.addSquaredDeviations(x, at, mean, plain[1], 0, width);
                RUN.addSquaredDeviations(x, at, mean, run[1], 0, width);
                PLAIN.addRowAndProducts(x, y, at, plain[2], plain[3], 0, width);
                RUN.addRowAndProducts(x, y, at, run[2], run[3], 0, width);
            }
            for (int k = 0; k < 4; k++) {
                assertArrayEquals(plain[k], run[k], "sum " + k + ", width " + width);
            }
            // a range of columns leaves the others alone
            double[] part = new double[width];
            RUN.addRow(x, offset, part, width / 3, width);
            for (int j = 0; j < width; j++) {
                assertEquals(j < width / 3 ? 0.0 : (double) x[offset + j], part[j], "width " + width + ", column " + j);
            }
        }
    }

    @Test
    void batchNormRowPassesHaveTheBitsOfThePlainLoops() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int width : WIDTHS) {
            int at = 5;
            float[] x = values(rng, at + width);
            float[] gy = values(rng, at + width);
            float[][] columns = new float[6][];
            for (int k = 0; k < columns.length; k++) {
                columns[k] = values(rng, width);
            }
            float[][] plain = {new float[at + width], new float[at + width], new float[at + width]};
            float[][] run = {new float[at + width], new float[at + width], new float[at + width]};
            PLAIN.normalizeRow(x, plain[0], plain[1], at, columns[0], columns[1], columns[2], columns[3], 0, width);
            RUN.normalizeRow(x, run[0], run[1], at, columns[0], columns[1], columns[2], columns[3], 0, width);
            PLAIN.normalizedGradientRow(gy, plain[0], plain[2], at, columns[2], columns[4], columns[5], columns[1],
                    0, width);
            RUN.normalizedGradientRow(gy, run[0], run[2], at, columns[2], columns[4], columns[5], columns[1], 0,
                    width);
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(plain[k], run[k], "pass " + k + ", width " + width);
            }
            float v = (x[at] - columns[0][0]) * columns[1][0];
            assertEquals(columns[2][0] * v + columns[3][0], run[1][at], "y of the first column, width " + width);
        }
    }

    @Test
    void keyedMasksHaveTheBitsOfThePlainLoops() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 1001;
        float[] x = values(rng, n);
        x[40] = Float.NaN;
        x[41] = Float.POSITIVE_INFINITY;
        x[42] = -0f;
        float scale = (float) (1.0 / (1.0 - 0.3));
        int dropBelow = (int) Math.ceil(0.3f * 0x1p24);
        int[][] ranges = {{0, n}, {0, 1}, {2, 3}, {4, 40}, {36, 999}, {998, 1001}};
        for (int[] range : ranges) {
            float[] plain = new float[n];
            float[] run = new float[n];
            long key = rng.nextLong();
            PLAIN.keyedMask(x, plain, key, dropBelow, scale, range[0], range[1]);
            RUN.keyedMask(x, run, key, dropBelow, scale, range[0], range[1]);
            assertArrayEquals(plain, run, "entries " + range[0] + " to " + range[1]);
        }
        // the first entry: the top 24 bits of mix(κ + γ) against ⌈p·2²⁴⌉
        float[] y = new float[2];
        long key = 7;
        RUN.keyedMask(new float[] {1f, 1f}, y, key, dropBelow, scale, 0, 2);
        long w = SplitMix64.mix(key + SplitMix64.GOLDEN_GAMMA);
        assertEquals((w >>> 40) < dropBelow ? 0f : scale, y[0]);
        assertEquals(((w >>> 8) & 0xFFFFFF) < dropBelow ? 0f : scale, y[1]);
    }

    private static float[] values(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * 3);
        }
        return v;
    }
}
