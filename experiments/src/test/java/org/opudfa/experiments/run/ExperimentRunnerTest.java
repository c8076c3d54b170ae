package org.opudfa.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.experiments.report.PlotRenderer;
import org.opudfa.experiments.report.ResultFiles;
import org.opudfa.experiments.report.ResultsCheck;
import org.opudfa.experiments.spec.ExperimentSpec;
import org.opudfa.experiments.spec.SweepSpec;

class ExperimentRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A tiny experiment: BP and DFA on 300 samples of the synthetic task (hidden 16, 2 epochs),
     * and a 2-point fidelity sweep.
     */
    private static final String EXPERIMENT = ("{'name':'tiny','title':'A tiny experiment','description':'For tests.',"
            + "'sweeps':[{'name':'train','kind':'training','base':{'dataset':'synthetic','trainLimit':300,"
            + "'testLimit':100,'hidden':[16],'epochs':2,'batchSize':32,'learningRate':0.01,'alignmentEvery':2,"
            + "'projector':'exact'},'points':[{'label':'BP','method':'bp'},{'label':'DFA','method':'dfa'}],"
            + "'plots':[{'file':'acc.png','title':'Accuracy','source':'epochs','x':'epoch','xLabel':'epoch',"
            + "'y':['test_accuracy'],'yLabel':'accuracy (fraction)','series':'label'},"
            + "{'file':'final.png','title':'Final','x':'label','xLabel':'rule','y':['test_accuracy'],"
            + "'yLabel':'accuracy (fraction)'}]},"
            + "{'name':'fid','kind':'fidelity','base':{'vectors':10,'outputDim':64},'grid':{'bits':[3,9]},"
            + "'plots':[{'file':'fid.png','title':'Fidelity','x':'bits','xLabel':'bits','y':['correlation'],"
            + "'yLabel':'correlation'}]}]}").replace('\'', '"');

    @Test
    void runsAnExperimentEndToEnd(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(EXPERIMENT, "tiny", false);
        ExperimentOutcome o = new ExperimentRunner(2, SweepListener.NONE, "test").run(spec, dir, "run tiny");
        assertEquals(List.of(), ResultsCheck.verify(spec, dir));
        assertEquals(3, o.plots().size());
        for (Path png : o.plots()) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png.toString());
            assertEquals(PlotRenderer.WIDTH, image.getWidth());
            assertEquals(PlotRenderer.HEIGHT, image.getHeight());
        }
        List<String> epochs = Files.readAllLines(dir.resolve("train").resolve(ResultFiles.EPOCHS_CSV));
        assertEquals(5, epochs.size());
        assertTrue(epochs.get(0).startsWith("point,label,method,epoch,step,train_loss"), epochs.get(0));
        JsonNode dfa = JSON.readTree(Files.readAllLines(dir.resolve("train").resolve(ResultFiles.RESULTS_JSONL)).get(1));
        assertEquals("DFA", dfa.get("label").textValue());
        assertTrue(dfa.get("alignment_mean").isNumber());
        assertFalse(dfa.get("diverged").booleanValue());
        JsonNode bp = JSON.readTree(Files.readAllLines(dir.resolve("train").resolve(ResultFiles.RESULTS_JSONL)).get(0));
        assertTrue(bp.get("alignment_mean").isNull());

        JsonNode provenance = JSON.readTree(dir.resolve(ExperimentRunner.PROVENANCE).toFile());
        assertEquals("run tiny", provenance.get("command").textValue());
        assertEquals("test", provenance.get("projectVersion").textValue());
        assertEquals(2, provenance.get("configuration").get("sweeps").get("train").get("points").size());
        assertTrue(provenance.get("dataDescription").textValue().startsWith("synthetic classification task"),
                provenance.get("dataDescription").textValue());
        String md = Files.readString(dir.resolve(ExperimentRunner.RESULTS_MD));
        assertTrue(md.startsWith("# tiny: A tiny experiment\n"), md);
        assertTrue(md.contains("| label | method | test_accuracy |"), md);
        assertTrue(md.contains("![Accuracy](acc.png)"), md);
        assertTrue(md.contains("Settings shared by every point (others at their defaults): `dataset=synthetic`, "
                + "`trainLimit=300`, `testLimit=100`, `hidden=16`,"), md);
    }

    @Test
    void trainingResultsReproduceExactly(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(EXPERIMENT, "tiny", false);
        new ExperimentRunner(2, SweepListener.NONE, "test").run(spec, dir.resolve("a"), "a");
        new ExperimentRunner(1, SweepListener.NONE, "test").run(spec, dir.resolve("b"), "b");
        for (String f : List.of(ResultFiles.RESULTS_CSV, ResultFiles.EPOCHS_CSV, ResultFiles.EPOCHS_JSONL)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a/train").resolve(f)),
                    Files.readAllBytes(dir.resolve("b/train").resolve(f)), f);
        }
    }

    @Test
    void aStandAloneSweepGetsItsFilesAndADefaultPlot(@TempDir Path dir) throws Exception {
        SweepSpec sweep = SweepSpec.parse(JSON.readTree(("{'name':'costs','kind':'cost','base':{'batch':2,"
                + "'cpuMaxEntries':1000},'grid':{'hidden':[100,10000],'errorDim':[4,8]}}").replace('\'', '"')), "x");
        ExperimentOutcome o = new ExperimentRunner(1, SweepListener.NONE, "test").runSweep(sweep, dir, "sweep costs");
        assertEquals(List.of(dir.resolve("costs.png")), o.plots());
        assertNotNull(ImageIO.read(dir.resolve("costs.png").toFile()));
        assertEquals(5, Files.readAllLines(dir.resolve(ResultFiles.RESULTS_CSV)).size());
        assertTrue(Files.exists(dir.resolve(ExperimentRunner.RESULTS_MD)));
        assertTrue(Files.exists(dir.resolve(ExperimentRunner.PROVENANCE)));
        var plot = ExperimentRunner.defaultPlot(sweep);
        assertEquals("hidden", plot.x());
        assertEquals("errorDim", plot.series());
        assertTrue(plot.logX());
        assertEquals(List.of("opu_seconds", "cpu_seconds"), plot.y());
    }
}
