package org.opudfa.experiments.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep: every setting it runs with, and the subset that varies across the sweep.
 *
 * @param index    0-based position in the sweep (the row order of the result files)
 * @param id       stable name derived from the settings (so a resumed sweep recognises a
 *                 finished point even if others were added), usable as a file name
 * @param label    the spec's label for an explicit point, or null
 * @param varied   the values of the parameters that vary across the sweep, in column order
 * @param settings every parameter set for this point (base, explicit point and grid combined)
 */
public record SweepPoint(int index, String id, String label, Map<String, Object> varied,
                         Map<String, Object> settings) {

    /**
     * Copies the maps into unmodifiable ones that keep their order.
     *
     * @param index    0-based position in the sweep (the row order of the result files)
     * @param id       stable name derived from the settings (so a resumed sweep recognises a
     *                 finished point even if others were added), usable as a file name
     * @param label    the spec's label for an explicit point, or null
     * @param varied   the values of the parameters that vary across the sweep, in column order
     * @param settings every parameter set for this point (base, explicit point and grid combined)
     */
    public SweepPoint {
        varied = Collections.unmodifiableMap(new LinkedHashMap<>(varied));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
