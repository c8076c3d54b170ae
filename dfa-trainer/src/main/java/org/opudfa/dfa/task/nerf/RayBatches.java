package org.opudfa.dfa.task.nerf;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.Batch;
import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.opu.rng.SplitMix64;
import org.opudfa.opu.rng.Xoroshiro128PlusPlus;

/**
 * Batches of rays (rows of a {@link Rays} dataset, served by {@link MiniBatches}) turned into the
 * inputs of a NeRF model: the S sample points of every ray ({@link StratifiedSampling}), one row
 * per point, and the rays' colours as the target. Items are rays.
 *
 * <p>An epoch is one pass over the rays, or, when a number of batches per epoch is given, that
 * many batches, the passes following each other without a break (NeRF counts iterations, not
 * passes; short epochs give more frequent evaluations).
 *
 * <p>The jitter of the samples of a training batch is drawn from a generator re-seeded from
 * (the source's seed, the epoch, the position in the epoch), so it is a function of where the
 * batch sits in the run: a run resumed from a checkpoint sees exactly the points it would have
 * seen, with no generator state to save beyond the batcher's. Evaluation sources do not jitter.
 *
 * <p>For hierarchical sampling (S_f fine samples per ray, {@link HierarchicalSampling}) a batch
 * also holds each sample's distance t along its ray, the rays themselves (origin and direction)
 * and S_f draws per ray in [0, 1) that pick the fine samples by inverse transform sampling: uniform
 * draws when training, taken from the same re-seeded generator after the jitter of every ray of the
 * batch (so the jitter is the same as without fine samples, and a resumed run sees the same
 * draws), and the evenly spaced quantiles {@code (j + ½)/S_f} when evaluating.
 */
public final class RayBatches implements BatchSource {

    /** The sample points, rays·S × 3. */
    public static final Feed.Key<FMatrixRMaj> POINTS = Feed.Key.of("points", FMatrixRMaj.class);
    /** The unit direction of each sample point's ray, rays·S × 3. */
    public static final Feed.Key<FMatrixRMaj> DIRECTIONS = Feed.Key.of("directions", FMatrixRMaj.class);
    /** The length of ray each sample point stands for, rays·S × 1. */
    public static final Feed.Key<FMatrixRMaj> LENGTHS = Feed.Key.of("lengths", FMatrixRMaj.class);
    /** The distance t of each sample point along its ray, rays·S × 1. */
    public static final Feed.Key<FMatrixRMaj> DISTANCES = Feed.Key.of("distances", FMatrixRMaj.class);
    /** The rays, origin then unit direction, rays × 6 (with fine samples). */
    public static final Feed.Key<FMatrixRMaj> RAYS = Feed.Key.of("rays", FMatrixRMaj.class);
    /** The draws in [0, 1) that pick each ray's fine samples, rays × S_f (with fine samples). */
    public static final Feed.Key<FMatrixRMaj> FINE_DRAWS = Feed.Key.of("fine draws", FMatrixRMaj.class);
    /** Columns of {@link #RAYS}: origin, then unit direction. */
    public static final int RAY_WIDTH = 6;
    /** The rays' true colours, rays × 3. */
    public static final Feed.Key<FMatrixRMaj> COLOURS = Feed.Key.of("colours", FMatrixRMaj.class);
    private static final Feed.Key<Batch> BUFFERS = Feed.Key.of("ray batch buffers", Batch.class);

    private final MiniBatches batches;
    private final StratifiedSampling sampling;
    private final Long jitterSeed;
    private final int epochBatches;
    private final int fineSamples;
    private int served;
    private final Xoroshiro128PlusPlus jitterRng = new Xoroshiro128PlusPlus(0);
    private final double[] jitter;
    private final float[] ray = new float[Rays.WIDTH];

    /**
     * @param batches    the rays, batched (a {@link Rays} dataset)
     * @param sampling   where along the rays to sample
     * @param jitterSeed the seed of the samples' jitter, or null for samples at the bins' middles
     * @throws IllegalArgumentException if the dataset does not hold rays
     */
    public RayBatches(MiniBatches batches, StratifiedSampling sampling, Long jitterSeed) {
        this(batches, sampling, jitterSeed, 0, 0);
    }

    /**
     * @param batches         the rays, batched (a {@link Rays} dataset)
     * @param sampling        where along the rays to sample
     * @param jitterSeed      the seed of the samples' jitter, or null for samples at the bins' middles
     * @param batchesPerEpoch batches per epoch, or 0 for one pass over the rays
     * @param fineSamples     S_f, the fine samples per ray whose draws a batch holds, or 0 for none
     * @throws IllegalArgumentException if the dataset does not hold rays or a count is negative
     */
    public RayBatches(MiniBatches batches, StratifiedSampling sampling, Long jitterSeed, int batchesPerEpoch,
                      int fineSamples) {
        this.batches = Objects.requireNonNull(batches, "batches");
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        if (batches.dataset().featureCount() != Rays.WIDTH) {
            throw new IllegalArgumentException("ray batches need a dataset of rays (" + Rays.WIDTH + " columns), got "
                    + batches.dataset().featureCount() + " columns");
        }
        this.jitterSeed = jitterSeed;
        this.jitter = new double[sampling.samples()];
        if (batchesPerEpoch < 0) {
            throw new IllegalArgumentException("batches per epoch must be at least 0 (0: one pass over the rays), got "
                    + batchesPerEpoch);
        }
        this.epochBatches = batchesPerEpoch;
        if (fineSamples < 0) {
            throw new IllegalArgumentException("fine samples per ray must be at least 0 (0: none), got " + fineSamples);
        }
        this.fineSamples = fineSamples;
    }

    /** @return the sampling along the rays */
    public StratifiedSampling sampling() {
        return sampling;
    }

    /** @return the batcher served */
    public MiniBatches batches() {
        return batches;
    }

    @Override
    public Feed newFeed() {
        Batch batch = batches.newBatch();
        int rows = batches.batchSize() * sampling.samples();
        Feed feed = new Feed().put(BUFFERS, batch)
                .put(POINTS, new FMatrixRMaj(rows, 3))
                .put(DIRECTIONS, new FMatrixRMaj(rows, 3))
                .put(LENGTHS, new FMatrixRMaj(rows, 1))
                .put(DISTANCES, new FMatrixRMaj(rows, 1))
                .put(COLOURS, new FMatrixRMaj(batches.batchSize(), 3));
        if (fineSamples > 0) {
            feed.put(RAYS, new FMatrixRMaj(batches.batchSize(), RAY_WIDTH))
                    .put(FINE_DRAWS, new FMatrixRMaj(batches.batchSize(), fineSamples));
        }
        return feed;
    }

    @Override
    public boolean next(Feed feed) {
        if (epochBatches > 0 && served == epochBatches) {
            served = 0;
            return false;
        }
        long epoch = batches.epoch();
        int position = batches.position();
        Batch batch = feed.get(BUFFERS);
        if (!batches.next(batch)) {
            if (epochBatches == 0) {
                return false;
            }
            // the pass ended inside an epoch: the next pass goes on with it
            epoch = batches.epoch();
            position = batches.position();
            batches.next(batch);
        }
        served++;
        int rays = batch.size();
        int s = sampling.samples();
        FMatrixRMaj points = feed.get(POINTS);
        FMatrixRMaj directions = feed.get(DIRECTIONS);
        FMatrixRMaj lengths = feed.get(LENGTHS);
        FMatrixRMaj distances = feed.get(DISTANCES);
        FMatrixRMaj colours = feed.get(COLOURS);
        points.reshape(rays * s, 3);
        directions.reshape(rays * s, 3);
        lengths.reshape(rays * s, 1);
        distances.reshape(rays * s, 1);
        colours.reshape(rays, 3);
        if (jitterSeed != null) {
            jitterRng.reseed(SplitMix64.mix(jitterSeed ^ SplitMix64.mix(epoch * 0x100000000L + position)));
        }
        float[] features = batch.features().data;
        for (int r = 0; r < rays; r++) {
            System.arraycopy(features, r * Rays.WIDTH, ray, 0, Rays.WIDTH);
            if (jitterSeed != null) {
                for (int i = 0; i < s; i++) {
                    jitter[i] = jitterRng.nextDouble();
                }
            }
            sampling.fill(r, ray, 0, jitterSeed == null ? null : jitter, points.data, directions.data, lengths.data,
                    distances.data);
            System.arraycopy(ray, Rays.COLOUR, colours.data, 3 * r, 3);
        }
        if (fineSamples > 0) {
            fillFine(feed, features, rays);
        }
        return true;
    }

    /** The rays and the fine samples' draws of a batch (after the jitter, from the same generator). */
    private void fillFine(Feed feed, float[] features, int rays) {
        FMatrixRMaj origins = feed.get(RAYS);
        FMatrixRMaj draws = feed.get(FINE_DRAWS);
        origins.reshape(rays, RAY_WIDTH);
        draws.reshape(rays, fineSamples);
        for (int r = 0; r < rays; r++) {
            System.arraycopy(features, r * Rays.WIDTH, origins.data, r * RAY_WIDTH, RAY_WIDTH);
            for (int j = 0; j < fineSamples; j++) {
                draws.data[r * fineSamples + j] = jitterSeed != null ? (float) jitterRng.nextDouble()
                        : (float) ((j + 0.5) / fineSamples);
            }
        }
    }

    @Override
    public int batchesPerEpoch() {
        return epochBatches > 0 ? epochBatches : batches.batchesPerEpoch();
    }

    @Override
    public int items(Feed feed) {
        return feed.get(BUFFERS).size();
    }

    @Override
    public String itemName() {
        return "rays";
    }

    @Override
    public MiniBatches.State saveState() {
        return batches.saveState();
    }

    @Override
    public void restoreState(MiniBatches.State state) {
        batches.restoreState(state);
        if (epochBatches > 0) {
            // every batch of a pass but its last is full, so the batches served so far are
            // the passes' batches plus the position's batches rounded up
            long total = state.epoch() * batches.batchesPerEpoch()
                    + (state.position() + batches.batchSize() - 1) / batches.batchSize();
            served = (int) (total % epochBatches);
        } else {
            served = 0;
        }
    }
}
