package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.task.nerf.RgbaImage;

/**
 * The NeRF commands end to end on a tiny scene: {@code data nerf} writes a Blender-format scene,
 * {@code train --task nerf} learns it and writes previews into {@code --out}, {@code render}
 * renders the test views and a turntable from the checkpoint.
 */
class NerfCommandsTest {

    @TempDir
    static Path dir;

    private static Path scene;
    private static Path run;
    private static CliRun data;
    private static CliRun train;

    @BeforeAll
    static void generateAndTrain() {
        scene = dir.resolve("scene");
        run = dir.resolve("run");
        data = CliRun.run("data", "nerf", "--out", scene.toString(), "--size", "8", "--train-views", "3",
                "--val-views", "1", "--test-views", "2", "--threads", "1");
        train = CliRun.run("train", "--task", "nerf", "--data", scene.toString(), "--samples", "8", "--layers", "2",
                "--width", "16", "--view-width", "8", "--batch-size", "64", "--epochs", "2", "--threads", "1",
                "--method", "dfa", "--projector", "exact", "--near", "2.5", "--far", "5.5", "--out", run.toString());
    }

    @Test
    void dataWritesABlenderFormatScene() {
        assertEquals(0, data.exitCode(), data.err());
        assertTrue(Files.isRegularFile(scene.resolve("transforms_train.json")));
        assertTrue(Files.isRegularFile(scene.resolve("test/r_1.png")));
        assertEquals(8, RgbaImage.read(scene.resolve("val/r_0.png")).width());
        assertEquals("wrote " + scene + ": generated scene (four coloured, partly translucent primitives, rendered "
                + "exactly; 8×8, 3 training, 1 validation, 2 test views, seed 0)", data.outLines().get(0));
    }

    @Test
    void trainingOnTheSceneReportsPsnrAndWritesPreviews() {
        assertEquals(0, train.exitCode(), train.err());
        String header = train.outLines().get(0);
        assertTrue(header.contains("validation_psnr") && header.contains("test_psnr") && header.contains("rays/s"), header);
        assertEquals(3, train.outLines().size(), "a header and 2 epochs");
        RgbaImage preview = RgbaImage.read(run.resolve("preview-epoch-002.png"));
        assertEquals(16, preview.width(), "ground truth beside the prediction");
    }

    @Test
    void renderWritesTheTestViewsATurntableAndTheirPsnr() {
        Path images = dir.resolve("images");
        CliRun render = CliRun.run("render", "--checkpoint", run.toString(), "--out", images.toString(),
                "--turntable", "3", "--threads", "1");
        assertEquals(0, render.exitCode(), render.err());
        assertTrue(Files.isRegularFile(images.resolve("test-001.png")));
        assertTrue(Files.isRegularFile(images.resolve("turntable-002.png")));
        RgbaImage comparison = RgbaImage.read(images.resolve("test-comparison.png"));
        assertEquals(2 * 8 + 2, comparison.width());
        assertEquals(2 * 8 + 2, comparison.height());
        List<String> lines = render.outLines();
        assertTrue(lines.get(0).startsWith("view") && lines.get(0).contains("ssim"), lines.get(0));
        assertTrue(lines.get(2).startsWith("test/r_0"), lines.get(2));
        assertTrue(lines.get(lines.size() - 1).startsWith("test PSNR over all 2 views: "), lines.get(lines.size() - 1));
        assertTrue(lines.get(lines.size() - 1).contains(" dB, mean SSIM "), lines.get(lines.size() - 1));
    }

    @Test
    void trainsHelpSaysWhatASharedOptionNameMeansForEachTask() {
        String help = CliRun.run("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--data=PATH Mlp: folder holding the Fashion-MNIST IDX files (unset: the installed "
                + "package's); "), help);
        assertTrue(help.contains("; nerf: Blender-format scene folder (transforms_*.json and PNGs;"), help);
    }

    @Test
    void renderRefusesWhatIsNotANerfCheckpoint() {
        CliRun missing = CliRun.run("render", "--checkpoint", dir.resolve("nothing").toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.exitCode());
        assertEquals("opu-dfa: --checkpoint needs a training's output folder holding checkpoint.bin (or the file "
                + "itself), but " + dir.resolve("nothing") + " does not exist",
                missing.errLines().get(0));
        Path mlp = dir.resolve("mlp");
        CliRun trained = CliRun.run("train", "--dataset", "synthetic", "--train-limit", "200", "--test-limit", "100",
                "--hidden", "8", "--epochs", "1", "--threads", "1", "--projector", "exact", "--out", mlp.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        CliRun other = CliRun.run("render", "--checkpoint", mlp.toString(), "--out", dir.resolve("y").toString());
        assertEquals(Main.EXIT_BAD_INPUT, other.exitCode());
        assertEquals("opu-dfa: the checkpoint was not written by a nerf training run (the checkpoint was written by a mlp "
                + "run, not nerf)", other.errLines().get(0));
    }
}
