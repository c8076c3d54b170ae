package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.RandomProviderState;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.rule.DirectFeedbackAlignment;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.ProjectorShape;
import org.opudfa.dfa.rule.Shallow;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class TransformerLmTest {

    private static final int VOCABULARY = 11;
    private static final int CONTEXT = 4;

    private static TransformerConfig config(int layers, double dropout, PositionalKind positional, NormPlacement norm,
                                            boolean tied, FeedbackPlacement feedback) {
        return new TransformerConfig(VOCABULARY, CONTEXT, layers, 8, 2, 12, dropout, positional, norm, tied, feedback);
    }

    private static TransformerConfig small(int layers, FeedbackPlacement feedback) {
        return config(layers, 0, PositionalKind.SINUSOIDAL, NormPlacement.POST, false, feedback);
    }

    private static Graph build(TransformerConfig c, RestorableUniformRandomProvider dropout) {
        return TransformerLm.build(c, RandomStreams.of(6).stream("init"), dropout, Gemm.singleThreaded());
    }

    private static Graph build(TransformerConfig c) {
        return build(c, RandomStreams.of(6).stream("dropout"));
    }

    /** Two sequences of the context's length. */
    private static Feed batch(int... ids) {
        return new Feed().put(TokenWindows.TOKENS, Labels.of(ids))
                .put(TokenWindows.SEQUENCES, new Sequences().set(ids.length / CONTEXT, CONTEXT));
    }

    private static List<String> names(List<Tensor> tensors) {
        return tensors.stream().map(Tensor::name).toList();
    }

    private static List<String> parameterNames(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }

    private static void checkGradients(TransformerConfig c) {
        RestorableUniformRandomProvider dropout = RandomStreams.of(7).stream("dropout");
        RandomProviderState start = dropout.saveState();
        Graph model = build(c, dropout);
        GradientCheck.check(model, batch(3, 1, 4, 1, 5, 9, 2, 6), () -> dropout.restoreState(start),
                RandomStreams.of(8).stream("probe"));
    }

    @Test
    void postNormBlockGradientsMatchFiniteDifferences() {
        checkGradients(small(1, FeedbackPlacement.MACRO));
    }

    @Test
    void preNormTiedLearnedBlocksWithDropoutMatchFiniteDifferences() {
        checkGradients(config(2, 0.2, PositionalKind.LEARNED, NormPlacement.PRE, true, FeedbackPlacement.MICRO));
    }

    @Test
    void macroFeedbackAfterEachBlockAndTheErrorAtTheLastBlock() {
        Graph model = build(small(2, FeedbackPlacement.MACRO));
        assertEquals(List.of("block0.ffn.norm", "block1.ffn.norm"), names(model.feedbackPoints()));
        assertSame(model.tensor("block1.ffn.norm"), model.errorPoint(0), "the error is taken before the final norm");
        assertEquals(List.of("norm.gain", "norm.bias", "head.weight", "head.bias"),
                parameterNames(model.parametersAboveFeedback()));
        List<String> first = parameterNames(model.segmentParameters(0));
        assertEquals("embedding.weight", first.get(0), "the embedding learns from the first block's feedback");
        assertEquals("block0.ffn.norm.bias", first.get(first.size() - 1));
        assertEquals("block1.attention.qkv.weight", parameterNames(model.segmentParameters(1)).get(0));
        ProjectorShape shape = DirectFeedbackAlignment.projectorShapes(model, FeedbackLayout.SHARED).get(0);
        assertEquals(new ProjectorShape(8, 8), shape, "one error row of d values per token, projected to d");
    }

    @Test
    void microFeedbackThreeTimesPerBlock() {
        Graph model = build(small(2, FeedbackPlacement.MICRO));
        assertEquals(List.of("block0.attention.norm", "block0.ffn.gelu", "block0.ffn.norm", "block1.attention.norm",
                "block1.ffn.gelu", "block1.ffn.norm"), names(model.feedbackPoints()));
        assertEquals(List.of("block0.ffn.in.weight", "block0.ffn.in.bias"), parameterNames(model.segmentParameters(1)));
        assertEquals(List.of("block0.ffn.out.weight", "block0.ffn.out.bias", "block0.ffn.norm.gain",
                "block0.ffn.norm.bias"), parameterNames(model.segmentParameters(2)));
        assertEquals(List.of(new ProjectorShape(8, 12)),
                DirectFeedbackAlignment.projectorShapes(model, FeedbackLayout.SHARED));
        assertEquals(List.of(new ProjectorShape(8, 56)),
                DirectFeedbackAlignment.projectorShapes(model, FeedbackLayout.SEPARATE));
        Graph pre = build(config(1, 0.1, PositionalKind.SINUSOIDAL, NormPlacement.PRE, false, FeedbackPlacement.MICRO));
        assertEquals(List.of("block0.attention.residual", "block0.ffn.hidden.dropout", "block0.ffn.residual"),
                names(pre.feedbackPoints()));
    }

    @Test
    void shallowTrainsTheFinalNormAndTheProjectionOnly() {
        Graph untied = build(small(1, FeedbackPlacement.MACRO));
        assertEquals(List.of("norm.gain", "norm.bias", "head.weight", "head.bias"),
                parameterNames(new Shallow(untied, new SoftmaxCrossEntropy(TokenWindows.NEXT_TOKENS))
                        .trainedParameters()));
        Graph tied = build(config(1, 0, PositionalKind.SINUSOIDAL, NormPlacement.POST, true, FeedbackPlacement.MACRO));
        assertEquals(List.of("norm.gain", "norm.bias", "embedding.weight"),
                parameterNames(new Shallow(tied, new SoftmaxCrossEntropy(TokenWindows.NEXT_TOKENS)).trainedParameters()),
                "tied, the table is the projection's weights");
    }

    /** Changing token j changes the logits of positions j … L−1 of its sequence only. */
    @Test
    void noPositionSeesTheFuture() {
        for (NormPlacement norm : NormPlacement.values()) {
            Graph model = build(config(2, 0, PositionalKind.LEARNED, norm, false, FeedbackPlacement.MACRO));
            int[] ids = {3, 1, 4, 1, 5, 9, 2, 6};
            FMatrixRMaj before = model.forward(batch(ids), false).copy();
            for (int j = 0; j < CONTEXT; j++) {
                int[] changed = ids.clone();
                changed[j] = (changed[j] + 5) % VOCABULARY;
                FMatrixRMaj after = model.forward(batch(changed), false);
                for (int row = 0; row < ids.length; row++) {
                    float[] a = java.util.Arrays.copyOfRange(before.data, row * VOCABULARY, (row + 1) * VOCABULARY);
                    float[] b = java.util.Arrays.copyOfRange(after.data, row * VOCABULARY, (row + 1) * VOCABULARY);
                    if (row < j || row >= CONTEXT) {
                        assertArrayEquals(a, b, 0f, norm + ": position " + row + " must not see token " + j);
                    } else {
                        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b),
                                norm + ": position " + row + " sees token " + j);
                    }
                }
            }
        }
    }
}
