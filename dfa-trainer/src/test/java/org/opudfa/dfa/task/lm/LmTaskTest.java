package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.encoding.EncodingType;

class LmTaskTest {

    /** double arithmetic on one mean loss */
    private static final double TOLERANCE_F64 = 1e-9;
    /** the linear bit-plane encoding shows at most 4 device frames per bit plane of an error vector */
    private static final int FRAMES_PER_TOKEN = 4 * OpuConfig.DEFAULT_BIT_PLANES;

    @TempDir
    Path dir;

    private static List<EpochMetrics> run(SettingValues values) {
        try (Trainer t = new Trainer(LmTask.INSTANCE.build(values))) {
            return t.run(TrainingListener.NONE, null);
        }
    }

    @Test
    void isListedAndItsDefaultsAreSizedForTwoCores() {
        assertEquals(LmTask.INSTANCE, Tasks.get("lm"));
        SettingValues d = LmTask.INSTANCE.defaults();
        assertEquals(EncodingType.BIT_PLANES, d.get(OpuRegistry.ENCODING), "the dense error needs more than its signs");
        TransformerConfig c = LmTask.config(d);
        assertEquals(new TransformerConfig(256, 128, 4, 128, 4, 512, 0.0, PositionalKind.SINUSOIDAL,
                NormPlacement.POST, false, FeedbackPlacement.MACRO), c);
        assertEquals(32, d.get(TrainingSettings.BATCH_SIZE));
        assertEquals(d, SettingValues.fromDescribe(LmTask.SETTINGS, d.describe()), "settings round-trip");
    }

    @Test
    void estimatesTheHeapFromTheActivationsOfAStep() {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), Method.DFA);
        org.opudfa.dfa.task.MemoryEstimate one = LmTask.INSTANCE.memoryEstimate(v);
        org.opudfa.dfa.task.MemoryEstimate two = LmTask.INSTANCE.memoryEstimate(v.with(TrainingSettings.BATCH_SIZE, 8));
        assertEquals(List.of(LmSettings.DATA, LmSettings.D_MODEL, TrainingSettings.BATCH_SIZE, LmSettings.FEEDBACK),
                one.parts().stream().map(org.opudfa.dfa.task.MemoryEstimate.Part::setting).toList());
        long activations = one.parts().get(2).bytes();
        assertEquals(2 * activations, two.parts().get(2).bytes(), "twice the windows, twice the activations");
        // 1 block of d 16, f 64, 2 heads, context 16, V 256: 4·(16·4)·(22·16 + 4·64 + 2·16 + 4·256 + 6·16)
        assertEquals(4L * 64 * (22 * 16 + 4 * 64 + 2 * 16 + 4 * 256 + 6 * 16), activations);
        assertEquals(6L * 4000, one.parts().get(0).bytes(), 6L * 30, "about 4000 bytes of text");
    }

    @Test
    void evaluatesBitsPerCharacterAndPerplexityAndCountsTokens() {
        List<EpochMetrics> history = run(LmFixtures.small(LmFixtures.text(dir, 4000), Method.DFA));
        assertEquals(2, history.size());
        EpochMetrics m = history.get(1);
        for (String set : List.of("validation", "test")) {
            double loss = m.value(set + "_loss");
            assertEquals(loss / Math.log(2), m.value(set + "_bits_per_character"), TOLERANCE_F64);
            assertEquals(Math.exp(loss), m.value(set + "_perplexity"), TOLERANCE_F64 * Math.exp(loss));
        }
        assertEquals("tokens", m.itemName());
        assertEquals(6, m.step());
        assertEquals(1, m.alignment().size(), "one feedback point per block (macro)");
    }

    @Test
    void microMeasuresAlignmentAtThreePointsPerBlock() {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), Method.DFA).with(LmSettings.LAYERS, 2)
                .with(LmSettings.FEEDBACK, FeedbackPlacement.MICRO).with(TrainingSettings.EPOCHS, 1);
        assertEquals(6, run(v).get(0).alignment().size());
    }

    @Test
    void opuShowsAtMostFourFramesPerBitPlaneOfATokensError() {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), Method.DFA)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.OPU).with(TrainingSettings.EPOCHS, 1);
        EpochMetrics m = run(v).get(0);
        long tokens = 3L * 4 * 16;
        assertTrue(m.opuFrames() > tokens && m.opuFrames() <= FRAMES_PER_TOKEN * tokens, m.opuFrames() + " frames");
        assertTrue(m.opuDeviceSeconds() > 0);
    }

    /** Resumed from the checkpoint of its first epoch, with dropout drawn between the windows. */
    @Test
    void resumedRunEqualsTheUninterruptedOne() {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), Method.DFA).with(LmSettings.DROPOUT, 0.1)
                .with(TrainingSettings.EPOCHS, 3);
        Path first = dir.resolve("first.ckpt");
        try (Trainer uninterrupted = new Trainer(LmTask.INSTANCE.build(v));
             Trainer stopped = new Trainer(LmTask.INSTANCE.build(v.with(TrainingSettings.EPOCHS, 1)));
             Trainer resumed = new Trainer(LmTask.INSTANCE.build(v))) {
            uninterrupted.run(TrainingListener.NONE, null);
            stopped.run(TrainingListener.NONE, first);
            resumed.restore(Checkpoint.read(first));
            resumed.run(TrainingListener.NONE, null);
            for (int e = 0; e < 3; e++) {
                assertEquals(uninterrupted.history().get(e).values(), resumed.history().get(e).values(), "epoch " + e);
            }
            List<Parameter> a = uninterrupted.model().parameters();
            List<Parameter> b = resumed.model().parameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).value().data, b.get(i).value().data, 0f, a.get(i).name());
            }
        }
    }

    /** The samples written after each epoch change nothing in the run, and its checkpoint writes them again. */
    @Test
    void writesSamplesAfterEachEpochWithoutChangingTheRun() throws java.io.IOException {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), Method.DFA).with(LmSettings.DROPOUT, 0.1);
        Path out = java.nio.file.Files.createDirectory(dir.resolve("out"));
        try (Trainer plain = new Trainer(LmTask.INSTANCE.build(v));
             Trainer reporting = new Trainer(LmTask.INSTANCE.build(v))) {
            plain.run(TrainingListener.NONE, null);
            TrainingListener report = LmTask.INSTANCE.listener(reporting.run(), v, out);
            reporting.run(report, null);
            List<Parameter> a = plain.model().parameters();
            List<Parameter> b = reporting.model().parameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).value().data, b.get(i).value().data, 0f, a.get(i).name());
            }
            String md = java.nio.file.Files.readString(out.resolve(org.opudfa.dfa.task.Task.REPORT_FILE));
            assertTrue(md.startsWith("Samples after epoch 2 (240 bytes at temperature 0.8; prompt, seed):"), md);
            int[] second = TextGenerator.fromCheckpoint(reporting.checkpoint(), org.opudfa.opu.kernel.Gemm
                    .singleThreaded()).generate("The ", 240, 0.8, 2);
            String expected = "The " + ByteVocabulary.decode(second, 0, second.length);
            assertTrue(md.contains("- prompt \"The \", seed 2:\n\n```text\n" + expected.stripTrailing() + "\n```"),
                    md);
        }
    }

    @Test
    void backpropagationLearnsTheText() {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 6000), Method.BP)
                .with(TrainingSettings.LEARNING_RATE, 3e-3).with(LmSettings.EPOCH_STEPS, 40);
        List<EpochMetrics> h = run(v);
        double uniform = Math.log(256) / Math.log(2);
        double bits = h.get(1).value("validation_bits_per_character");
        assertTrue(bits < uniform / 2, "after 80 steps " + bits + " bits per character, against " + uniform
                + " for a uniform guess");
    }

    @Test
    void namesWhatIsWrongWithTheSettingsOrTheText() throws java.io.IOException {
        Path text = LmFixtures.text(dir, 4000);
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> LmTask.INSTANCE.build(LmFixtures.small(text, Method.BP).with(LmSettings.HEADS, 3)));
        assertEquals("dModel (16) must be a multiple of heads (3)", heads.getMessage());
        Path tiny = LmFixtures.text(java.nio.file.Files.createDirectory(dir.resolve("tiny")), 100);
        IllegalArgumentException shortText = assertThrows(IllegalArgumentException.class,
                () -> LmTask.INSTANCE.build(LmFixtures.small(tiny, Method.BP)));
        assertTrue(shortText.getMessage().startsWith("the text corpus " + tiny + " is too short"),
                shortText.getMessage());
    }
}
