package org.opudfa.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.FeedbackScale;
import org.opudfa.dfa.train.Activation;
import org.opudfa.dfa.train.DatasetChoice;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.train.OptimizerKind;
import org.opudfa.dfa.train.ProjectorKind;
import org.opudfa.dfa.train.ScheduleKind;
import org.opudfa.dfa.train.TrainingConfig;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.OpuConfig;

/**
 * The parameters of a training point and how they build a {@link TrainingConfig}: unset
 * parameters keep {@link TrainingConfig#builder()}'s defaults; OPU parameters
 * ({@link OpuSettings}) configure the simulated OPU used when {@code projector} is {@code opu}.
 */
public final class TrainingSetup {

    /** The training parameters (the OPU's are added by {@link SweepKind#TRAINING}). */
    public static final List<SweepParameter> PARAMETERS = List.of(
            SweepParameter.choice("dataset", DatasetChoice.class, "which data to train on"),
            SweepParameter.of("trainLimit", ParameterType.INTEGER, "training samples used, 0 = all"),
            SweepParameter.of("testLimit", ParameterType.INTEGER, "test samples used, 0 = all"),
            SweepParameter.of("standardise", ParameterType.BOOLEAN, "standardise the features by the training set"),
            SweepParameter.of("hidden", ParameterType.INTEGER_LIST, "hidden layer widths"),
            SweepParameter.choice("activation", Activation.class, "hidden activation"),
            SweepParameter.choice("method", Method.class, "training rule"),
            SweepParameter.choice("projector", ProjectorKind.class, "what computes DFA's projection"),
            SweepParameter.choice("feedbackDistribution", Distribution.class, "distribution of the exact B"),
            SweepParameter.choice("feedbackLayout", FeedbackLayout.class, "one shared projection or one per block"),
            SweepParameter.choice("feedbackScale", FeedbackScale.class, "scale of the projection"),
            SweepParameter.of("epochs", ParameterType.INTEGER, "passes over the training set"),
            SweepParameter.of("batchSize", ParameterType.INTEGER, "samples per step"),
            SweepParameter.choice("optimizer", OptimizerKind.class, "optimizer"),
            SweepParameter.of("learningRate", ParameterType.NUMBER, "initial learning rate"),
            SweepParameter.of("momentum", ParameterType.NUMBER, "SGD momentum"),
            SweepParameter.of("weightDecay", ParameterType.NUMBER, "weight decay"),
            SweepParameter.choice("schedule", ScheduleKind.class, "learning-rate schedule"),
            SweepParameter.of("seed", ParameterType.LONG, "root seed of the run"),
            SweepParameter.of("alignmentEvery", ParameterType.INTEGER, "steps between alignment measurements"));

    private TrainingSetup() {
    }

    /**
     * @param settings parsed values by parameter name
     * @param threads  compute threads of the run
     * @return the validated configuration
     * @throws IllegalArgumentException naming the first value out of range
     */
    public static TrainingConfig config(Map<String, Object> settings, int threads) {
        TrainingConfig.Builder b = TrainingConfig.builder().threads(threads);
        settings.forEach((name, value) -> {
            switch (name) {
                case "dataset" -> b.dataset(SweepParameter.constant(DatasetChoice.class, value));
                case "trainLimit" -> b.trainLimit((Integer) value);
                case "testLimit" -> b.testLimit((Integer) value);
                case "standardise" -> b.standardise((Boolean) value);
                case "hidden" -> b.hidden(widths(value));
                case "activation" -> b.activation(SweepParameter.constant(Activation.class, value));
                case "method" -> b.method(SweepParameter.constant(Method.class, value));
                case "projector" -> b.projector(SweepParameter.constant(ProjectorKind.class, value));
                case "feedbackDistribution" -> b.feedbackDistribution(
                        SweepParameter.constant(Distribution.class, value));
                case "feedbackLayout" -> b.feedbackLayout(SweepParameter.constant(FeedbackLayout.class, value));
                case "feedbackScale" -> b.feedbackScale(SweepParameter.constant(FeedbackScale.class, value));
                case "epochs" -> b.epochs((Integer) value);
                case "batchSize" -> b.batchSize((Integer) value);
                case "optimizer" -> b.optimizer(SweepParameter.constant(OptimizerKind.class, value));
                case "learningRate" -> b.learningRate((Double) value);
                case "momentum" -> b.momentum((Double) value);
                case "weightDecay" -> b.weightDecay((Double) value);
                case "schedule" -> b.schedule(SweepParameter.constant(ScheduleKind.class, value));
                case "seed" -> b.seed((Long) value);
                case "alignmentEvery" -> b.alignmentEvery((Integer) value);
                default -> {
                    // OPU parameters, below
                }
            }
        });
        if (OpuSettings.anySet(settings)) {
            // The trainer sets the dimensions and seed; 1×1 only lets the settings be checked here.
            b.opu(OpuSettings.apply(settings, OpuConfig.builder(1, 1)).build());
        }
        return b.build();
    }

    private static int[] widths(Object value) {
        List<?> list = value instanceof List<?> l ? l : new ArrayList<>(List.of(value));
        int[] widths = new int[list.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = (Integer) list.get(i);
        }
        return widths;
    }
}
