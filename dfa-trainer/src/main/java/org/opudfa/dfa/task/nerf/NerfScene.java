package org.opudfa.dfa.task.nerf;

import java.util.List;
import java.util.Objects;

import org.opudfa.dfa.data.DataDescription;

/**
 * A scene to learn: its training, validation and test views, and what it is.
 *
 * @param train       the views the network learns from
 * @param validation  the views measured during training (and previewed)
 * @param test        the held-out views of the final table
 * @param description where it came from, with the files read
 */
public record NerfScene(List<SceneView> train, List<SceneView> validation, List<SceneView> test,
                        DataDescription description) {

    /**
     * Copies the lists.
     *
     * @param train       the training views, at least one
     * @param validation  the validation views, at least one
     * @param test        the test views, at least one
     * @param description what the scene is
     * @throws IllegalArgumentException if a split is empty
     */
    public NerfScene {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        Objects.requireNonNull(description, "description");
        requireViews("training", train);
        requireViews("validation", validation);
        requireViews("test", test);
    }

    private static void requireViews(String split, List<SceneView> views) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("a scene needs at least 1 " + split + " view, got none");
        }
    }

    /**
     * @param width the new image width, or 0 to keep every view as it is
     * @return the scene with every view {@linkplain SceneView#shrunk shrunk} to that width
     */
    public NerfScene shrunk(int width) {
        if (width == 0) {
            return this;
        }
        return new NerfScene(train.stream().map(v -> v.shrunk(width)).toList(),
                validation.stream().map(v -> v.shrunk(width)).toList(),
                test.stream().map(v -> v.shrunk(width)).toList(), description);
    }
}
