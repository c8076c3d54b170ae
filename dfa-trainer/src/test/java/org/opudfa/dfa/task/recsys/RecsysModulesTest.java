package org.opudfa.dfa.task.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** The recommender modules: known answers and finite-difference gradient checks. */
class RecsysModulesTest {

    /** Sums of a few products of floats of order 1, against the same sums in double. */
    private static final double VALUE_TOLERANCE = 1e-5;

    private static final Feed.Key<FieldIds> IDS = Feed.Key.of("ids", FieldIds.class);
    /** A batch large enough for several parallel blocks and a last one cut short. */
    private static final int LARGE_ROWS = 1000;
    private static final int LARGE_FIELDS = 13;
    private static final int LARGE_K = 6;
    /** Few ids, so that each is used many times in a batch. */
    private static final int LARGE_VOCABULARY = 50;

    @Test
    void fmTermIsTheSumOfPairwiseInnerProducts() {
        int fields = 4;
        int k = 3;
        FMatrixRMaj v = GradientCheck.uniform(5, fields * k, RandomStreams.of(31).stream("data"));
        FMatrixRMaj y = new FmInteraction("fm", fields, k).newCall().forward(new FMatrixRMaj[] {v}, new Feed(), true)[0];
        for (int r = 0; r < 5; r++) {
            double expected = 0;
            for (int f = 0; f < fields; f++) {
                for (int g = f + 1; g < fields; g++) {
                    for (int d = 0; d < k; d++) {
                        expected += (double) v.get(r, f * k + d) * v.get(r, g * k + d);
                    }
                }
            }
            assertEquals(expected, y.get(r, 0), VALUE_TOLERANCE, "row " + r);
        }
    }

    @Test
    void fmTermGradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(32).stream("data");
        GradientCheck.check(new FmInteraction("fm", 5, 2), GradientCheck.uniform(3, 10, rng), () -> { }, rng);
    }

    @Test
    void crossLayerKnownAnswer() {
        CrossLayer cross = new CrossLayer("cross", 2, RandomStreams.of(33).stream("init"));
        cross.weight().value().data[0] = 0.5f;
        cross.weight().value().data[1] = -1f;
        cross.bias().value().data[0] = 0.25f;
        cross.bias().value().data[1] = 0f;
        FMatrixRMaj x0 = new FMatrixRMaj(new float[][] {{1f, 2f}});
        FMatrixRMaj xl = new FMatrixRMaj(new float[][] {{4f, 1f}});
        FMatrixRMaj y = cross.newCall().forward(new FMatrixRMaj[] {x0, xl}, new Feed(), true)[0];
        // x_l·w = 2 − 1 = 1: y = x0·1 + b + xl
        assertEquals(1 + 0.25 + 4, y.get(0, 0), VALUE_TOLERANCE);
        assertEquals(2 + 0 + 1, y.get(0, 1), VALUE_TOLERANCE);
    }

    @Test
    void crossLayerGradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(34).stream("data");
        CrossLayer cross = new CrossLayer("cross", 5, rng);
        FMatrixRMaj bias = GradientCheck.uniform(1, 5, rng);
        System.arraycopy(bias.data, 0, cross.bias().value().data, 0, 5);
        GradientCheck.check(cross, new FMatrixRMaj[] {GradientCheck.uniform(3, 5, rng), GradientCheck.uniform(3, 5, rng)},
                () -> { }, rng);
    }

    @Test
    void rowSumGradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(35).stream("data");
        GradientCheck.check(new RowSum("sum", 4), GradientCheck.uniform(3, 4, rng), () -> { }, rng);
    }

    @Test
    void embeddingsLookUpRowsAndTheirGradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(36).stream("data");
        int fields = 3;
        int k = 2;
        FieldEmbedding table = new FieldEmbedding("emb", IDS, fields, 6, k, 0.5, rng);
        FieldEmbedding first = new FieldEmbedding("lin", IDS, fields, 6, 1, 0.5, rng);
        GraphBuilder g = Graph.builder();
        Tensor v = g.apply(table);
        Tensor fm = g.apply(new FmInteraction("fm", fields, k), v);
        Tensor linear = g.apply(new RowSum("lin.sum", fields), g.apply(first));
        Graph model = g.build(g.apply(new org.opudfa.dfa.nn.Add("logit"), fm, linear));
        FieldIds ids = new FieldIds(fields, 4);
        ids.reshape(4);
        // id 2 appears in two records and id 5 twice in one: its gradient is the sum of its uses
        int[] rows = {0, 2, 5, 2, 3, 4, 1, 5, 5, 0, 2, 3};
        System.arraycopy(rows, 0, ids.ids(), 0, rows.length);
        Feed batch = new Feed().put(IDS, ids);
        FMatrixRMaj out = model.forward(batch, true);
        double expected = 0;
        for (int f = 0; f < fields; f++) {
            expected += first.table().value().data[rows[f]];
        }
        for (int f = 0; f < fields; f++) {
            for (int h = f + 1; h < fields; h++) {
                for (int d = 0; d < k; d++) {
                    expected += (double) table.table().value().get(rows[f], d) * table.table().value().get(rows[h], d);
                }
            }
        }
        assertEquals(expected, out.get(0, 0), VALUE_TOLERANCE);
        GradientCheck.check(model, batch, () -> { }, rng);
    }

    @Test
    void embeddingsRejectIdsOutsideTheTable() {
        FieldEmbedding table = new FieldEmbedding("emb", IDS, 1, 3, 2, 0.1, RandomStreams.of(37).stream("init"));
        FieldIds ids = new FieldIds(1, 1);
        ids.reshape(1);
        ids.ids()[0] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.newCall()
                .forward(new FMatrixRMaj[0], new Feed().put(IDS, ids), true));
        assertEquals("field embedding 'emb' has ids 0 to 2, got 3", e.getMessage());
    }

    @Test
    void embeddingsAndFmTermGiveTheSameBitsOnSeveralThreads() {
        UniformRandomProvider rng = RandomStreams.of(38).stream("data");
        FieldIds ids = new FieldIds(LARGE_FIELDS, LARGE_ROWS);
        ids.reshape(LARGE_ROWS);
        for (int i = 0; i < LARGE_ROWS * LARGE_FIELDS; i++) {
            ids.ids()[i] = rng.nextInt(LARGE_VOCABULARY);
        }
        Feed batch = new Feed().put(IDS, ids);
        FMatrixRMaj gy = GradientCheck.uniform(LARGE_ROWS, 1, rng);
        try (Gemm team = Gemm.withThreads(2)) {
            FieldEmbedding serial = new FieldEmbedding("emb", IDS, LARGE_FIELDS, LARGE_VOCABULARY, LARGE_K, 0.5,
                    RandomStreams.of(39).stream("init"));
            FieldEmbedding parallel = new FieldEmbedding("emb", IDS, LARGE_FIELDS, LARGE_VOCABULARY, LARGE_K, 0.5,
                    RandomStreams.of(39).stream("init"), team);
            Graph s = fmModel(serial, null);
            Graph p = fmModel(parallel, team);
            assertArrayEquals(s.forward(batch, true).data, p.forward(batch, true).data);
            serial.table().zeroGrad();
            parallel.table().zeroGrad();
            s.backward(gy, false, null);
            p.backward(gy, false, null);
            assertArrayEquals(serial.table().grad().data, parallel.table().grad().data);
        }
    }

    @Test
    void crossLayerGivesTheSameBitsOnSeveralThreads() {
        UniformRandomProvider rng = RandomStreams.of(40).stream("data");
        int width = LARGE_FIELDS * LARGE_K;
        FMatrixRMaj x0 = GradientCheck.uniform(LARGE_ROWS, width, rng);
        FMatrixRMaj xl = GradientCheck.uniform(LARGE_ROWS, width, rng);
        FMatrixRMaj gy = GradientCheck.uniform(LARGE_ROWS, width, rng);
        try (Gemm team = Gemm.withThreads(2)) {
            CrossLayer serial = new CrossLayer("cross", width, RandomStreams.of(41).stream("init"));
            CrossLayer parallel = new CrossLayer("cross", width, RandomStreams.of(41).stream("init"), team);
            org.opudfa.dfa.nn.Call s = serial.newCall();
            org.opudfa.dfa.nn.Call p = parallel.newCall();
            FMatrixRMaj[] in = {x0, xl};
            boolean[] both = {true, true};
            for (int pass = 0; pass < 2; pass++) {
                assertArrayEquals(s.forward(in, new Feed(), true)[0].data, p.forward(in, new Feed(), true)[0].data);
                FMatrixRMaj[] gs = s.backward(new FMatrixRMaj[] {gy}, both);
                FMatrixRMaj[] gp = p.backward(new FMatrixRMaj[] {gy}, both);
                assertArrayEquals(gs[0].data, gp[0].data);
                assertArrayEquals(gs[1].data, gp[1].data);
                assertArrayEquals(serial.weight().grad().data, parallel.weight().grad().data);
                assertArrayEquals(serial.bias().grad().data, parallel.bias().grad().data);
            }
        }
    }

    private static Graph fmModel(FieldEmbedding table, Gemm team) {
        GraphBuilder g = Graph.builder();
        return g.build(g.apply(new FmInteraction("fm", LARGE_FIELDS, LARGE_K, team), g.apply(table)));
    }
}
