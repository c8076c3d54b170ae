package org.opudfa.dfa.task.nerf;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.loss.MeanSquaredError;
import org.opudfa.dfa.nn.Feed;

/**
 * NeRF's loss with hierarchical sampling: the mean squared error of the fine network's ray colours
 * plus that of the coarse network's, {@code L = MSE(Ĉ_f, C) + MSE(Ĉ_c, C)}, on an output of the fine
 * colours then the coarse ones (rays × 6; {@link NerfModel}). Each half's gradient is that of its
 * own {@link MeanSquaredError}, {@code 2·(Ĉ − C)/(rays·3)}. Allocates nothing once it has seen a
 * batch as large.
 */
public final class HierarchicalLoss implements Loss {

    private final MeanSquaredError mse;
    private final FMatrixRMaj fine = new FMatrixRMaj(1, RayColours.WIDTH);
    private final FMatrixRMaj coarse = new FMatrixRMaj(1, RayColours.WIDTH);
    private final FMatrixRMaj gradient = new FMatrixRMaj(1, RayColours.WIDTH);

    /**
     * @param colours where the batch holds the rays' true colours, rays × 3
     */
    public HierarchicalLoss(Feed.Key<FMatrixRMaj> colours) {
        this.mse = new MeanSquaredError(Objects.requireNonNull(colours, "colours"));
    }

    @Override
    public double value(FMatrixRMaj prediction, Feed batch) {
        requireBoth(prediction);
        return mse.value(RayColours.of(prediction, 0, fine), batch) + mse.value(RayColours.of(prediction, 1, coarse),
                batch);
    }

    @Override
    public double valueAndGradient(FMatrixRMaj prediction, Feed batch, FMatrixRMaj gradientOut) {
        requireBoth(prediction);
        int rows = prediction.numRows;
        int width = 2 * RayColours.WIDTH;
        gradientOut.reshape(rows, width);
        double total = 0;
        for (int rendering = 0; rendering < 2; rendering++) {
            total += mse.valueAndGradient(RayColours.of(prediction, rendering, rendering == 0 ? fine : coarse), batch,
                    gradient);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(gradient.data, r * RayColours.WIDTH, gradientOut.data,
                        r * width + rendering * RayColours.WIDTH, RayColours.WIDTH);
            }
        }
        return total;
    }

    private static void requireBoth(FMatrixRMaj prediction) {
        if (prediction.numCols != 2 * RayColours.WIDTH) {
            throw new IllegalArgumentException("the hierarchical NeRF loss needs the fine and the coarse colours (6 "
                    + "columns), got " + prediction.numCols + " columns");
        }
    }

    @Override
    public String toString() {
        return "HierarchicalLoss(MSE fine + MSE coarse)";
    }
}
