package org.opudfa.dfa.task.lm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.TrainingSettings;

/** A small text and a fast language-model configuration shared by the task tests. */
final class LmFixtures {

    private static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "to", "its",
        "bed", "while", "birds", "sang"};

    private LmFixtures() {
    }

    /**
     * @param dir   where to write it
     * @param bytes about how long
     * @return a file of seeded pseudo-English: words of a small vocabulary, sentences, line breaks
     */
    static Path text(Path dir, int bytes) {
        StringBuilder s = new StringBuilder();
        long state = 12345;
        while (s.length() < bytes) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            int w = (int) ((state >>> 33) % WORDS.length);
            s.append(WORDS[w]);
            s.append((state >>> 20) % 9 == 0 ? ".\n" : " ");
        }
        try {
            return Files.write(dir.resolve("text.txt"), s.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param text   the corpus
     * @param method the training rule
     * @return 1 block of width 16, 2 heads, context 16, 4 windows per step, 3 steps per epoch, 2
     *     epochs, one thread, exact projector, alignment every step
     */
    static SettingValues small(Path text, Method method) {
        return LmTask.INSTANCE.defaults().with(LmSettings.DATA, text).with(LmSettings.LAYERS, 1)
                .with(LmSettings.D_MODEL, 16).with(LmSettings.HEADS, 2).with(LmSettings.CONTEXT, 16)
                .with(LmSettings.EPOCH_STEPS, 3).with(TrainingSettings.BATCH_SIZE, 4)
                .with(TrainingSettings.EPOCHS, 2).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.ALIGNMENT_EVERY, 1).with(TrainingSettings.SEED, 3L);
    }
}
