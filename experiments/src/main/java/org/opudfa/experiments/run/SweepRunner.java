package org.opudfa.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.experiments.report.ResultFiles;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * Runs every point of a sweep on a bounded pool of worker threads, each point writing its own
 * result file {@code points/ID.json} (atomically) as soon as it finishes, then writes the sweep's
 * result files ({@link ResultFiles}).
 *
 * <p>Resumable: a point whose result file exists is read back instead of run, so an interrupted
 * sweep continues where it stopped and a finished one is only re-reported. A point's id is a hash
 * of its settings, so changing a point's settings makes it a new point.
 *
 * <p>Reproducible and independent of the pool size: every point derives all its randomness from
 * its own seed and trains on one thread, so the result files do not depend on {@code jobs} or on
 * the order points finish in.
 */
public final class SweepRunner {

    /** The folder, inside a sweep's folder, holding one result file per point. */
    public static final String POINTS_FOLDER = "points";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int jobs;
    private final SweepListener listener;
    private final boolean resume;

    /**
     * A runner that resumes: points finished by an earlier run are read back, not run again.
     *
     * @param jobs     points run at once, at least 1
     * @param listener receives progress
     * @throws IllegalArgumentException if {@code jobs < 1}
     */
    public SweepRunner(int jobs, SweepListener listener) {
        this(jobs, listener, true);
    }

    /**
     * @param jobs     points run at once, at least 1
     * @param listener receives progress
     * @param resume   whether points finished by an earlier run are read back instead of run again
     * @throws IllegalArgumentException if {@code jobs < 1}
     */
    public SweepRunner(int jobs, SweepListener listener, boolean resume) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        this.jobs = jobs;
        this.listener = listener;
        this.resume = resume;
    }

    /**
     * Runs the points not yet finished in {@code folder}, then writes the sweep's files there.
     *
     * @param spec   the sweep
     * @param folder its output folder (created if missing)
     * @return every point's result, in the spec's order
     * @throws UncheckedIOException if a file cannot be read or written
     * @throws RuntimeException     whatever a point threw (finished points keep their files)
     */
    public SweepOutcome run(SweepSpec spec, Path folder) {
        Path points = folder.resolve(POINTS_FOLDER);
        try {
            Files.createDirectories(points);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + points + ": " + e.getMessage(), e);
        }
        int total = spec.points().size();
        PointResult[] results = new PointResult[total];
        AtomicInteger done = new AtomicInteger();
        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : spec.points()) {
            Path file = pointFile(folder, p);
            if (resume && Files.exists(file)) {
                results[p.index()] = read(file, p);
                listener.pointFinished(spec, results[p.index()], true, done.incrementAndGet(), total);
            } else {
                todo.add(p);
            }
        }
        int skipped = total - todo.size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, todo.size())), r -> {
            Thread t = new Thread(r, "sweep-" + spec.name());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepPoint p : todo) {
                futures.add(pool.submit(() -> {
                    listener.pointStarted(spec, p);
                    PointResult r = runPoint(spec, folder, p);
                    write(pointFile(folder, p), r);
                    results[p.index()] = r;
                    listener.pointFinished(spec, r, false, done.incrementAndGet(), total);
                }));
            }
            for (Future<?> f : futures) {
                await(f, pool);
            }
        } finally {
            pool.shutdownNow();
        }
        List<PointResult> all = List.of(results);
        ResultFiles.writeSweep(spec, all, folder);
        return new SweepOutcome(spec, folder, all, skipped);
    }

    private PointResult runPoint(SweepSpec spec, Path folder, SweepPoint p) {
        return switch (spec.kind()) {
            case TRAINING -> TrainingPointRunner.run(p, 1, new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    listener.epochFinished(spec, p, metrics);
                }
            }, pointFolder(folder, p));
            case FIDELITY -> FidelityPointRunner.run(p);
            case COST -> CostPointRunner.run(p);
        };
    }

    private static void await(Future<?> f, ExecutorService pool) {
        try {
            f.get();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * @param folder the sweep's folder
     * @param point  a point
     * @return the point's result file
     */
    public static Path pointFile(Path folder, SweepPoint point) {
        return folder.resolve(POINTS_FOLDER).resolve(point.id() + ".json");
    }

    /**
     * @param folder the sweep's folder
     * @param point  a training point
     * @return the folder its task writes its own output into (images), {@code points/ID/}
     */
    public static Path pointFolder(Path folder, SweepPoint point) {
        return folder.resolve(POINTS_FOLDER).resolve(point.id());
    }

    private static void write(Path file, PointResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", r.point().id());
        doc.put("label", r.point().label());
        doc.put("settings", r.point().settings());
        doc.put("results", r.results());
        doc.put("timings", r.timings());
        doc.put("epochs", r.epochs());
        doc.put("data", r.data());
        doc.put("files", r.files());
        AtomicFiles.write(file, out -> JSON.writeValue(out, doc));
    }

    private static PointResult read(Path file, SweepPoint point) {
        try {
            Map<String, Object> doc = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            return new PointResult(point, map(doc.get("results")), map(doc.get("timings")), epochs(doc.get("epochs")),
                    String.valueOf(doc.getOrDefault("data", "")), strings(doc.get("files")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the finished point " + file + " (delete it to rerun the"
                    + " point): " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> epochs(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }
}
