package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.rule.CosineSimilarity;
import org.opudfa.dfa.rule.DirectFeedbackAlignment;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.encoding.EncodedVector;
import org.opudfa.opu.encoding.EncodingType;
import org.opudfa.opu.encoding.FrameEncoding;

/**
 * The language model's DFA error through the simulated OPU: a dense vector of d values per token,
 * about nine in ten of them past the ternary threshold, unlike the sparse errors of a classifier's
 * softmax. Ternary frames keep only each entry's sign (and one magnitude per sign), which costs a
 * tenth of the cosine with the exact projection {@code B·e}; bit planes keep it. The device itself
 * projects faithfully what it is shown in both cases.
 */
class LmErrorEncodingTest {

    /** width of the model and so of the error vector of a token */
    private static final int WIDTH = 64;
    /** the device reproduces the exact projection of the vector it is shown to this mean cosine */
    private static final double DEVICE_FIDELITY = 0.99;
    /** four bit planes per sign lose less than this of the cosine with the exact projection */
    private static final double BIT_PLANE_FIDELITY = 0.99;
    /** the ternary encoding of the dense error stays below this mean cosine with the exact projection */
    private static final double TERNARY_CEILING = 0.95;
    private static final long DEVICE_SEED = 11L;

    @TempDir
    Path dir;

    @Test
    void bitPlanesKeepTheDenseErrorThatTernaryFramesRound() {
        FMatrixRMaj e = errorOfOneStep();
        double[] ternary = fidelity(e, EncodingType.TERNARY);
        double[] planes = fidelity(e, EncodingType.BIT_PLANES);
        assertTrue(ternary[1] > DEVICE_FIDELITY, "device against the ternary vector it shows: " + ternary[1]);
        assertTrue(planes[1] > DEVICE_FIDELITY, "device against the bit-plane vector it shows: " + planes[1]);
        assertTrue(ternary[0] < TERNARY_CEILING, "ternary against the exact projection: " + ternary[0]);
        assertTrue(planes[0] > BIT_PLANE_FIDELITY, "bit planes against the exact projection: " + planes[0]);
    }

    /** The error at the last block's output of one DFA step of a small model, one row per token. */
    private FMatrixRMaj errorOfOneStep() {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), Method.DFA).with(LmSettings.D_MODEL, WIDTH)
                .with(LmSettings.HEADS, 4);
        TrainingRun run = LmTask.INSTANCE.build(v);
        DirectFeedbackAlignment rule = (DirectFeedbackAlignment) run.rule();
        Feed feed = run.train().newFeed();
        run.train().next(feed);
        rule.step(feed);
        return rule.error(0);
    }

    /**
     * @return the mean over tokens of the cosine of the device's projection with the exact
     *     {@code B·e} (index 0) and with the exact projection of the encoded vector (index 1)
     */
    private static double[] fidelity(FMatrixRMaj e, EncodingType type) {
        int n = e.numCols;
        OpuConfig config = OpuConfig.builder(n, n).seed(DEVICE_SEED).encoding(type).build();
        OpuProjector opu = new OpuProjector(config);
        FMatrixRMaj measured = new FMatrixRMaj(e.numRows, n);
        FMatrixRMaj exact = new FMatrixRMaj(e.numRows, n);
        FMatrixRMaj shown = new FMatrixRMaj(e.numRows, n);
        opu.project(e, measured);
        opu.idealProject(e, exact);
        opu.idealProject(decoded(e, config.encoding().create(n, config.threshold(), config.bitPlanes())), shown);
        return new double[] {meanRowCosine(measured, exact), meanRowCosine(measured, shown)};
    }

    /** Each row as the encoding's frames stand for it. */
    private static FMatrixRMaj decoded(FMatrixRMaj e, FrameEncoding encoding) {
        int n = e.numCols;
        EncodedVector frames = new EncodedVector(encoding.maxFrames(), n);
        double[] row = new double[n];
        FMatrixRMaj out = new FMatrixRMaj(e.numRows, n);
        for (int r = 0; r < e.numRows; r++) {
            encoding.encode(e.data, r * n, frames);
            frames.decode(row);
            for (int j = 0; j < n; j++) {
                out.data[r * n + j] = (float) row[j];
            }
        }
        return out;
    }

    private static double meanRowCosine(FMatrixRMaj a, FMatrixRMaj b) {
        int n = a.numCols;
        FMatrixRMaj x = new FMatrixRMaj(1, n);
        FMatrixRMaj y = new FMatrixRMaj(1, n);
        double sum = 0;
        for (int r = 0; r < a.numRows; r++) {
            System.arraycopy(a.data, r * n, x.data, 0, n);
            System.arraycopy(b.data, r * n, y.data, 0, n);
            sum += CosineSimilarity.of(x, y);
        }
        return sum / a.numRows;
    }
}
