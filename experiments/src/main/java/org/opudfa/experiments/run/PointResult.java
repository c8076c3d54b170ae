package org.opudfa.experiments.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.experiments.spec.SweepPoint;

/**
 * What running one point measured. Values are numbers, booleans, texts or null (a measurement
 * that does not exist for the point, such as BP's alignment, or a non-finite number).
 *
 * @param point   the point
 * @param results reproducible measurements: the same settings give the same values
 * @param timings wall-clock measurements, which differ between runs and machines
 * @param epochs  per-epoch reproducible measurements, in epoch order (empty unless training)
 * @param data    what data the point read, e.g. {@code "Fashion-MNIST (2000 training, 500 test)"},
 *                or empty
 * @param files   the data files read, by file name, with their SHA-256 (empty for generated data)
 */
public record PointResult(SweepPoint point, Map<String, Object> results, Map<String, Object> timings,
                          List<Map<String, Object>> epochs, String data, Map<String, String> files) {

    /**
     * Copies the collections into unmodifiable ones that keep their order.
     *
     * @param point   the point
     * @param results reproducible measurements: the same settings give the same values
     * @param timings wall-clock measurements, which differ between runs and machines
     * @param epochs  per-epoch reproducible measurements, in epoch order (empty unless training)
     * @param data    what data the point read, e.g. {@code "Fashion-MNIST (2000 training, 500 test)"},
     *                or empty
     * @param files   the data files read, by file name, with their SHA-256 (empty for generated data)
     */
    public PointResult {
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        epochs = epochs.stream().map(e -> Collections.unmodifiableMap(new LinkedHashMap<>(e))).toList();
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * @param value a measurement
     * @return the value, or null when it is NaN or infinite (JSON has no such numbers)
     */
    static Object finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
