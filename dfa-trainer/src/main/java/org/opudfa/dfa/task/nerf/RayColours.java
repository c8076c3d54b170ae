package org.opudfa.dfa.task.nerf;

import org.ejml.data.FMatrixRMaj;

/**
 * The ray colours in a NeRF model's output: the output is the rays' colours (rays × 3), or, with
 * hierarchical sampling ({@link NerfModel}), the fine network's colours then the coarse network's
 * (rays × 6). Images, PSNR, SSIM, renders and previews read the first three columns: the fine
 * network's colours when there is one.
 */
final class RayColours {

    /** Columns of one rendering: red, green, blue. */
    static final int WIDTH = 3;

    private RayColours() {
    }

    /**
     * @param output    a NeRF model's output, rays × 3 or rays × 6
     * @param rendering which rendering: 0 the first (fine, or the only one), 1 the second (coarse)
     * @param buffer    receives the columns when they must be copied (reused)
     * @return the rendering's colours, rays × 3: {@code output} itself when it is one rendering
     * @throws IllegalArgumentException if the output does not hold that rendering
     */
    static FMatrixRMaj of(FMatrixRMaj output, int rendering, FMatrixRMaj buffer) {
        int renderings = output.numCols / WIDTH;
        if (output.numCols % WIDTH != 0 || rendering >= renderings) {
            throw new IllegalArgumentException("a NeRF output of " + output.numCols + " columns does not hold rendering "
                    + rendering + " (3 columns each)");
        }
        if (renderings == 1) {
            return output;
        }
        int rows = output.numRows;
        buffer.reshape(rows, WIDTH);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(output.data, r * output.numCols + rendering * WIDTH, buffer.data, r * WIDTH, WIDTH);
        }
        return buffer;
    }
}
