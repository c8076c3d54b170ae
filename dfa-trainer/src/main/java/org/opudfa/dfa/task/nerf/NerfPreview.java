package org.opudfa.dfa.task.nerf;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.TrainingListener;

/**
 * Writes, every few epochs of a run, a PNG of one validation view: the ground truth on the left and
 * the model's rendering on the right, as {@code preview-epoch-<NNN>.png} in a folder. Writing runs
 * on the training thread after the epoch's evaluation, with the model in inference mode.
 */
public final class NerfPreview implements TrainingListener {

    private final NerfRenderer renderer;
    private final SceneView view;
    private final Background background;
    private final Path folder;
    private final int every;

    /**
     * @param renderer   renders with the model being trained
     * @param view       the view to show
     * @param background what shows through the view's transparent parts
     * @param folder     where to write the images (created if missing)
     * @param every      write after every N-th epoch, at least 1
     */
    public NerfPreview(NerfRenderer renderer, SceneView view, Background background, Path folder, int every) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.view = Objects.requireNonNull(view, "view");
        this.background = Objects.requireNonNull(background, "background");
        this.folder = Objects.requireNonNull(folder, "folder");
        if (every < 1) {
            throw new IllegalArgumentException("previews are written every N epochs for N at least 1, got " + every);
        }
        this.every = every;
    }

    /**
     * @param epoch a 1-based epoch
     * @return the file the preview of that epoch goes to
     */
    public Path file(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "preview-epoch-%03d.png", epoch));
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        if (metrics.epoch() % every == 0) {
            renderer.sideBySide(view, background).write(file(metrics.epoch()));
        }
    }
}
