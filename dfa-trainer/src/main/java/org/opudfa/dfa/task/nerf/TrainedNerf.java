package org.opudfa.dfa.task.nerf;

import java.util.Map;
import java.util.Objects;

import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * A NeRF model restored from a training checkpoint, with the settings it was trained with, ready
 * to render views.
 *
 * @param values   the run's settings
 * @param model    the model, holding the checkpoint's parameters
 * @param renderer renders with it, in batches of the run's batch size
 */
public record TrainedNerf(SettingValues values, Graph model, NerfRenderer renderer) {

    /**
     * Validates.
     *
     * @param values   the run's settings
     * @param model    the model
     * @param renderer renders with it
     */
    public TrainedNerf {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * @param checkpoint a checkpoint written by a run of the {@code nerf} task
     * @param gemm       the matrix product the model uses
     * @return the model of the run, with the checkpoint's parameters
     * @throws IllegalArgumentException if the checkpoint was not written by a NeRF run
     */
    public static TrainedNerf of(Checkpoint checkpoint, Gemm gemm) {
        SettingValues values;
        try {
            values = RunParts.settingsOf(checkpoint, NerfTask.INSTANCE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint was not written by a nerf training run (" + e.getMessage()
                    + ")", e);
        }
        Graph model = NerfTask.model(values, RandomStreams.of(values.get(TrainingSettings.SEED)), gemm);
        Map<String, float[]> saved = checkpoint.parameters();
        for (Parameter p : model.parameters()) {
            float[] v = saved.get(p.name());
            if (v == null || v.length != p.size()) {
                throw new IllegalArgumentException("the checkpoint has no parameter '" + p.name() + "' of " + p.size()
                        + " values for the network its settings describe");
            }
            System.arraycopy(v, 0, p.value().data, 0, v.length);
        }
        return new TrainedNerf(values, model, new NerfRenderer(model, NerfTask.sampling(values),
                values.get(NerfSettings.FINE_SAMPLES),
                values.get(TrainingSettings.BATCH_SIZE)));
    }

    /** @return the colour behind the scene the run used */
    public Background background() {
        return values.get(NerfSettings.BACKGROUND);
    }
}
