package org.opudfa.dfa.task;

import java.nio.file.Path;
import java.util.List;

import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.settings.SettingsRegistry;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.dfa.train.TrainingRun;

/**
 * A task family's recipe: from its settings, it loads (or generates) the data, builds the model
 * with its feedback points and error point, the loss, the rule, the optimizer, the batch sources
 * and the metrics, as a {@link TrainingRun} for the {@link org.opudfa.dfa.train.Trainer}. Each task
 * lives in its own package with its data format, generator, model and metrics
 * ({@code org.opudfa.dfa.task.mlp}, …) and is listed in {@link Tasks}.
 *
 * <p>A task's settings are the {@link TrainingSettings} every task shares, its own, and the
 * simulated OPU's ({@link org.opudfa.dfa.settings.OpuRegistry}), composed into one registry; the
 * command line's options, sweep parameters, provenance and checkpoints all come from it.
 */
public interface Task {

    /** @return the name users type, e.g. {@code "mlp"} ({@code --task mlp}, {@code "task": "mlp"}) */
    String name();

    /** @return one line saying what the task trains on what data */
    String summary();

    /** @return the model variants {@code --model} chooses between (the first is the default), or empty */
    default List<String> models() {
        return List.of();
    }

    /**
     * @return every setting of this task: the shared training settings, its own, the OPU's, in a
     *     registry named after the task ({@link #name()}), which is how a run's configuration and
     *     its checkpoints name the task that made them
     */
    SettingsRegistry settings();

    /** @return the values of {@link #settings()} when the user sets nothing (this task's defaults) */
    SettingValues defaults();

    /**
     * Estimates the heap a run of these settings takes at its largest, before it is built: its
     * data, its parameters with their gradients and optimizer state, DFA's projector, its batch
     * buffers and activations. Callers compare it with the heap to refuse a run too large in one
     * sentence, naming the setting to change, instead of failing while it allocates. A task may
     * read what it needs to know of its data here (its size), as long as nothing large is built
     * for the model.
     *
     * @param values values of {@link #settings()}
     * @return the estimate; by default {@link MemoryEstimate#UNKNOWN}, which refuses nothing
     * @throws IllegalArgumentException if the data the estimate reads cannot be read
     */
    default MemoryEstimate memoryEstimate(SettingValues values) {
        return MemoryEstimate.UNKNOWN;
    }

    /**
     * Loads the data and builds the run.
     *
     * @param values values of {@link #settings()}
     * @return the run, whose resources (compute threads) the trainer releases
     * @throws IllegalArgumentException if a value does not suit the data or the model (one
     *     sentence naming the setting)
     */
    TrainingRun build(SettingValues values);

    /**
     * The file a task's {@link #listener} may write into a run's output folder to say in a few
     * lines of Markdown what the trained model does (the text a language model writes, …);
     * experiment reports show each point's under its label.
     */
    String REPORT_FILE = "report.md";

    /**
     * What the task writes into a run's output folder while it trains, besides the metrics and
     * checkpoints every run writes: rendered views, generated samples, … Called once per run
     * that has an output folder; the caller passes the listener's callbacks on beside its own.
     *
     * @param run    a run {@link #build} made
     * @param values its settings
     * @param out    its output folder
     * @return the listener; {@link TrainingListener#NONE} (the default) when the task writes nothing
     */
    default TrainingListener listener(TrainingRun run, SettingValues values, Path out) {
        return TrainingListener.NONE;
    }
}
