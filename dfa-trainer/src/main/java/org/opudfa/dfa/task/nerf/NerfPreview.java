package org.opudfa.dfa.task.nerf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.TrainingListener;

/**
 * The images a NeRF run writes into its output folder as it trains, on the training thread after
 * each epoch's evaluation, with the model in inference mode:
 * <ul>
 *   <li>every few epochs, {@code preview-epoch-<NNN>.png}: one validation view, the ground truth on
 *       the left and the model's rendering on the right;</li>
 *   <li>after the last epoch, {@value #TEST_VIEWS}: up to {@value #SHOWN} test views spread over the
 *       test set, rendered by the model, side by side, and {@value #TEST_TRUTH}: the same views as the
 *       camera saw them.</li>
 * </ul>
 */
public final class NerfPreview implements TrainingListener {

    /** The final renderings of the shown test views. */
    public static final String TEST_VIEWS = "test-views.png";
    /** The ground truth of the shown test views. */
    public static final String TEST_TRUTH = "test-views-truth.png";
    /** How many test views are shown at most. */
    public static final int SHOWN = 8;
    /** Pixels between the views of a row. */
    private static final int GAP = 2;

    private final NerfRenderer renderer;
    private final SceneView preview;
    private final List<SceneView> shown;
    private final Background background;
    private final Path folder;
    private final int every;
    private final int epochs;

    /**
     * @param renderer   renders with the model being trained
     * @param preview    the validation view of the previews
     * @param test       the test views, of which up to {@value #SHOWN} evenly spread ones are shown
     * @param background what shows through the views' transparent parts
     * @param folder     where to write the images (created if missing)
     * @param every      write a preview after every N-th epoch; 0 for none
     * @param epochs     the run's last epoch, after which the test views are written
     */
    public NerfPreview(NerfRenderer renderer, SceneView preview, List<SceneView> test, Background background,
                       Path folder, int every, int epochs) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.preview = Objects.requireNonNull(preview, "preview");
        this.background = Objects.requireNonNull(background, "background");
        this.folder = Objects.requireNonNull(folder, "folder");
        if (every < 0) {
            throw new IllegalArgumentException("previews are written every N epochs for N at least 0, got " + every);
        }
        this.every = every;
        this.epochs = epochs;
        int n = Math.min(SHOWN, test.size());
        this.shown = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            shown.add(test.get(k * test.size() / n));
        }
    }

    /**
     * @param epoch a 1-based epoch
     * @return the file the preview of that epoch goes to
     */
    public Path previewFile(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "preview-epoch-%03d.png", epoch));
    }

    /** @return the names of the test views shown, in order */
    public List<String> shownViews() {
        return shown.stream().map(SceneView::name).toList();
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        if (every > 0 && metrics.epoch() % every == 0) {
            renderer.sideBySide(preview, background).write(previewFile(metrics.epoch()));
        }
        if (metrics.epoch() == epochs) {
            RgbaImage[] truth = new RgbaImage[shown.size()];
            RgbaImage[] predicted = new RgbaImage[shown.size()];
            for (int k = 0; k < shown.size(); k++) {
                PinholeCamera c = shown.get(k).camera();
                truth[k] = RgbaImage.ofRgb(c.width(), c.height(), shown.get(k).composited(background));
                predicted[k] = renderer.image(c);
            }
            RgbaImage.grid(new RgbaImage[][] {truth}, GAP).write(folder.resolve(TEST_TRUTH));
            RgbaImage.grid(new RgbaImage[][] {predicted}, GAP).write(folder.resolve(TEST_VIEWS));
        }
    }
}
