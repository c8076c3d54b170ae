package org.opudfa.dfa.task.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.rule.ProjectorShape;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.MemoryEstimate;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;

/**
 * The MLP task's {@link MemoryEstimate}. With {@code N} training and {@code N'} test samples of
 * {@code F} features and {@code K} classes, hidden widths {@code h_1 … h_L} ({@code H = Σ h_l}),
 * {@code P} weights and biases over the {@code L + 1} dense layers, {@code r = min(batch, N)}
 * training rows, {@code r' = min(batch, N')} evaluation rows and {@code R = max(r, r')}, in bytes:
 * <pre>
 * data       4·(N + N')·(F + 1)               features and labels           (--train-limit)
 * network    4·P·(2 + a) + 4·T·o + FA: 4·W    values and gradients, a = 1 when the alignment is
 *                                             measured (a copy of the gradients), o optimizer
 *                                             buffers per trained parameter (T of them: all, or
 *                                             the output layer's for the shallow baseline), and
 *                                             under feedback alignment a fixed matrix per weight
 *                                             matrix, W weights in all      (--hidden)
 * batches    4·(r + r')·(F + 2)               the batch buffers
 *          + 4·R·(2H + K) + 4·r·(H + K)       outputs of every layer, gradients of the training rows
 *          + DFA: 4·r·(m + H)                 the projection and the feedback signals (--batch)
 * projector  RunParts.projectorBytes          DFA's exact matrix or simulated device (--hidden)
 * </pre>
 * where {@code m} is the projection's size for the feedback layout. Fixed overheads and the
 * temporaries of a checkpoint are left out: it is a lower estimate.
 */
final class MlpMemory {

    private MlpMemory() {
    }

    /**
     * @param values the run's settings
     * @param data   its data
     * @return the estimate, by part
     */
    static MemoryEstimate estimate(SettingValues values, MlpData data) {
        Dataset train = data.split().train();
        Dataset test = data.split().heldOut();
        long features = train.featureCount();
        int classes = train.numClasses();
        int[] hidden = values.get(MlpSettings.HIDDEN).stream().mapToInt(Integer::intValue).toArray();
        long hiddenSum = 0;
        long parameters = 0;
        long width = features;
        StringBuilder shape = new StringBuilder().append(features);
        for (int h : hidden) {
            parameters += width * h + h;
            hiddenSum += h;
            width = h;
            shape.append('-').append(h);
        }
        long head = width * classes + classes;
        parameters += head;
        shape.append('-').append(classes);
        Method method = values.get(TrainingSettings.METHOD);
        boolean aligned = values.get(TrainingSettings.ALIGNMENT_EVERY) > 0 && hidden.length > 0
                && (method == Method.DFA || method == Method.FA);
        int buffers = values.get(TrainingSettings.OPTIMIZER).buffersPerParameter();
        int batch = values.get(TrainingSettings.BATCH_SIZE);
        long rows = Math.min(batch, train.size());
        long evalRows = Math.min(batch, test.size());
        long projection = values.get(TrainingSettings.FEEDBACK_LAYOUT).projectionSize(hidden);

        List<MemoryEstimate.Part> parts = new ArrayList<>();
        parts.add(new MemoryEstimate.Part("the data (" + train.size() + " training and " + test.size()
                + " test samples of " + features + " features)", MlpSettings.TRAIN_LIMIT,
                4L * (train.size() + test.size()) * (features + 1)));
        parts.add(new MemoryEstimate.Part("the " + parameters + " weights and biases of the " + shape + " network with"
                + " their gradients and " + values.get(TrainingSettings.OPTIMIZER).name().toLowerCase(Locale.ROOT)
                + " state", MlpSettings.HIDDEN, 4L * parameters * (2 + (aligned ? 1 : 0))
                + 4L * (method == Method.SHALLOW ? head : parameters) * buffers
                + (method == Method.FA ? 4L * (parameters - hiddenSum - classes) : 0)));
        long batchFloats = (rows + evalRows) * (features + 2) + Math.max(rows, evalRows) * (2 * hiddenSum + classes)
                + rows * (hiddenSum + classes) + (method == Method.DFA ? rows * (projection + hiddenSum) : 0);
        parts.add(new MemoryEstimate.Part("the batch buffers and activations of " + Math.max(rows, evalRows)
                + " rows", TrainingSettings.BATCH_SIZE, 4L * batchFloats));
        if (method == Method.DFA && hidden.length > 0 && projection <= Integer.MAX_VALUE) {
            parts.add(new MemoryEstimate.Part("DFA's projector of " + projection + " outputs", MlpSettings.HIDDEN,
                    RunParts.projectorBytes(values, new ProjectorShape(classes, (int) projection))));
        }
        return new MemoryEstimate(parts);
    }
}
