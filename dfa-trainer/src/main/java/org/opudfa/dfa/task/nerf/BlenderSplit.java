package org.opudfa.dfa.task.nerf;

import java.util.List;
import java.util.Objects;

/**
 * One {@code transforms_<name>.json} of a Blender-format scene and its images.
 *
 * @param name         {@code "train"}, {@code "val"} or {@code "test"}
 * @param cameraAngleX the horizontal field of view in radians ({@code camera_angle_x})
 * @param frames       the frames, in file order
 */
public record BlenderSplit(String name, double cameraAngleX, List<BlenderFrame> frames) {

    /**
     * Copies the list.
     *
     * @param name         the split's name
     * @param cameraAngleX the field of view in radians
     * @param frames       the frames
     */
    public BlenderSplit {
        Objects.requireNonNull(name, "name");
        frames = List.copyOf(frames);
    }

    /**
     * @param imageWidth the width to shrink every image to ({@link SceneView#shrunk}), or 0 to keep it
     * @return the views, in frame order
     */
    public List<SceneView> views(int imageWidth) {
        return frames.stream().map(f -> {
            SceneView v = f.view(cameraAngleX);
            return imageWidth == 0 ? v : v.shrunk(imageWidth);
        }).toList();
    }
}
