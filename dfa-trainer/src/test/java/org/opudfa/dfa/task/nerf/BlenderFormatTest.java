package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlenderFormatTest {

    private static final String MATRIX = "[[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 4], [0, 0, 0, 1]]";

    @TempDir
    Path folder;

    /** A valid scene of one 2×2 frame per split, the training transforms written by each test. */
    @BeforeEach
    void writeImagesAndOtherSplits() {
        RgbaImage image = new RgbaImage(2, 2, new byte[] {
            (byte) 255, 0, 0, (byte) 255, 0, (byte) 255, 0, (byte) 128,
            0, 0, (byte) 255, 0, 10, 20, 30, 40});
        for (String split : BlenderFormat.SPLITS) {
            image.write(folder.resolve(split).resolve("r_0.png"));
            if (!split.equals("train")) {
                write(split, "{\"camera_angle_x\": 0.5, \"frames\": [{\"file_path\": \"./" + split + "/r_0\", "
                        + "\"transform_matrix\": " + MATRIX + "}]}");
            }
        }
    }

    private void write(String split, String json) {
        try {
            Files.writeString(folder.resolve(BlenderFormat.transformsFile(split)), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String error(String trainJson) {
        write("train", trainJson);
        return assertThrows(IllegalArgumentException.class, () -> BlenderFormat.read(folder)).getMessage();
    }

    private String transforms() {
        return folder.resolve("transforms_train.json").toString();
    }

    @Test
    void readsFramesImagesAndTheFieldOfView() {
        write("train", "{\n  \"camera_angle_x\": 0.5,\n  \"other\": {\"ignored\": [1, 2]},\n  \"frames\": [\n"
                + "    {\"file_path\": \"./train/r_0\", \"rotation\": 0.1, \"transform_matrix\": " + MATRIX + "}\n  ]\n}");
        List<BlenderSplit> splits = BlenderFormat.read(folder);
        assertEquals(3, splits.size());
        BlenderSplit train = splits.get(0);
        assertEquals(0.5, train.cameraAngleX());
        assertEquals(1, train.frames().size());
        BlenderFrame frame = train.frames().get(0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 4, 0, 0, 0, 1}, frame.transformMatrix());
        assertEquals(255, frame.image().get(0, 0, 0));
        assertEquals(128, frame.image().get(1, 0, 3));
        SceneView view = train.views(0).get(0);
        assertEquals("train/r_0", view.name());
        assertEquals(PinholeCamera.focalFromAngle(2, 0.5), view.camera().focal());
        // premultiplied: the half-transparent green pixel is (0, 128/255, 0, 128/255)
        assertEquals(128 / 255.0, view.rgba()[5], 1e-6);
        assertEquals(6, BlenderFormat.files(folder, splits).size(), "3 transforms files and 3 images");
    }

    @Test
    void writesWhatItReads() {
        List<BlenderSplit> generated = new SceneGenerator(8, 2, 1, 1, 4, 3).generate(
                new QuadratureRenderer(AnalyticVolume.defaultScene(), 0.02), org.opudfa.opu.kernel.Gemm.singleThreaded());
        Path out = folder.resolve("scene");
        BlenderFormat.write(out, generated);
        assertTrue(Files.isRegularFile(out.resolve("train/r_1.png")));
        List<BlenderSplit> read = BlenderFormat.read(out);
        for (int s = 0; s < 3; s++) {
            assertEquals(generated.get(s).cameraAngleX(), read.get(s).cameraAngleX());
            for (int f = 0; f < generated.get(s).frames().size(); f++) {
                BlenderFrame a = generated.get(s).frames().get(f);
                BlenderFrame b = read.get(s).frames().get(f);
                assertEquals(a.filePath(), b.filePath());
                assertArrayEquals(a.transformMatrix(), b.transformMatrix());
                assertEquals(a.image(), b.image());
            }
        }
    }

    @Test
    void malformedJsonNamesTheLine() {
        String message = error("{\n  \"camera_angle_x\": 0.5,\n  \"frames\": [\n    {\"file_path\": \"./train/r_0\",,}\n]}");
        assertEquals(transforms() + " is not valid JSON at line 4: Unexpected character (',' (code 44)): was expecting "
                + "double-quote to start field name", message);
    }

    @Test
    void aMissingImageIsNamed() {
        String message = error("{\"camera_angle_x\": 0.5,\n \"frames\": [\n{\"file_path\": \"./train/r_7\", "
                + "\"transform_matrix\": " + MATRIX + "}]}");
        assertEquals(transforms() + " frame 0 (line 3) names the image ./train/r_7, but "
                + folder.resolve("train/r_7.png") + " does not exist", message);
    }

    @Test
    void aMatrixThatIsNotFourByFourIsRefused() {
        String threeRows = error("{\"camera_angle_x\": 0.5, \"frames\": [{\"file_path\": \"./train/r_0\", "
                + "\"transform_matrix\": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 4]]}]}");
        assertEquals(transforms() + " frame 0 (line 1) has a transform_matrix of 3 entries; a 4×4 transform_matrix "
                + "(a list of 4 rows of 4 numbers) is expected", threeRows);
        String shortRow = error("{\"camera_angle_x\": 0.5, \"frames\": [\n\n{\"file_path\": \"./train/r_0\", "
                + "\"transform_matrix\": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]]}]}");
        assertEquals(transforms() + " frame 0 (line 3) has a transform_matrix whose row 0 is 3 entries, so the matrix "
                + "is not square; a 4×4 transform_matrix (a list of 4 rows of 4 numbers) is expected", shortRow);
        String text = error("{\"camera_angle_x\": 0.5, \"frames\": [{\"file_path\": \"./train/r_0\", "
                + "\"transform_matrix\": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, \"x\"], [0, 0, 0, 1]]}]}");
        assertEquals(transforms() + " frame 0 (line 1) has a transform_matrix entry (2, 3) that is not a finite number: "
                + "\"x\"", text);
    }

    @Test
    void missingFieldsAndFilesAreNamed() {
        assertEquals(transforms() + " has no camera_angle_x (the horizontal field of view in radians)",
                error("{\"frames\": [{\"file_path\": \"./train/r_0\", \"transform_matrix\": " + MATRIX + "}]}"));
        assertEquals(transforms() + " has no frames (a list of objects with file_path and transform_matrix)",
                error("{\"camera_angle_x\": 0.5}"));
        assertEquals(transforms() + " frame 0 (line 1) has no file_path (the image's path relative to the scene folder)",
                error("{\"camera_angle_x\": 0.5, \"frames\": [{\"transform_matrix\": " + MATRIX + "}]}"));
        assertEquals(transforms() + " line 1: camera_angle_x must be a number (the horizontal field of view in "
                + "radians), got wide", error("{\"camera_angle_x\": \"wide\", \"frames\": []}"));
        try {
            Files.delete(folder.resolve("transforms_val.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        write("train", "{\"camera_angle_x\": 0.5, \"frames\": [{\"file_path\": \"./train/r_0\", \"transform_matrix\": "
                + MATRIX + "}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlenderFormat.read(folder));
        assertEquals("the scene folder " + folder + " has no transforms_val.json (a Blender-format scene holds "
                + "transforms_train.json, transforms_val.json and transforms_test.json)", e.getMessage());
    }

    @Test
    void anImageThatIsNotAnImageIsNamed() throws IOException {
        Files.writeString(folder.resolve("train/r_0.png"), "not a png");
        String message = error("{\"camera_angle_x\": 0.5, \"frames\": [{\"file_path\": \"./train/r_0\", "
                + "\"transform_matrix\": " + MATRIX + "}]}");
        assertEquals(transforms() + " frame 0 (line 1): the file " + folder.resolve("train/r_0.png") + " is not an "
                + "image in a format this reader knows (PNG expected)", message);
    }
}
