package org.opudfa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.opudfa.dfa.task.nerf.BlenderFormat;
import org.opudfa.dfa.task.nerf.BlenderSplit;
import org.opudfa.dfa.task.nerf.SceneGenerator;
import org.opudfa.opu.kernel.Gemm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa data nerf}: renders the generated NeRF scene ({@link SceneGenerator}) and writes
 * it in the Blender format, for {@code train --task nerf --data DIR}.
 */
@Command(name = "nerf", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Render the generated NeRF scene exactly and write it in the Blender format of NeRF's synthetic",
            "scenes: transforms_train.json, transforms_val.json, transforms_test.json and RGBA PNGs with a",
            "transparent background. The scene: an opaque banded ball, a translucent blue box, an opaque",
            "green and white ring and a faint magenta ball, about the origin, z up. Training and validation",
            "cameras are drawn on the upper hemisphere from the seed; the test cameras are a turntable at 30",
            "degrees. Then: opu-dfa train --task nerf --data DIR."
        })
final class NerfDataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The scene folder to write.")
    Path out;

    @Option(names = "--size", paramLabel = "N", defaultValue = "64",
            description = "Image width and height in pixels, 8 to 4096 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--train-views", paramLabel = "N", defaultValue = "100",
            description = "Training views (default: ${DEFAULT-VALUE}).")
    int trainViews;

    @Option(names = "--val-views", paramLabel = "N", defaultValue = "10",
            description = "Validation views (default: ${DEFAULT-VALUE}).")
    int valViews;

    @Option(names = "--test-views", paramLabel = "N", defaultValue = "25",
            description = "Test views, on a turntable (default: ${DEFAULT-VALUE}).")
    int testViews;

    @Option(names = "--radius", paramLabel = "R", defaultValue = "4",
            description = "Distance of the cameras from the origin, at least 2 (default: ${DEFAULT-VALUE}).")
    double radius;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the training and validation cameras (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads rendering the views (default: the available processors).")
    Integer threads;

    @Override
    public Integer call() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a folder, but " + out + " is a file");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > Gemm.MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be between 1 and " + Gemm.MAX_THREADS + ", got " + t);
        }
        SceneGenerator generator = new SceneGenerator(size, trainViews, valViews, testViews, radius, seed);
        List<BlenderSplit> splits;
        try (Gemm gemm = Gemm.withThreads(t)) {
            splits = generator.generate(gemm);
        }
        BlenderFormat.write(out, splits);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out + ": " + generator.describe());
        stdout.println("train on it with: opu-dfa train --task nerf --data " + out);
        stdout.flush();
        return 0;
    }
}
