package org.opudfa.dfa.task.nerf;

import java.util.Set;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.opu.kernel.Gemm;

/**
 * The NeRF network of the paper's released models, as a {@link Graph} over sample points (one row
 * per point):
 * <pre>
 *   γ(x) (position, L_x frequencies) → [dense → ReLU] × depth  = h          feedback after each
 *   h → density (dense to 1)                                        = σ̃
 *   h → feature (dense) → ReLU                                      = f          feedback
 *   [f | γ(d) (direction, L_d)] → view (dense) → ReLU              = v          feedback
 *   v → rgb (dense to 3)                                            = (r̃, g̃, b̃)
 *   raw = [r̃, g̃, b̃, σ̃]   (the error point) → volume rendering with the lengths δ → ray colour
 * </pre>
 * with the defaults 4 layers of 128, a view branch of 64 and 10 and 4 frequencies, as the DFA
 * paper's released models (Launay et al. 2020; Mildenhall et al. 2020 use 8 × 256 with a skip
 * connection, which 4 layers are too shallow for; the DFA models also put a ReLU on the feature
 * layer, which NeRF's code leaves linear). The density does not depend on the direction; the
 * colour does, through the view branch.
 *
 * <p>The ReLUs compute their inputs (a batch's sample points × 128, a million entries at NeRF's
 * sizes) as parallel ranges on the run's threads; each entry is computed alone, so the results do
 * not depend on the thread count. On the calling thread alone they took an eighth of that thread's
 * time in a 2-thread DFA step, while the other thread waited. On one thread they compute as
 * before, in one pass.
 *
 * <p>DFA (DESIGN §7): a feedback point after every hidden layer (the trunk's four, the feature
 * layer and the view layer), the error point at the raw output of each sample point, below the
 * parameter-free rendering; rows are sample points at both. The shallow baseline trains what lies
 * above the feedback points: the density and rgb output layers.
 *
 * <p>Tensor names: {@code points}, {@code directions}, {@code lengths} (inputs),
 * {@code position.encoding}, {@code layer<l>.dense}, {@code layer<l>.relu}, {@code density},
 * {@code feature}, {@code feature.relu}, {@code direction.encoding}, {@code view.input}, {@code view.dense},
 * {@code view.relu}, {@code rgb}, {@code raw}, {@code rendering} (the output).
 */
public final class NerfModel {

    /** The feature layer's feedback point. */
    public static final String FEATURE_POINT = "feature.relu";
    /** The view layer's feedback point. */
    public static final String VIEW_POINT = "view.relu";
    /** The feedback points of the colour branch, which the density does not depend on. */
    public static final Set<String> COLOUR_BRANCH_POINTS = Set.of(FEATURE_POINT, VIEW_POINT);

    private NerfModel() {
    }

    /**
     * The network's shape.
     *
     * @param depth                layers of the trunk, at least 1
     * @param width                units per trunk layer, at least 1
     * @param viewWidth            units of the view branch's hidden layer, at least 1
     * @param positionFrequencies  L_x
     * @param directionFrequencies L_d
     */
    public record Shape(int depth, int width, int viewWidth, int positionFrequencies, int directionFrequencies) {

        /**
         * Validates.
         *
         * @param depth                layers of the trunk, at least 1
         * @param width                units per trunk layer, at least 1
         * @param viewWidth            units of the view branch, at least 1
         * @param positionFrequencies  L_x, at least 0
         * @param directionFrequencies L_d, at least 0
         * @throws IllegalArgumentException if a value is out of range
         */
        public Shape {
            if (depth < 1 || width < 1 || viewWidth < 1) {
                throw new IllegalArgumentException("a NeRF network needs at least 1 layer of at least 1 unit and a view "
                        + "branch of at least 1 unit, got " + depth + " layers of " + width + " and a view branch of "
                        + viewWidth);
            }
            if (positionFrequencies < 0 || directionFrequencies < 0) {
                throw new IllegalArgumentException("the encodings' frequencies must be at least 0, got "
                        + positionFrequencies + " and " + directionFrequencies);
            }
        }

        /** @return the paper's released models: 4 layers of 128, a view branch of 64, 10 and 4 frequencies */
        public static Shape paper() {
            return new Shape(4, 128, 64, 10, 4);
        }
    }

    /**
     * @param shape      the network's shape
     * @param samples    sample points per ray
     * @param background the colour behind the scene
     * @param rng        the weight-initialisation stream (layers drawn in the order listed above)
     * @param gemm       the matrix product the layers use
     * @return the model, whose output is the colour of each ray
     */
    public static Graph build(Shape shape, int samples, Background background, UniformRandomProvider rng, Gemm gemm) {
        Graph.Builder g = Graph.builder();
        Tensor points = g.input("points", RayBatches.POINTS, 3);
        Tensor directions = g.input("directions", RayBatches.DIRECTIONS, 3);
        Tensor lengths = g.input("lengths", RayBatches.LENGTHS, 1);
        Tensor h = g.apply(new PositionalEncoding("position.encoding", 3, shape.positionFrequencies()), points);
        int in = h.width();
        for (int l = 0; l < shape.depth(); l++) {
            h = g.apply(new Dense("layer" + l + ".dense", in, shape.width(), rng, gemm), h);
            h = g.feedback(g.apply(relu("layer" + l + ".relu", gemm), h));
            in = shape.width();
        }
        Tensor density = g.apply(new Dense("density", shape.width(), 1, rng, gemm), h);
        Tensor feature = g.apply(new Dense("feature", shape.width(), shape.width(), rng, gemm), h);
        feature = g.feedback(g.apply(relu(FEATURE_POINT, gemm), feature));
        Tensor view = g.apply(new PositionalEncoding("direction.encoding", 3, shape.directionFrequencies()),
                directions);
        Tensor joined = g.apply(new Concat("view.input"), feature, view);
        Tensor v = g.apply(new Dense("view.dense", joined.width(), shape.viewWidth(), rng, gemm), joined);
        v = g.feedback(g.apply(relu(VIEW_POINT, gemm), v));
        Tensor rgb = g.apply(new Dense("rgb", shape.viewWidth(), 3, rng, gemm), v);
        Tensor raw = g.error(g.apply(new Concat("raw"), rgb, density));
        return g.build(g.apply(new VolumeRendering("rendering", samples, background), raw, lengths));
    }

    /** A ReLU computing large inputs as parallel ranges on the run's threads when it has more than one. */
    private static ReLU relu(String name, Gemm gemm) {
        return gemm.threads() > 1 ? new ReLU(name, gemm) : new ReLU(name);
    }
}
