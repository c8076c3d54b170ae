package org.opudfa.dfa.optim;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.opudfa.dfa.nn.Parameter;

/**
 * Skeleton of an optimizer: holds the parameters, the schedule, the step count and named
 * per-parameter buffers ("slots", such as Adam's {@code m} and {@code v}), and implements state
 * export and import over them. Subclasses implement {@link #update}.
 */
public abstract class AbstractOptimizer implements Optimizer {

    private final List<Parameter> parameters;
    private final Parameter[] parameterArray;
    private final LearningRateSchedule schedule;
    private final String[] slots;
    /** {@code buffers[slot][parameter]}, each as long as the parameter, zero-initialised. */
    protected final float[][][] buffers;
    private long stepCount;

    /**
     * @param parameters the parameters to update; at least one, names unique
     * @param schedule   the learning rate schedule
     * @param slots      the names of the per-parameter buffers, possibly none
     * @throws IllegalArgumentException if the list is empty or two parameters share a name
     */
    protected AbstractOptimizer(List<Parameter> parameters, LearningRateSchedule schedule, String... slots) {
        Objects.requireNonNull(schedule, "schedule");
        this.parameters = List.copyOf(parameters);
        if (this.parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters must hold at least 1 parameter, got none");
        }
        Set<String> names = new HashSet<>();
        for (Parameter p : this.parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("parameter names must be unique, but \"" + p.name()
                        + "\" appears more than once");
            }
        }
        this.parameterArray = this.parameters.toArray(new Parameter[0]);
        this.schedule = schedule;
        this.slots = slots.clone();
        this.buffers = new float[slots.length][parameterArray.length][];
        for (int s = 0; s < slots.length; s++) {
            for (int i = 0; i < parameterArray.length; i++) {
                buffers[s][i] = new float[parameterArray[i].size()];
            }
        }
    }

    /** @return the kind written into exported states, e.g. {@code "adam"} */
    protected abstract String kind();

    /**
     * Updates one parameter in place.
     *
     * @param p            the parameter
     * @param index        its position in {@link #parameters()}, to index {@link #buffers}
     * @param learningRate the rate of this step
     * @param step         this step's number, starting at 1
     */
    protected abstract void update(Parameter p, int index, float learningRate, long step);

    /** {@inheritDoc} */
    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    /** {@inheritDoc} */
    @Override
    public final void step() {
        float rate = (float) schedule.learningRate(stepCount);
        long t = stepCount + 1;
        for (int i = 0; i < parameterArray.length; i++) {
            update(parameterArray[i], i, rate, t);
        }
        stepCount = t;
    }

    /** {@inheritDoc} */
    @Override
    public final long stepCount() {
        return stepCount;
    }

    /** {@inheritDoc} */
    @Override
    public final double learningRate() {
        return schedule.learningRate(stepCount);
    }

    /** @return the schedule */
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    /** Passes the losses on to the schedule. */
    @Override
    public final void observeEpochs(List<Double> watchedLosses) {
        schedule.observeEpochs(watchedLosses);
    }

    /** {@inheritDoc} */
    @Override
    public final OptimizerState exportState() {
        TreeMap<String, float[]> map = new TreeMap<>();
        for (int s = 0; s < slots.length; s++) {
            for (int i = 0; i < parameterArray.length; i++) {
                map.put(parameterArray[i].name() + "/" + slots[s], buffers[s][i]);
            }
        }
        return new OptimizerState(kind(), stepCount, map);
    }

    /** {@inheritDoc} */
    @Override
    public final void importState(OptimizerState state) {
        if (!state.kind().equals(kind())) {
            throw new IllegalArgumentException("optimizer state is of kind \"" + state.kind() + "\"; expected \""
                    + kind() + "\"");
        }
        int expected = slots.length * parameterArray.length;
        for (int s = 0; s < slots.length; s++) {
            for (int i = 0; i < parameterArray.length; i++) {
                String key = parameterArray[i].name() + "/" + slots[s];
                float[] b = state.buffer(key);
                if (b == null) {
                    throw new IllegalArgumentException("optimizer state has no buffer \"" + key + "\"; expected one per parameter and slot");
                }
                if (b.length != buffers[s][i].length) {
                    throw new IllegalArgumentException("optimizer state buffer \"" + key + "\" has " + b.length
                            + " entries; expected " + buffers[s][i].length + " (the parameter's size)");
                }
            }
        }
        if (state.bufferCount() != expected) {
            throw new IllegalArgumentException("optimizer state has " + state.bufferCount() + " buffers; expected "
                    + expected + " (" + slots.length + " per parameter for " + parameterArray.length + " parameters)");
        }
        for (int s = 0; s < slots.length; s++) {
            for (int i = 0; i < parameterArray.length; i++) {
                float[] b = state.buffer(parameterArray[i].name() + "/" + slots[s]);
                System.arraycopy(b, 0, buffers[s][i], 0, b.length);
            }
        }
        stepCount = state.step();
    }

    /**
     * Shared validation for coefficients that must lie in [0, 1).
     *
     * @param field the coefficient's name
     * @param value its value
     * @throws IllegalArgumentException if {@code value} is not in [0, 1)
     */
    static void requireUnitInterval(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
        }
    }

    /**
     * Shared validation for a weight decay.
     *
     * @param value the weight decay
     * @throws IllegalArgumentException if it is negative or not finite
     */
    static void requireWeightDecay(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("weight decay must be a non-negative finite number, got " + value);
        }
    }
}
