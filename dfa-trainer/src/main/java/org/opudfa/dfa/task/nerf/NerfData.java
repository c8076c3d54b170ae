package org.opudfa.dfa.task.nerf;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.opu.kernel.Gemm;

/**
 * The scene a NeRF run learns: read from a Blender-format folder ({@link BlenderFormat}) or, when
 * none is given, the generated scene of {@link SceneGenerator#defaults()} rendered in memory
 * (exactly what {@code opu-dfa data nerf} writes, without the round trip through PNG files, which
 * is lossless), then shrunk to the image size asked for and limited to the training views asked
 * for.
 */
public final class NerfData {

    private static final Map<List<Object>, SoftReference<NerfScene>> CACHE = new HashMap<>();

    private NerfData() {
    }

    /**
     * Loads the scene the settings name. Each (folder, image size) is read or generated once per
     * JVM and shared while memory allows (scenes are read-only), so the runs of an experiment do
     * not render or read it again.
     *
     * @param values the task's settings
     * @param gemm   whose threads render a generated scene
     * @return the scene
     * @throws IllegalArgumentException if the folder is not a readable Blender-format scene or the
     *     image size is larger than its images
     */
    public static NerfScene load(SettingValues values, Gemm gemm) {
        Path folder = values.get(NerfSettings.DATA);
        int size = values.get(NerfSettings.IMAGE_SIZE);
        List<Object> key = List.of(String.valueOf(folder), size);
        NerfScene scene;
        synchronized (CACHE) {
            SoftReference<NerfScene> ref = CACHE.get(key);
            scene = ref == null ? null : ref.get();
            if (scene == null) {
                scene = read(folder, size, gemm);
                CACHE.put(key, new SoftReference<>(scene));
            }
        }
        int trainViews = values.get(NerfSettings.TRAIN_VIEWS);
        if (trainViews > 0 && trainViews < scene.train().size()) {
            scene = new NerfScene(scene.train().subList(0, trainViews), scene.validation(), scene.test(),
                    new DataDescription(scene.description().note() + ", first " + trainViews + " training views",
                            scene.description().files()));
        }
        return scene;
    }

    /**
     * @param folder a Blender-format scene folder, or null for the generated scene
     * @param size   the image width to shrink to, 0 to keep
     * @param gemm   whose threads render a generated scene
     * @return the scene
     */
    public static NerfScene read(Path folder, int size, Gemm gemm) {
        List<BlenderSplit> splits;
        String note;
        DataDescription description;
        if (folder == null) {
            SceneGenerator generator = SceneGenerator.defaults();
            splits = generator.generate(gemm);
            note = generator.describe();
            description = new DataDescription(note, List.of());
        } else {
            splits = BlenderFormat.read(folder);
            note = "Blender-format scene from " + folder;
            description = new DataDescription(note, BlenderFormat.files(folder, splits));
        }
        try {
            List<SceneView> train = splits.get(0).views(size);
            List<SceneView> val = splits.get(1).views(size);
            List<SceneView> test = splits.get(2).views(size);
            PinholeCamera c = train.get(0).camera();
            String sizes = " (" + train.size() + " training, " + val.size() + " validation, " + test.size()
                    + " test views" + (size == 0 ? "" : ", shrunk to " + c.width() + "×" + c.height()) + ")";
            return new NerfScene(train, val, test,
                    new DataDescription(description.note() + sizes, description.files()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the image size " + size + " does not suit the scene: " + e.getMessage(), e);
        }
    }
}
