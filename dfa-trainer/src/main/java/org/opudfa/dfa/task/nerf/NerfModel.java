package org.opudfa.dfa.task.nerf;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

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
 *
 * <p>Hierarchical sampling (Mildenhall et al. 2020, §5.2; {@link #build(Shape, StratifiedSampling,
 * int, Background, UniformRandomProvider, Gemm)} with S_f &gt; 0): the network above is the coarse
 * one, at the S_c stratified samples. {@link HierarchicalSampling} draws S_f more distances per
 * ray from its rendering weights (inputs {@code distances}, {@code rays}, {@code fine.draws}; no
 * gradient flows through it), and a fine network of the same shape, with its own parameters (every
 * name prefixed {@value #FINE}), is evaluated at the sorted S_c + S_f distances and rendered
 * ({@code fine.rendering}). The output is the fine colours then the coarse ones (rays × 6,
 * {@code renderings}), for {@link HierarchicalLoss}. Under DFA each network has its own error
 * group: its feedback points and its error point at its own raw output ({@code raw}, group 0;
 * {@code fine.raw}, group 1), so each gets its own feedback matrix; shallow trains both networks'
 * density and rgb layers.
 *
 * <p>The fine network starts from the coarse network's initial values (its own copy of them; its
 * weights are drawn from the stream after the coarse ones', then overwritten). With the ReLU on the
 * density, a network whose density output starts negative at every point gets no gradient at all
 * ({@code σ = 0} makes every rendering weight {@code w_i} zero, so neither the density nor the colour
 * learns), and a fine network drawn on from the stream starts so at seed 0 (its density bias, drawn
 * from ±1/√width, outweighs the spread of the rest over the points). Started as the coarse network,
 * it starts alive whenever the coarse one does, which the coarse network's own training needs anyway.
 */
public final class NerfModel {

    /** The feature layer's feedback point. */
    public static final String FEATURE_POINT = "feature.relu";
    /** The view layer's feedback point. */
    public static final String VIEW_POINT = "view.relu";
    /** The feedback points of the colour branch, which the density does not depend on. */
    public static final Set<String> COLOUR_BRANCH_POINTS = Set.of(FEATURE_POINT, VIEW_POINT);
    /** The prefix of the fine network's parameter and tensor names. */
    public static final String FINE = "fine.";

    /**
     * @param name a feedback point's name
     * @return whether it is a point of the colour branch of the coarse or the fine network
     */
    public static boolean isColourBranchPoint(String name) {
        return COLOUR_BRANCH_POINTS.contains(name.startsWith(FINE) ? name.substring(FINE.length()) : name);
    }

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
        return build(shape, samples, null, null, background, 0, null, rng, gemm);
    }

    /**
     * The model with or without hierarchical sampling: with S_f = 0, exactly
     * {@link #build(Shape, int, Background, UniformRandomProvider, Gemm)}; otherwise the coarse and
     * the fine networks (the fine one starting from the coarse one's initial values), whose output is the
     * fine then the coarse colours of each ray.
     *
     * @param shape       each network's shape
     * @param sampling    the coarse sampling along rays (S_c samples, at least 3 with fine samples)
     * @param fineSamples S_f, the fine samples per ray, or 0 for the coarse network alone
     * @param background  the colour behind the scene
     * @param noise       s, the standard deviation of the noise on each network's raw density in
     *                    training passes ({@link DensityNoise}), or 0 for none
     * @param streams     the run's streams, which the noise draws from ({@code density.noise},
     *                    {@code fine.density.noise}); unused without noise
     * @param rng         the weight-initialisation stream
     * @param gemm        the matrix product the layers use
     * @return the model
     * @throws IllegalArgumentException if S_f is negative, or positive with fewer than 3 coarse samples
     */
    public static Graph build(Shape shape, StratifiedSampling sampling, int fineSamples, Background background,
                              double noise, RandomStreams streams, UniformRandomProvider rng, Gemm gemm) {
        if (fineSamples < 0) {
            throw new IllegalArgumentException("fine samples per ray must be at least 0 (0: none), got " + fineSamples);
        }
        HierarchicalSampling sampler = fineSamples == 0 ? null
                : new HierarchicalSampling(FINE + "sampling", sampling, fineSamples);
        return build(shape, sampling.samples(), sampler, sampler, background, noise, streams, rng, gemm);
    }

    /**
     * The coarse network, and the fine one when there is a sampler.
     *
     * @param sampler the hierarchical sampling (its sample counts), or null for the coarse network alone
     * @param applied the module applied in its place: the sampler itself, or for tests one that
     *                replays its first outputs (to check gradients with the sampling fixed)
     */
    static Graph build(Shape shape, int samples, HierarchicalSampling sampler, Module applied, Background background,
                       double noise, RandomStreams streams, UniformRandomProvider rng, Gemm gemm) {
        GraphBuilder g = Graph.builder();
        Tensor points = g.input("points", RayBatches.POINTS, 3);
        Tensor directions = g.input("directions", RayBatches.DIRECTIONS, 3);
        Tensor lengths = g.input("lengths", RayBatches.LENGTHS, 1);
        Tensor raw = g.error(network(g, "", shape, points, directions, rng, gemm));
        Tensor coarseColours = g.apply(new VolumeRendering("rendering", samples, background),
                noisy(g, "", raw, noise, streams), lengths);
        if (sampler == null) {
            return g.build(coarseColours);
        }
        Tensor distances = g.input("distances", RayBatches.DISTANCES, 1);
        Tensor rays = g.input("rays", RayBatches.RAYS, RayBatches.RAY_WIDTH);
        Tensor draws = g.input(FINE + "draws", RayBatches.FINE_DRAWS, sampler.fineSamples());
        Tensor[] fine = g.applyAll(applied, raw, lengths, distances, rays, draws);
        Tensor fineRaw = g.error(network(g, FINE, shape, fine[0], fine[1], rng, gemm));
        Tensor fineColours = g.apply(new VolumeRendering(FINE + "rendering", sampler.samples(), background),
                noisy(g, FINE, fineRaw, noise, streams), fine[2]);
        Graph model = g.build(g.apply(new Concat("renderings"), fineColours, coarseColours));
        startFineAsCoarse(model);
        return model;
    }

    /** The raw output with {@link DensityNoise} of scale s on its density ({@code PREFIX.density.noise}), or as it is when s is 0. */
    private static Tensor noisy(GraphBuilder g, String prefix, Tensor raw, double noise, RandomStreams streams) {
        if (noise == 0) {
            return raw;
        }
        String name = prefix + "density.noise";
        return g.apply(new DensityNoise(name, noise, streams.stream(name)), raw);
    }

    /** Sets every fine parameter {@code fine.X} to the value of the coarse parameter {@code X}. */
    private static void startFineAsCoarse(Graph model) {
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter p : model.parameters()) {
            byName.put(p.name(), p);
        }
        for (Parameter p : model.parameters()) {
            if (p.name().startsWith(FINE)) {
                Parameter coarse = byName.get(p.name().substring(FINE.length()));
                System.arraycopy(coarse.value().data, 0, p.value().data, 0, p.size());
            }
        }
    }

    /**
     * One network, its feedback points marked, every module's name prefixed.
     *
     * @return its raw output {@code (r̃, g̃, b̃, σ̃)} per sample point
     */
    private static Tensor network(GraphBuilder g, String prefix, Shape shape, Tensor points, Tensor directions,
                                  UniformRandomProvider rng, Gemm gemm) {
        Tensor h = g.apply(new PositionalEncoding(prefix + "position.encoding", 3, shape.positionFrequencies()),
                points);
        int in = h.width();
        for (int l = 0; l < shape.depth(); l++) {
            h = g.apply(new Dense(prefix + "layer" + l + ".dense", in, shape.width(), rng, gemm), h);
            h = g.feedback(g.apply(relu(prefix + "layer" + l + ".relu", gemm), h));
            in = shape.width();
        }
        Tensor density = g.apply(new Dense(prefix + "density", shape.width(), 1, rng, gemm), h);
        Tensor feature = g.apply(new Dense(prefix + "feature", shape.width(), shape.width(), rng, gemm), h);
        feature = g.feedback(g.apply(relu(prefix + FEATURE_POINT, gemm), feature));
        Tensor view = g.apply(new PositionalEncoding(prefix + "direction.encoding", 3, shape.directionFrequencies()),
                directions);
        Tensor joined = g.apply(new Concat(prefix + "view.input"), feature, view);
        Tensor v = g.apply(new Dense(prefix + "view.dense", joined.width(), shape.viewWidth(), rng, gemm), joined);
        v = g.feedback(g.apply(relu(prefix + VIEW_POINT, gemm), v));
        Tensor rgb = g.apply(new Dense(prefix + "rgb", shape.viewWidth(), 3, rng, gemm), v);
        return g.apply(new Concat(prefix + "raw"), rgb, density);
    }

    /** A ReLU computing large inputs as parallel ranges on the run's threads when it has more than one. */
    private static ReLU relu(String name, Gemm gemm) {
        return gemm.threads() > 1 ? new ReLU(name, gemm) : new ReLU(name);
    }
}
