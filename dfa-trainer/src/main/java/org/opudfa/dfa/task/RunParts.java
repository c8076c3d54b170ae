package org.opudfa.dfa.task;

import java.util.List;

import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.Adam;
import org.opudfa.dfa.optim.AdamConfig;
import org.opudfa.dfa.optim.LearningRateSchedule;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.optim.Sgd;
import org.opudfa.dfa.optim.SgdConfig;
import org.opudfa.dfa.rule.ProjectorShape;
import org.opudfa.dfa.train.OptimizerKind;
import org.opudfa.dfa.train.ProjectorKind;
import org.opudfa.dfa.train.ScheduleKind;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The parts every task builds the same way from its settings: DFA's projector and the optimizer
 * with its learning-rate schedule.
 */
public final class RunParts {

    private RunParts() {
    }

    /**
     * DFA's projector for the shape a model needs: the exact {@link DenseProjector} with B drawn
     * from the stream {@code "feedback"} of the run's seed, or an {@link OpuProjector} whose medium
     * and noise derive from the stream {@code "opu"}, projecting the rows of a batch on the gemm's
     * threads.
     *
     * @param shape        the projector's dimensions
     * @param kind         exact or simulated OPU
     * @param distribution the exact B's entries
     * @param opu          the OPU's settings (dimensions and seed are set here), or null for defaults
     * @param seed         the run's root seed
     * @param gemm         the run's matrix product and thread team
     * @return the projector
     */
    public static RandomProjector projector(ProjectorShape shape, ProjectorKind kind,
                                            DenseProjector.Distribution distribution, OpuConfig opu, long seed,
                                            Gemm gemm) {
        if (kind == ProjectorKind.EXACT) {
            return DenseProjector.random(shape.outputDimension(), shape.inputDimension(), distribution, 1.0,
                    RandomStreams.of(seed).derive("feedback"), gemm);
        }
        OpuConfig.Builder b = opu == null ? OpuConfig.builder(shape.inputDimension(), shape.outputDimension())
                : opu.toBuilder();
        return new OpuProjector(b.inputDimension(shape.inputDimension()).outputDimension(shape.outputDimension())
                .seed(RandomStreams.of(seed).derive("opu")).build(), gemm);
    }

    /**
     * @param kind          Adam (L2 weight decay), AdamW (decoupled) or SGD (momentum, L2)
     * @param learningRate  the initial learning rate
     * @param momentum      SGD's momentum
     * @param weightDecay   the weight decay
     * @param schedule      constant, step (halved every quarter of the run) or cosine (to 0)
     * @param totalSteps    the run's optimizer steps, over which the schedule is laid out
     * @param parameters    the parameters to update
     * @return the optimizer
     */
    public static Optimizer optimizer(OptimizerKind kind, double learningRate, double momentum, double weightDecay,
                                      ScheduleKind schedule, long totalSteps, List<Parameter> parameters) {
        LearningRateSchedule s = switch (schedule) {
            case CONSTANT -> LearningRateSchedule.constant(learningRate);
            case STEP -> LearningRateSchedule.stepDecay(learningRate, 0.5, Math.max(1, totalSteps / 4));
            case COSINE -> LearningRateSchedule.cosine(learningRate, 0.0, Math.max(1, totalSteps));
        };
        return switch (kind) {
            case ADAM -> {
                AdamConfig adam = AdamConfig.adam();
                yield new Adam(parameters, new AdamConfig(adam.beta1(), adam.beta2(), adam.epsilon(), weightDecay,
                        false), s);
            }
            case ADAMW -> new Adam(parameters, AdamConfig.adamW(weightDecay), s);
            case SGD -> new Sgd(parameters, new SgdConfig(momentum, false, weightDecay), s);
        };
    }
}
