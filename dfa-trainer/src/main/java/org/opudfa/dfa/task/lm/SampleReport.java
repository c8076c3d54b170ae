package org.opudfa.dfa.task.lm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.TrainingListener;

/**
 * Writes what a language model in training writes itself: after every epoch, {@link #PROMPTS}
 * continued by {@link #LENGTH} bytes at temperature {@link #TEMPERATURE}, the i-th prompt with
 * seed i + 1, as Markdown in the run's {@link Task#REPORT_FILE} (replaced each epoch). The samples
 * are drawn in inference mode from the generator's own stream, so writing them changes nothing in
 * the run; from a checkpoint of the same epoch, {@code ./opu-dfa generate --prompt P --seed S
 * --length 240 --temperature 0.8} writes the same text.
 */
final class SampleReport implements TrainingListener {

    /** The prompts continued, the empty one (after a line break) first. */
    static final List<String> PROMPTS = List.of("", "The ", "Q:");
    /** Bytes written per sample. */
    static final int LENGTH = 240;
    /** The sampling temperature. */
    static final double TEMPERATURE = 0.8;

    private final TextGenerator generator;
    private final Path file;

    /**
     * @param generator the trained model's generator
     * @param out       the run's output folder
     */
    SampleReport(TextGenerator generator, Path out) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.file = out.resolve(Task.REPORT_FILE);
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        StringBuilder md = new StringBuilder("Samples after epoch ").append(metrics.epoch()).append(" (")
                .append(LENGTH).append(" bytes at temperature ").append(TEMPERATURE).append("; prompt, seed):\n\n");
        for (int i = 0; i < PROMPTS.size(); i++) {
            String prompt = PROMPTS.get(i);
            int[] ids = generator.generate(prompt, LENGTH, TEMPERATURE, i + 1);
            String text = prompt + ByteVocabulary.decode(ids, 0, ids.length);
            String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1));
            md.append("- prompt \"").append(prompt.replace("\"", "\\\"")).append("\", seed ").append(i + 1)
                    .append(":\n\n").append(fence).append("text\n").append(text.stripTrailing()).append('\n')
                    .append(fence).append("\n\n");
        }
        AtomicFiles.writeString(file, md.toString());
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
