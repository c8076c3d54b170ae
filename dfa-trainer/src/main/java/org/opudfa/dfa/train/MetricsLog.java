package org.opudfa.dfa.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opudfa.dfa.io.AtomicFiles;

/**
 * Writes per-epoch metrics as {@code metrics.csv} (one row per epoch, for spreadsheets and
 * plotting) and {@code metrics.jsonl} (one JSON object per line, for programs). Both files are
 * rewritten atomically after every epoch, so they always hold complete rows.
 */
public final class MetricsLog {

    /** The CSV columns, in order. */
    public static final List<String> COLUMNS = List.of("epoch", "step", "train_loss", "train_accuracy", "test_loss",
            "test_accuracy", "alignment_mean", "alignment_per_layer", "samples_per_second", "seconds",
            "opu_frames", "opu_device_seconds", "opu_device_joules");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    /**
     * @param folder where the two files go
     */
    public MetricsLog(Path folder) {
        this.folder = folder;
    }

    /**
     * Rewrites both files with the given epochs.
     *
     * @param epochs every epoch of the run so far
     */
    public void write(List<EpochMetrics> epochs) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        StringBuilder jsonl = new StringBuilder();
        for (EpochMetrics m : epochs) {
            csv.append(csvRow(m)).append('\n');
            try {
                jsonl.append(JSON.writeValueAsString(m)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not encode epoch metrics", e);
            }
        }
        AtomicFiles.writeString(folder.resolve("metrics.csv"), csv.toString());
        AtomicFiles.writeString(folder.resolve("metrics.jsonl"), jsonl.toString());
    }

    /**
     * @param m one epoch's metrics
     * @return its CSV row (no line end), numbers in a locale-independent format
     */
    public static String csvRow(EpochMetrics m) {
        StringJoiner perLayer = new StringJoiner(";");
        m.alignment().forEach(a -> perLayer.add(num(a)));
        return String.join(",", Integer.toString(m.epoch()), Long.toString(m.step()), num(m.trainLoss()),
                num(m.trainAccuracy()), num(m.testLoss()), num(m.testAccuracy()),
                m.alignment().isEmpty() ? "" : num(m.meanAlignment()), perLayer.toString(),
                String.format(Locale.ROOT, "%.1f", m.samplesPerSecond()), num(m.seconds()),
                Long.toString(m.opuFrames()), num(m.opuDeviceSeconds()), num(m.opuDeviceJoules()));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
