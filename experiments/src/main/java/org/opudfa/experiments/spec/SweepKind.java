package org.opudfa.experiments.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep's points run: a DFA/BP training, a projection-fidelity measurement or a cost-model
 * evaluation. Each kind has its own parameters; a spec that names any other is rejected.
 */
public enum SweepKind {
    /** Train an MLP classifier ({@link TrainingSetup}, with the OPU's parameters). */
    TRAINING(concat(TrainingSetup.PARAMETERS, OpuSettings.PARAMETERS)),
    /** Measure projection fidelity of the simulated OPU ({@link FidelitySetup}, with the OPU's parameters). */
    FIDELITY(concat(FidelitySetup.PARAMETERS, OpuSettings.PARAMETERS)),
    /** Price the feedback projection on the simulated OPU and the CPU ({@link CostSetup}). */
    COST(CostSetup.PARAMETERS);

    private final Map<String, SweepParameter> parameters;

    SweepKind(List<SweepParameter> parameters) {
        Map<String, SweepParameter> map = new LinkedHashMap<>();
        for (SweepParameter p : parameters) {
            map.put(p.name(), p);
        }
        this.parameters = Collections.unmodifiableMap(map);
    }

    private static List<SweepParameter> concat(List<SweepParameter> a, List<SweepParameter> b) {
        List<SweepParameter> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** @return the parameters of this kind, by name, in documentation order */
    public Map<String, SweepParameter> parameters() {
        return parameters;
    }

    /** @return the spec spelling, e.g. {@code "training"} */
    public String spelling() {
        return SweepParameter.spell(this);
    }

    /**
     * Checks that a point's settings build a valid configuration of this kind.
     *
     * @param settings parsed values by parameter name
     * @throws IllegalArgumentException naming the first value out of range
     */
    public void check(Map<String, Object> settings) {
        switch (this) {
            case TRAINING -> TrainingSetup.values(settings, 1);
            case FIDELITY -> FidelitySetup.of(settings);
            case COST -> CostSetup.of(settings);
            default -> throw new IllegalStateException("unhandled kind " + this);
        }
    }
}
