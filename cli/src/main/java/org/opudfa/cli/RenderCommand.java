package org.opudfa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.metric.Psnr;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.task.nerf.NerfData;
import org.opudfa.dfa.task.nerf.NerfScene;
import org.opudfa.dfa.task.nerf.PinholeCamera;
import org.opudfa.dfa.task.nerf.RayBatches;
import org.opudfa.dfa.task.nerf.RgbaImage;
import org.opudfa.dfa.task.nerf.SceneView;
import org.opudfa.dfa.task.nerf.Ssim;
import org.opudfa.dfa.task.nerf.TrainedNerf;
import org.opudfa.dfa.task.nerf.Turntable;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.opu.kernel.Gemm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa render}: renders the test views of a trained NeRF (from the checkpoint of a
 * {@code train --task nerf --out DIR} run) and a turntable around the scene, as PNGs, and prints
 * the PSNR and SSIM ({@link Ssim}) of each test view.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Render the test views of a NeRF trained by 'opu-dfa train --task nerf --out DIR' (its checkpoint),",
            "and N views on a turntable around the scene, as PNGs in --out: test-NNN.png, test-comparison.png",
            "(the ground truth above the prediction) and turntable-NNN.png. Prints each test view's PSNR and SSIM."
        })
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "DIR", required = true,
            description = "The training's output folder (holding " + TrainCommand.CHECKPOINT + "), or the file.")
    Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the images.")
    Path out;

    @Option(names = "--turntable", paramLabel = "N", defaultValue = "40",
            description = "Views on the turntable, 0 for none (default: ${DEFAULT-VALUE}).")
    int turntable;

    @Option(names = "--threads", paramLabel = "T",
            description = "Compute threads (default: the available processors).")
    Integer threads;

    @Override
    public Integer call() {
        Path file = Files.isDirectory(checkpoint) ? checkpoint.resolve(TrainCommand.CHECKPOINT) : checkpoint;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--checkpoint needs a training's output folder holding "
                    + TrainCommand.CHECKPOINT + " (or the file itself), but " + file + " does not exist");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a folder, but " + out + " is a file");
        }
        if (turntable < 0) {
            throw new IllegalArgumentException("--turntable must be at least 0, got " + turntable);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > Gemm.MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be between 1 and " + Gemm.MAX_THREADS + ", got " + t);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (Gemm gemm = Gemm.withThreads(t)) {
            TrainedNerf nerf = TrainedNerf.of(Checkpoint.read(file), gemm);
            NerfScene scene = NerfData.load(nerf.values(), gemm);
            stderr.println("opu-dfa: data: " + scene.description().note());
            stderr.flush();
            Table table = new Table(List.of("view", "psnr_db", "ssim"));
            double ssimSum = 0;
            Psnr all = new Psnr(RayBatches.COLOURS);
            all.reset();
            List<RgbaImage> truths = new ArrayList<>();
            List<RgbaImage> predictions = new ArrayList<>();
            for (int k = 0; k < scene.test().size(); k++) {
                SceneView view = scene.test().get(k);
                PinholeCamera c = view.camera();
                float[] truth = view.composited(nerf.background());
                float[] predicted = nerf.renderer().render(c);
                Psnr one = new Psnr(RayBatches.COLOURS);
                one.reset();
                Feed target = new Feed().put(RayBatches.COLOURS, FMatrixRMaj.wrap(c.width() * c.height(), 3, truth));
                FMatrixRMaj prediction = FMatrixRMaj.wrap(c.width() * c.height(), 3, predicted);
                one.add(prediction, target);
                all.add(prediction, target);
                double ssim = Ssim.of(predicted, truth, c.width(), c.height(), 3);
                ssimSum += ssim;
                table.add(List.of(view.name(), NumberText.fixed(one.value(), 2), NumberText.fixed(ssim, 4)));
                RgbaImage image = RgbaImage.ofRgb(c.width(), c.height(), predicted);
                image.write(out.resolve(String.format(Locale.ROOT, "test-%03d.png", k)));
                truths.add(RgbaImage.ofRgb(c.width(), c.height(), truth));
                predictions.add(image);
            }
            RgbaImage.grid(new RgbaImage[][] {truths.toArray(new RgbaImage[0]),
                predictions.toArray(new RgbaImage[0])}, 2).write(out.resolve("test-comparison.png"));
            List<PinholeCamera> cameras = turntable == 0 ? List.of()
                    : Turntable.around(scene.test().stream().map(SceneView::camera).toList(), turntable);
            for (int k = 0; k < cameras.size(); k++) {
                nerf.renderer().image(cameras.get(k)).write(out.resolve(String.format(Locale.ROOT, "turntable-%03d.png",
                        k)));
            }
            table.print(stdout);
            stdout.println("test PSNR over all " + scene.test().size() + " views: " + NumberText.fixed(all.value(), 2)
                    + " dB, mean SSIM " + NumberText.fixed(ssimSum / scene.test().size(), 4) + "; wrote " + scene.test().size() + " test views and " + cameras.size()
                    + " turntable views to " + out);
            stdout.flush();
        }
        return 0;
    }
}
