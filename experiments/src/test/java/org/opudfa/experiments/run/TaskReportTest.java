package org.opudfa.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.task.Task;
import org.opudfa.experiments.report.ResultsCheck;
import org.opudfa.experiments.spec.ExperimentSpec;

/**
 * A training point's task may say what its trained model does ({@link Task#REPORT_FILE} in the
 * point's folder: the language model writes samples), and results.md shows it under the point's label.
 */
class TaskReportTest {

    @Test
    void resultsShowWhatEachPointsModelWrote(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3000; i++) {
            text.append(i % 3 == 0 ? "the cat sat on the mat.\n" : "a dog ran to its bed. ");
        }
        Path corpus = Files.writeString(dir.resolve("text.txt"), text, StandardCharsets.UTF_8);
        String json = ("{'name':'tiny-lm','title':'A tiny language model','description':'For tests.',"
                + "'sweeps':[{'name':'rules','kind':'training','base':{'task':'lm','data':'" + corpus + "',"
                + "'layers':1,'dModel':16,'heads':2,'context':16,'batchSize':4,'epochSteps':2,'epochs':1,"
                + "'projector':'exact'},'points':[{'label':'BP','method':'bp'},{'label':'DFA','method':'dfa'}],"
                + "'plots':[{'file':'bits.png','title':'Bits','source':'epochs','x':'tokens','xLabel':'tokens',"
                + "'y':['validation_bits_per_character'],'yLabel':'bits per character','series':'label'}]}]}")
                .replace('\'', '"');
        ExperimentSpec spec = ExperimentSpec.parse(json, "tiny-lm", false);
        ExperimentOutcome o = new ExperimentRunner(1, SweepListener.NONE, "test").run(spec, dir.resolve("out"),
                "run tiny-lm");
        assertEquals(List.of(), ResultsCheck.verify(spec, dir.resolve("out")));
        String md = Files.readString(dir.resolve("out").resolve(ExperimentRunner.RESULTS_MD));
        assertTrue(md.contains("What each point's trained model does, as its task reports it:\n\n**BP**\n\n"
                + "Samples after epoch 1 (240 bytes at temperature 0.8; prompt, seed):"), md);
        assertTrue(md.contains("**DFA**\n\nSamples after epoch 1"), md);
        Path bpReport = SweepRunner.pointFolder(o.sweeps().get(0).folder(), spec.sweeps().get(0).points().get(0))
                .resolve(Task.REPORT_FILE);
        assertTrue(md.contains(Files.readString(bpReport).strip()), "the point's report, as written");
    }
}
