package org.opudfa.dfa.task.nerf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opudfa.dfa.data.IdxReader;
import org.opudfa.dfa.data.SourceFile;
import org.opudfa.dfa.io.AtomicFiles;

/**
 * Reads and writes scenes in the Blender format of NeRF's synthetic data sets: a folder holding
 * {@code transforms_train.json}, {@code transforms_val.json} and {@code transforms_test.json}, each
 * a JSON object
 * <pre>{@code
 * { "camera_angle_x": 0.6911,
 *   "frames": [ { "file_path": "./train/r_0",
 *                 "transform_matrix": [[r, r, r, x], [r, r, r, y], [r, r, r, z], [0, 0, 0, 1]] }, ... ] }
 * }</pre>
 * where {@code camera_angle_x} is the horizontal field of view in radians, {@code file_path} the
 * image relative to the folder ({@code .png} is added when the path has no extension) and
 * {@code transform_matrix} the camera-to-world matrix of {@link PinholeCamera}. Images are RGBA PNGs
 * with a transparent background. Other fields are ignored.
 *
 * <p>Every problem is reported as one sentence naming the file and, inside a transforms file, the
 * line: malformed JSON, a missing field, a matrix that is not 4 × 4 numbers, a missing or
 * unreadable image.
 */
public final class BlenderFormat {

    /** The three splits, in the order scenes hold them. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    private static final ObjectMapper JSON = new ObjectMapper();

    private BlenderFormat() {
    }

    /**
     * @param split {@code "train"}, {@code "val"} or {@code "test"}
     * @return the transforms file's name, {@code transforms_<split>.json}
     */
    public static String transformsFile(String split) {
        return "transforms_" + split + ".json";
    }

    /**
     * Reads the three splits of a scene folder.
     *
     * @param folder the scene folder
     * @return the splits train, val and test, in that order
     * @throws IllegalArgumentException if the folder, a transforms file or an image is missing or malformed
     */
    public static List<BlenderSplit> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("the scene folder " + folder + " does not exist (a Blender-format scene "
                    + "is a folder holding transforms_train.json, transforms_val.json and transforms_test.json)");
        }
        List<BlenderSplit> splits = new ArrayList<>();
        for (String split : SPLITS) {
            splits.add(readSplit(folder, split));
        }
        return splits;
    }

    /**
     * Reads one split: its transforms file and every image it names.
     *
     * @param folder the scene folder
     * @param split  {@code "train"}, {@code "val"} or {@code "test"}
     * @return the split
     * @throws IllegalArgumentException if the transforms file or an image is missing or malformed
     */
    public static BlenderSplit readSplit(Path folder, String split) {
        Path file = folder.resolve(transformsFile(split));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the scene folder " + folder + " has no " + file.getFileName()
                    + " (a Blender-format scene holds transforms_train.json, transforms_val.json and "
                    + "transforms_test.json)");
        }
        String where = file.toString();
        Double angle = null;
        List<BlenderFrame> frames = null;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(where + " must hold a JSON object at line " + line(p) + ", it starts "
                        + "with " + p.currentToken());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("camera_angle_x")) {
                    if (!value.isNumeric()) {
                        throw new IllegalArgumentException(where + " line " + line(p) + ": camera_angle_x must be a number "
                                + "(the horizontal field of view in radians), got " + p.getText());
                    }
                    angle = p.getDoubleValue();
                    if (!(angle > 0 && angle < Math.PI)) {
                        throw new IllegalArgumentException(where + " line " + line(p) + ": camera_angle_x must be an angle "
                                + "in radians between 0 and π, got " + angle);
                    }
                } else if (field.equals("frames")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new IllegalArgumentException(where + " line " + line(p) + ": frames must be a list of "
                                + "frames, got " + p.getText());
                    }
                    frames = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        int frameLine = line(p);
                        JsonNode node = JSON.readTree(p);
                        frames.add(frame(folder, node, frames.size(), where, frameLine));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException(where + " has text after its JSON object at line " + line(p));
            }
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(where + " is not valid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + message, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + where + ": " + e.getMessage(), e);
        }
        if (angle == null) {
            throw new IllegalArgumentException(where + " has no camera_angle_x (the horizontal field of view in radians)");
        }
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException(where + " has no frames (a list of objects with file_path and "
                    + "transform_matrix)");
        }
        return new BlenderSplit(split, angle, frames);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static BlenderFrame frame(Path folder, JsonNode node, int index, String where, int line) {
        String frame = where + " frame " + index + " (line " + line + ")";
        if (!node.isObject()) {
            throw new IllegalArgumentException(frame + " must be an object with file_path and transform_matrix");
        }
        JsonNode path = node.get("file_path");
        if (path == null || !path.isTextual() || path.asText().isEmpty()) {
            throw new IllegalArgumentException(frame + " has no file_path (the image's path relative to the scene "
                    + "folder)");
        }
        double[] m = matrix(node.get("transform_matrix"), frame);
        Path image = imagePath(folder, path.asText());
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException(frame + " names the image " + path.asText() + ", but " + image
                    + " does not exist");
        }
        RgbaImage rgba;
        try {
            rgba = RgbaImage.read(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(frame + ": " + e.getMessage(), e);
        }
        return new BlenderFrame(path.asText(), m, rgba);
    }

    /**
     * @param folder   the scene folder
     * @param filePath a frame's {@code file_path}
     * @return the image file: the path as given if it has an extension, else with {@code .png}
     */
    public static Path imagePath(Path folder, String filePath) {
        String name = filePath.substring(filePath.lastIndexOf('/') + 1);
        return folder.resolve(name.contains(".") ? filePath : filePath + ".png").normalize();
    }

    private static double[] matrix(JsonNode node, String frame) {
        String expected = "a 4×4 transform_matrix (a list of 4 rows of 4 numbers)";
        if (node == null) {
            throw new IllegalArgumentException(frame + " has no transform_matrix; " + expected + " is expected");
        }
        if (!node.isArray() || node.size() != 4) {
            throw new IllegalArgumentException(frame + " has a transform_matrix of " + describe(node) + "; " + expected
                    + " is expected");
        }
        double[] m = new double[16];
        for (int r = 0; r < 4; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray() || row.size() != 4) {
                throw new IllegalArgumentException(frame + " has a transform_matrix whose row " + r + " is "
                        + describe(row) + ", so the matrix is not square; " + expected + " is expected");
            }
            for (int c = 0; c < 4; c++) {
                JsonNode v = row.get(c);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw new IllegalArgumentException(frame + " has a transform_matrix entry (" + r + ", " + c + ") that is "
                            + "not a finite number: " + v);
                }
                m[4 * r + c] = v.asDouble();
            }
        }
        return m;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return node.size() + (node.size() == 1 ? " entry" : " entries");
        }
        return "type " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Writes a scene folder: the three transforms files and every frame's image as an RGBA PNG at
     * its {@code file_path} (with {@code .png} added when the path has no extension). Each file is
     * written atomically.
     *
     * @param folder the scene folder, created if missing
     * @param splits the splits to write
     * @throws UncheckedIOException if a file cannot be written
     */
    public static void write(Path folder, List<BlenderSplit> splits) {
        for (BlenderSplit split : splits) {
            for (BlenderFrame f : split.frames()) {
                f.image().write(imagePath(folder, f.filePath()));
            }
            AtomicFiles.write(folder.resolve(transformsFile(split.name())), out -> {
                try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                    g.useDefaultPrettyPrinter();
                    g.writeStartObject();
                    g.writeNumberField("camera_angle_x", split.cameraAngleX());
                    g.writeArrayFieldStart("frames");
                    for (BlenderFrame f : split.frames()) {
                        g.writeStartObject();
                        g.writeStringField("file_path", f.filePath());
                        g.writeArrayFieldStart("transform_matrix");
                        double[] m = f.transformMatrix();
                        for (int r = 0; r < 4; r++) {
                            g.writeArray(m, 4 * r, 4);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            });
        }
    }

    /**
     * @param folder a scene folder
     * @param splits its splits, as read
     * @return every file of the scene (transforms files and images) with its size and SHA-256, for provenance
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<SourceFile> files(Path folder, List<BlenderSplit> splits) {
        List<SourceFile> files = new ArrayList<>();
        for (BlenderSplit split : splits) {
            files.add(sourceFile(folder.resolve(transformsFile(split.name()))));
            for (BlenderFrame f : split.frames()) {
                files.add(sourceFile(imagePath(folder, f.filePath())));
            }
        }
        return files;
    }

    private static SourceFile sourceFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new SourceFile(file.toString(), bytes.length, IdxReader.sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
