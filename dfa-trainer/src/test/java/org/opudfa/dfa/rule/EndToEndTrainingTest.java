package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.rng.RandomStreams;

/**
 * A small MLP trained a few hundred steps with plain SGD on a seeded synthetic problem: classes
 * given by a random two-layer teacher network, which a readout of random features fits poorly.
 */
class EndToEndTrainingTest {

    private static final int INPUT = 8;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 3;
    private static final int SAMPLES = 256;
    private static final int BATCH = 32;
    private static final int STEPS = 400;
    private static final float LEARNING_RATE = 0.2f;
    /** A rule learned if its final loss is below this fraction of the initial one. */
    private static final double CLEARLY_LOWER = 0.5;
    /** The shallow baseline's final loss is at least this many times DFA's. */
    private static final double SHALLOW_MARGIN = 2.0;

    private static FMatrixRMaj inputs;
    private static Labels labels;

    static {
        RandomStreams streams = RandomStreams.of(2024);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(streams.stream("data"));
        ZigguratSampler.NormalizedGaussian teacher = ZigguratSampler.NormalizedGaussian.of(streams.stream("teacher"));
        double[][] a = new double[INPUT][HIDDEN];
        double[][] c = new double[HIDDEN][CLASSES];
        for (double[] row : a) {
            for (int j = 0; j < HIDDEN; j++) {
                row[j] = teacher.sample();
            }
        }
        for (double[] row : c) {
            for (int j = 0; j < CLASSES; j++) {
                row[j] = teacher.sample();
            }
        }
        inputs = new FMatrixRMaj(SAMPLES, INPUT);
        labels = new Labels(SAMPLES);
        labels.resize(SAMPLES);
        for (int s = 0; s < SAMPLES; s++) {
            for (int i = 0; i < INPUT; i++) {
                inputs.set(s, i, (float) normal.sample());
            }
            double[] score = new double[CLASSES];
            for (int j = 0; j < HIDDEN; j++) {
                double h = 0;
                for (int i = 0; i < INPUT; i++) {
                    h += inputs.get(s, i) * a[i][j];
                }
                h = Math.tanh(h);
                for (int k = 0; k < CLASSES; k++) {
                    score[k] += h * c[j][k];
                }
            }
            int best = 0;
            for (int k = 1; k < CLASSES; k++) {
                if (score[k] > score[best]) {
                    best = k;
                }
            }
            labels.ids()[s] = best;
        }
    }

    /** Trains with the rule made for the network; returns {initial loss, final loss} on all samples. */
    private static double[] train(Function<Graph, TrainingRule> makeRule) {
        Graph net = Nets.mlp(7, INPUT, new int[] {HIDDEN, HIDDEN}, CLASSES);
        TrainingRule rule = makeRule.apply(net);
        Feed all = Nets.batch(inputs, labels);
        double initial = Nets.LOSS.value(net.forward(all, false), all);
        FMatrixRMaj x = new FMatrixRMaj(BATCH, INPUT);
        Labels t = new Labels(BATCH);
        t.resize(BATCH);
        Feed batch = Nets.batch(x, t);
        for (int step = 0; step < STEPS; step++) {
            int first = (step * BATCH) % SAMPLES;
            System.arraycopy(inputs.data, first * INPUT, x.data, 0, BATCH * INPUT);
            System.arraycopy(labels.ids(), first, t.ids(), 0, BATCH);
            rule.step(batch);
            Nets.sgd(rule.trainedParameters(), LEARNING_RATE);
        }
        double last = Nets.LOSS.value(net.forward(all, false), all);
        return new double[] {initial, last};
    }

    @Test
    void backpropagationAndDfaLearnAndShallowLearnsLess() {
        double[] bp = train(net -> new Backpropagation(net, Nets.LOSS));
        double[] dfa = train(net -> new DirectFeedbackAlignment(net, Nets.LOSS,
                DenseProjector.gaussian(2 * HIDDEN, CLASSES, 11), FeedbackLayout.SEPARATE, FeedbackScale.NONE));
        double[] fa = train(net -> new FeedbackAlignment(net, Nets.LOSS, RandomStreams.of(3).stream("feedback")));
        double[] shallow = train(net -> new Shallow(net, Nets.LOSS));
        // seeded run: initial 1.12; final BP 0.15, DFA 0.13, FA 0.39, shallow 0.68
        assertTrue(bp[1] < CLEARLY_LOWER * bp[0], "BP loss went from " + bp[0] + " to " + bp[1]);
        assertTrue(dfa[1] < CLEARLY_LOWER * dfa[0], "DFA loss went from " + dfa[0] + " to " + dfa[1]);
        assertTrue(fa[1] < CLEARLY_LOWER * fa[0], "FA loss went from " + fa[0] + " to " + fa[1]);
        assertTrue(shallow[1] > SHALLOW_MARGIN * dfa[1], "shallow reached " + shallow[1] + ", DFA " + dfa[1]);
    }
}
