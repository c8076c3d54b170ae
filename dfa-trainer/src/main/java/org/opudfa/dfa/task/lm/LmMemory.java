package org.opudfa.dfa.task.lm;

import java.util.ArrayList;
import java.util.List;

import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.rule.ProjectorShape;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.MemoryEstimate;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;

/**
 * The language-model task's {@link MemoryEstimate}. With a text of {@code n} bytes, {@code L} blocks
 * of width {@code d}, {@code H} heads, feed-forward width {@code f}, vocabulary {@code V = 256},
 * context {@code C}, {@code B} windows per step ({@code r = B·C} rows) and {@code P} parameters, in
 * bytes:
 * <pre>
 * text        6·n                                 the bytes read and split, as tokens (int)  (--data)
 * network     4·P·(2 + a + o)                     values, gradients, a copy of them when the alignment
 *                                                 is measured (a = 1), o optimizer buffers   (--d-model)
 * activations 4·r·(L·(22d + 4f + H·C + k) + 4V + 6d) + r·L·b
 *                                                 every module's outputs and input gradients, the
 *                                                 attention probabilities, k = 2·(3d + f) dropout
 *                                                 outputs and gradients and b = 3d + f bytes of its
 *                                                 masks when dropout > 0, the logits, the
 *                                                 loss gradient, the final norm              (--batch)
 * projector   RunParts.projectorBytes             DFA's exact matrix or simulated device, with
 *             + DFA: 4·r·(m + F)                  the projection and the feedback signals (m its size,
 *                                                 F the widths of the feedback points)       (--feedback)
 * </pre>
 * Fixed overheads and the temporaries of a checkpoint are left out: a lower estimate.
 */
final class LmMemory {

    private LmMemory() {
    }

    /**
     * @param values the run's settings
     * @param config the model's shape
     * @param text   the corpus's size in bytes
     * @return the estimate, by part
     */
    static MemoryEstimate estimate(SettingValues values, TransformerConfig config, long text) {
        long d = config.width();
        long f = config.ffnWidth();
        long layers = config.layers();
        long vocabulary = config.vocabulary();
        long parameters = vocabulary * d + (config.positional() == PositionalKind.LEARNED ? config.context() * d : 0)
                + layers * (3 * d * d + 3 * d + d * d + d + 2 * d * f + f + d + 4 * d)
                + 2 * d + (config.tied() ? 0 : d * vocabulary + vocabulary);
        Method method = values.get(TrainingSettings.METHOD);
        boolean aligned = values.get(TrainingSettings.ALIGNMENT_EVERY) > 0 && method == Method.DFA;
        int buffers = values.get(TrainingSettings.OPTIMIZER).buffersPerParameter();
        long rows = (long) values.get(TrainingSettings.BATCH_SIZE) * config.context();
        long dropoutEntries = config.dropout() > 0 ? 3 * d + f : 0;
        long dropout = 2 * dropoutEntries;
        long perRow = layers * (22 * d + 4 * f + (long) config.heads() * config.context() + dropout) + 4 * vocabulary
                + 6 * d;

        List<MemoryEstimate.Part> parts = new ArrayList<>();
        parts.add(new MemoryEstimate.Part("the text (" + text + " bytes) and its tokens", LmSettings.DATA, 6L * text));
        parts.add(new MemoryEstimate.Part("the " + parameters + " parameters of the " + layers + " × " + d
                + " transformer with their gradients and optimizer state", LmSettings.D_MODEL,
                4L * parameters * (2 + (aligned ? 1 : 0) + buffers)));
        parts.add(new MemoryEstimate.Part("the activations and gradients of " + rows + " tokens per step",
                TrainingSettings.BATCH_SIZE, 4L * rows * perRow + rows * layers * dropoutEntries));
        if (method == Method.DFA) {
            int[] widths = feedbackWidths(config);
            FeedbackLayout layout = values.get(TrainingSettings.FEEDBACK_LAYOUT);
            long projection = layout.projectionSize(widths);
            long signals = 0;
            for (int w : widths) {
                signals += w;
            }
            if (projection <= Integer.MAX_VALUE) {
                parts.add(new MemoryEstimate.Part("DFA's projector of " + projection + " outputs and the feedback "
                        + "of " + rows + " tokens", LmSettings.FEEDBACK,
                        RunParts.projectorBytes(values, new ProjectorShape(config.width(), (int) projection))
                                + 4L * rows * (projection + signals)));
            }
        }
        return new MemoryEstimate(parts);
    }

    /** The widths of the feedback points, in model order. */
    static int[] feedbackWidths(TransformerConfig config) {
        boolean micro = config.feedback() == FeedbackPlacement.MICRO;
        int[] widths = new int[config.layers() * (micro ? 3 : 1)];
        for (int l = 0, i = 0; l < config.layers(); l++) {
            if (micro) {
                widths[i++] = config.width();
                widths[i++] = config.ffnWidth();
            }
            widths[i++] = config.width();
        }
        return widths;
    }
}
