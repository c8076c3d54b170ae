package org.opudfa.dfa.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.TaskRunner;

/** Which training rule computes the updates, and the one place rules are made. */
public enum Method {
    /** Backpropagation: exact gradients everywhere. */
    BP,
    /** Direct Feedback Alignment: each block below a feedback point learns from a random projection of the error. */
    DFA,
    /** Feedback alignment: gradients flow down through fixed random matrices instead of Wᵀ. */
    FA,
    /** Only what lies above the feedback points learns; the rest keeps its random initialisation. */
    SHALLOW;

    /**
     * Makes the rule this method names for a model.
     *
     * @param model      the model
     * @param loss       the loss on its output
     * @param layout     DFA's feedback layout (ignored by the others)
     * @param scale      DFA's feedback scale (ignored by the others)
     * @param projectors builds DFA's projector of an error group for the shape it needs, given the
     *                   group (from 0) and the shape (called only for DFA, once per group in group order)
     * @param feedback   the stream FA's matrices are drawn from (used only for FA)
     * @param segments   runs DFA's backward segments concurrently, or null for a sequential pass
     *                   (used only for DFA: BP and FA do not cut the pass, and under shallow nothing
     *                   below the feedback points has a gradient to compute)
     * @return the rule
     * @throws IllegalArgumentException if the model does not suit the rule (DFA without feedback
     *     points, FA without linear maps)
     */
    public TrainingRule newRule(Graph model, Loss loss, FeedbackLayout layout, FeedbackScale scale,
                                BiFunction<Integer, ProjectorShape, RandomProjector> projectors,
                                UniformRandomProvider feedback,
                                TaskRunner segments) {
        Objects.requireNonNull(model, "model");
        return switch (this) {
            case BP -> new Backpropagation(model, loss);
            case DFA -> {
                List<ProjectorShape> shapes = DirectFeedbackAlignment.projectorShapes(model, layout);
                List<RandomProjector> made = new ArrayList<>();
                for (int g = 0; g < shapes.size(); g++) {
                    made.add(projectors.apply(g, shapes.get(g)));
                }
                yield new DirectFeedbackAlignment(model, loss, made, layout, scale, segments);
            }
            case FA -> new FeedbackAlignment(model, loss, feedback);
            case SHALLOW -> new Shallow(model, loss);
        };
    }
}
