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

    /** The per-epoch table's file name. */
    public static final String CSV_FILE = "metrics.csv";
    /** The per-epoch JSON lines' file name. */
    public static final String JSONL_FILE = "metrics.jsonl";

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
        StringBuilder csv = new StringBuilder();
        if (!epochs.isEmpty()) {
            csv.append(String.join(",", columns(epochs.get(0)))).append('\n');
        }
        StringBuilder jsonl = new StringBuilder();
        for (EpochMetrics m : epochs) {
            csv.append(csvRow(m)).append('\n');
            try {
                jsonl.append(JSON.writeValueAsString(m)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not encode epoch metrics", e);
            }
        }
        AtomicFiles.writeString(folder.resolve(CSV_FILE), csv.toString());
        AtomicFiles.writeString(folder.resolve(JSONL_FILE), jsonl.toString());
    }

    /**
     * @param m an epoch's metrics
     * @return the CSV columns, in order: {@code epoch}, {@code step}, the measurements
     *     ({@code train_loss}, {@code train_accuracy}, {@code test_loss}, …), {@code alignment_mean},
     *     {@code alignment_per_layer} (per feedback point), {@code ITEMS_per_second}, {@code seconds},
     *     {@code opu_frames}, {@code opu_device_seconds}, {@code opu_device_joules}
     */
    public static List<String> columns(EpochMetrics m) {
        List<String> columns = new java.util.ArrayList<>(List.of("epoch", "step"));
        columns.addAll(m.values().keySet());
        columns.addAll(List.of("alignment_mean", "alignment_per_layer", m.itemName() + "_per_second", "seconds",
                "opu_frames", "opu_device_seconds", "opu_device_joules"));
        return columns;
    }

    /**
     * @param m one epoch's metrics
     * @return its CSV row (no line end), numbers in a locale-independent format
     */
    public static String csvRow(EpochMetrics m) {
        StringJoiner perLayer = new StringJoiner(";");
        m.alignment().forEach(a -> perLayer.add(num(a)));
        StringJoiner row = new StringJoiner(",");
        row.add(Integer.toString(m.epoch())).add(Long.toString(m.step()));
        m.values().values().forEach(v -> row.add(num(v)));
        return row.add(m.alignment().isEmpty() ? "" : num(m.meanAlignment())).add(perLayer.toString())
                .add(String.format(Locale.ROOT, "%.1f", m.itemsPerSecond())).add(num(m.seconds()))
                .add(Long.toString(m.opuFrames())).add(num(m.opuDeviceSeconds())).add(num(m.opuDeviceJoules()))
                .toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
