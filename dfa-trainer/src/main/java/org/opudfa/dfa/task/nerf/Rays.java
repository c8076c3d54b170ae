package org.opudfa.dfa.task.nerf;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.DataSource;
import org.opudfa.dfa.data.Dataset;

/**
 * The rays of a set of views as a {@link Dataset} of one row per pixel: its ray's origin
 * (3 values), unit direction (3) and colour as the camera saw it, composited on the background (3),
 * so {@link org.opudfa.dfa.data.MiniBatches} can shuffle and serve them. Views follow each other in
 * order, and the pixels of a view row by row. (A dataset's class labels have no use here: every
 * ray has label 0 of 1 class.)
 */
public final class Rays {

    /** Columns of a ray: origin x, y, z, direction x, y, z, colour r, g, b. */
    public static final int WIDTH = 9;
    /** The first column of the colour. */
    public static final int COLOUR = 6;

    private Rays() {
    }

    /**
     * @param name       the dataset's name
     * @param views      the views
     * @param background what shows through their transparent parts
     * @return one row per pixel of every view
     */
    public static Dataset of(String name, List<SceneView> views, Background background) {
        int total = 0;
        for (SceneView v : views) {
            total += v.pixels();
        }
        FMatrixRMaj rows = new FMatrixRMaj(total, WIDTH);
        int at = 0;
        for (SceneView v : views) {
            float[] rgb = v.composited(background);
            at = fill(v.camera(), rgb, rows.data, at);
        }
        return Dataset.of(name, rows, new int[total], 1,
                DataSource.generated("rays through the pixel centres of " + views.size() + " views"));
    }

    /**
     * @param camera the camera
     * @return one row per pixel, with colour 0 (for rendering)
     */
    public static Dataset of(PinholeCamera camera) {
        FMatrixRMaj rows = new FMatrixRMaj(camera.width() * camera.height(), WIDTH);
        fill(camera, null, rows.data, 0);
        return Dataset.of("camera rays", rows, new int[rows.numRows], 1,
                DataSource.generated("rays through the pixel centres of one camera"));
    }

    private static int fill(PinholeCamera camera, float[] rgb, float[] out, int at) {
        double[] o = new double[3];
        double[] d = new double[3];
        camera.origin(o);
        int w = camera.width();
        for (int j = 0; j < camera.height(); j++) {
            for (int i = 0; i < w; i++) {
                camera.direction(i + 0.5, j + 0.5, d);
                int row = WIDTH * at;
                for (int c = 0; c < 3; c++) {
                    out[row + c] = (float) o[c];
                    out[row + 3 + c] = (float) d[c];
                    out[row + COLOUR + c] = rgb == null ? 0f : rgb[3 * (j * w + i) + c];
                }
                at++;
            }
        }
        return at;
    }
}
