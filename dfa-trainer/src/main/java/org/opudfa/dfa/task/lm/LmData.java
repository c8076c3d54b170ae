package org.opudfa.dfa.task.lm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.settings.SettingValues;

/**
 * The text a language-model run trains, validates and tests on, with what it is.
 *
 * @param split       the three contiguous parts of the corpus
 * @param description where it came from, and the files read
 */
public record LmData(CorpusSplit split, DataDescription description) {

    private static final Map<String, SoftReference<TextCorpus>> CACHE = new HashMap<>();

    /**
     * Reads the corpus the settings name ({@link LmSettings#DATA}, else the fortunes package's files)
     * and splits it for their context. Each corpus is read once per JVM and shared (softly held, so
     * the garbage collector may drop it under memory pressure and it is then read again), so the
     * points of a sweep do not read the same files over and over.
     *
     * @param values the language-model task's settings
     * @return the data
     * @throws IllegalArgumentException if the text is missing, not UTF-8 text, or too short for the context
     * @throws UncheckedIOException     if a file cannot be read
     */
    public static LmData load(SettingValues values) {
        Path data = values.get(LmSettings.DATA);
        TextCorpus corpus = corpus(data);
        int context = values.get(LmSettings.CONTEXT);
        CorpusSplit split = corpus.split(context);
        String note = "text of " + corpus.origin() + ": " + corpus.size() + " bytes in " + corpus.files().size()
                + " file" + (corpus.files().size() == 1 ? "" : "s") + ", split in order into " + split.train().length
                + " training, " + split.validation().length + " validation and " + split.test().length
                + " test tokens (bytes)";
        return new LmData(split, new DataDescription(note, corpus.files()));
    }

    private static TextCorpus corpus(Path data) {
        String key = data == null ? "" : data.toAbsolutePath().normalize().toString();
        synchronized (CACHE) {
            SoftReference<TextCorpus> ref = CACHE.get(key);
            TextCorpus corpus = ref == null ? null : ref.get();
            if (corpus == null) {
                try {
                    corpus = data == null ? TextCorpus.readFortunes(Path.of(TextCorpus.FORTUNES_FOLDER))
                            : TextCorpus.read(data);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read the text corpus: " + e.getMessage(), e);
                }
                CACHE.put(key, new SoftReference<>(corpus));
            }
            return corpus;
        }
    }
}
