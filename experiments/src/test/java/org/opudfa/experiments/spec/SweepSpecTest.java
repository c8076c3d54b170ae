package org.opudfa.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.io.MessageText;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.encoding.EncodingType;

class SweepSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static SweepSpec parse(String text) throws Exception {
        return SweepSpec.parse(json(text), "test");
    }

    private static String rejected(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void gridExpandsWithTheFirstParameterVaryingSlowest() throws Exception {
        SweepSpec s = parse("{'kind':'fidelity','base':{'vectors':5,'outputDim':64},"
                + "'grid':{'bits':[4,8],'readNoise':[0,3.5,10]}}");
        assertEquals("test", s.name());
        assertEquals(SweepKind.FIDELITY, s.kind());
        assertEquals(6, s.points().size());
        assertEquals(List.of("bits", "readNoise"), s.variedColumns());
        assertEquals(Map.of("bits", 4, "readNoise", 0.0), s.points().get(0).varied());
        assertEquals(Map.of("bits", 4, "readNoise", 3.5), s.points().get(1).varied());
        assertEquals(Map.of("bits", 8, "readNoise", 10.0), s.points().get(5).varied());
        assertEquals(5, s.points().get(3).settings().get("vectors"));
        for (int i = 0; i < 6; i++) {
            assertEquals(i, s.points().get(i).index());
        }
        assertEquals(6, s.points().stream().map(SweepPoint::id).distinct().count());
    }

    @Test
    void idsDependOnSettingsNotOnPosition() throws Exception {
        SweepSpec a = parse("{'kind':'fidelity','grid':{'bits':[4,8]}}");
        SweepSpec b = parse("{'kind':'fidelity','grid':{'bits':[2,8]}}");
        SweepSpec c = parse("{'kind':'fidelity','base':{'seed':1},'grid':{'bits':[4,8]}}");
        assertEquals(a.points().get(1).id(), b.points().get(1).id());
        assertNotEquals(a.points().get(0).id(), b.points().get(0).id());
        assertNotEquals(a.points().get(0).id(), c.points().get(0).id());
    }

    @Test
    void explicitPointsCarryLabelsAndCombineWithTheGrid() throws Exception {
        SweepSpec s = parse("{'kind':'training','base':{'dataset':'synthetic','hidden':[32]},"
                + "'points':[{'label':'BP','method':'bp'},{'label':'DFA','method':'dfa','projector':'exact'}],"
                + "'grid':{'seed':[1,2]}}");
        assertEquals(4, s.points().size());
        assertTrue(s.labelled());
        assertEquals("BP", s.points().get(1).label());
        assertEquals("DFA", s.points().get(2).label());
        assertEquals(List.of("method", "projector", "seed"), s.variedColumns());
        assertNull(s.points().get(0).varied().get("projector"));
        SettingValues values = TrainingSetup.values(s.points().get(3).settings(), 1);
        assertEquals(Method.DFA, values.get(TrainingSettings.METHOD));
        assertEquals(2L, values.get(TrainingSettings.SEED));
        assertEquals(List.of(32), values.get(MlpSettings.HIDDEN));
        assertEquals(1, values.get(TrainingSettings.THREADS));
    }

    @Test
    void opuParametersReachTheTrainingConfiguration() throws Exception {
        SweepSpec s = parse("{'kind':'training','base':{'encoding':'bit-planes','bitPlanes':3,'drift':1e-4,"
                + "'recalibrateEvery':100},'grid':{'bits':[6]}}");
        OpuConfig opu = OpuRegistry.apply(TrainingSetup.values(s.points().get(0).settings(), 1),
                OpuConfig.builder(10, 20)).build();
        assertEquals(6, opu.camera().bits());
        assertEquals(EncodingType.BIT_PLANES, opu.encoding());
        assertEquals(3, opu.bitPlanes());
        assertEquals(1e-4, opu.driftRate());
        assertEquals(100L, opu.recalibrationPeriod());
    }

    @Test
    void trainingPointsTakeATaskAndOnlyItsSettings() throws Exception {
        SweepSpec s = parse("{'kind':'training','base':{'task':'mlp'},'grid':{'seed':[1]}}");
        assertEquals("mlp", TrainingSetup.task(s.points().get(0).settings()).name());
        assertTrue(rejected("{'kind':'training','base':{'task':'nope'},'grid':{'seed':[1]}}").contains("task"));
    }

    @Test
    void referenceSizeIsAWholeNumberOrAuto() throws Exception {
        SweepSpec s = parse("{'kind':'fidelity','base':{'inputDim':100},'grid':{'referenceSize':[8,'AUTO']}}");
        assertEquals(8, s.points().get(0).varied().get("referenceSize"));
        assertEquals("auto", s.points().get(1).varied().get("referenceSize"), "the word is kept in lower case");
        assertEquals(8, FidelitySetup.of(s.points().get(0).settings()).opu().referenceSize());
        OpuConfig auto = FidelitySetup.of(s.points().get(1).settings()).opu();
        assertEquals(OpuConfig.REFERENCE_SIZE_AUTO, auto.referenceSize());
        assertEquals(50, auto.effectiveReferenceSize());
        assertEquals("grid.referenceSize[0] must be auto or a whole number, got \"big\"",
                rejected("{'kind':'fidelity','grid':{'referenceSize':['big']}}"));
    }

    @Test
    void unknownParameterIsRejectedNamingTheField() {
        String m = rejected("{'kind':'fidelity','grid':{'bitz':[4]}}");
        assertTrue(m.startsWith("grid.bitz names an unknown parameter 'bitz' of fidelity sweeps; known: "), m);
        assertTrue(m.contains("bits"), m);
        String base = rejected("{'kind':'cost','base':{'method':'bp'},'grid':{'hidden':[10]}}");
        assertTrue(base.startsWith("base.method names an unknown parameter 'method' of cost sweeps"), base);
    }

    @Test
    void wrongTypeIsRejectedNamingTheField() {
        assertEquals("base.bits must be a whole number, got \"eight\"",
                rejected("{'kind':'fidelity','base':{'bits':'eight'},'grid':{'seed':[1]}}"));
        assertEquals("grid.bits[1] must be a whole number, got 4.5",
                rejected("{'kind':'fidelity','grid':{'bits':[4,4.5]}}"));
        assertEquals("grid.shotNoise[0] must be true or false, got 1",
                rejected("{'kind':'fidelity','grid':{'shotNoise':[1]}}"));
        assertEquals("grid.method[0] must be one of bp, dfa, fa, shallow, got \"backprop\"",
                rejected("{'kind':'training','grid':{'method':['backprop']}}"));
        assertEquals("base.seed must be a whole number, got 1.5",
                rejected("{'kind':'fidelity','base':{'seed':1.5},'grid':{'bits':[4]}}"));
        assertEquals("grid.readNoise[0] must be a number, got \"x\"",
                rejected("{'kind':'fidelity','grid':{'readNoise':['x']}}"));
        assertEquals("base.hidden must be a list of whole numbers, got [\"a\"]",
                rejected("{'kind':'training','base':{'hidden':['a']},'grid':{'seed':[1]}}"));
    }

    @Test
    void emptyGridIsRejected() {
        assertEquals("grid.bits must be a non-empty list of values, got []",
                rejected("{'kind':'fidelity','grid':{'bits':[]}}"));
        assertEquals("grid must be an object naming at least one parameter, got {}",
                rejected("{'kind':'fidelity','grid':{}}"));
        assertEquals("grid is missing: a sweep must vary at least one parameter in grid or list points",
                rejected("{'kind':'fidelity','base':{'bits':4}}"));
        assertEquals("points must be a non-empty list of objects, got []",
                rejected("{'kind':'fidelity','points':[]}"));
    }

    @Test
    void outOfRangeValueIsRejectedNamingThePoint() {
        String m = rejected("{'kind':'fidelity','grid':{'bits':[8,17]}}");
        assertEquals("point bits=17: bits must be between 1 and 16, got 17", m);
        String t = rejected("{'kind':'training','grid':{'epochs':[0]}}");
        assertEquals("point epochs=0: epochs must be at least 1, got 0", t);
        String f = rejected("{'kind':'fidelity','grid':{'density':[0.0]}}");
        assertEquals("point density=0.0: density must be in (0, 1], got 0.0", f);
    }

    @Test
    void malformedSpecsAreRejected() throws Exception {
        assertEquals("kind is missing; it must be one of training, fidelity, cost",
                rejected("{'grid':{'bits':[4]}}"));
        assertEquals("kind must be one of training, fidelity, cost, got 'physics'",
                rejected("{'kind':'physics','grid':{'bits':[4]}}"));
        assertTrue(rejected("{'kind':'fidelity','grids':{'bits':[4]}}")
                .startsWith("grids is not a field of a sweep spec; allowed: "));
        assertEquals("point bits=4 repeats an earlier point with the same settings",
                rejected("{'kind':'fidelity','grid':{'bits':[4,4]}}"));
        assertEquals("name must be letters, digits, '.', '_' or '-', got 'a b'",
                rejected("{'name':'a b','kind':'fidelity','grid':{'bits':[4]}}"));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(json("[1]"), "x"));
    }

    /** @return "0,1,...,n-1" */
    private static String range(int n) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            values.append(i == 0 ? "" : ",").append(i);
        }
        return values.toString();
    }

    @Test
    void aGridOfAMillionPointsIsRejectedByCountingBeforeAnyPointIsBuilt() {
        String grid = "{'kind':'fidelity','grid':{'bits':[" + range(10) + "],'seed':[" + range(1000)
                + "],'readNoise':[" + range(100) + "]}}";
        assertEquals("the sweep has 1000000 points (10 bits x 1000 seed x 100 readNoise), but at most "
                + SweepSpec.MAX_POINTS + " are allowed; split it into smaller sweeps", rejected(grid));
        String withPoints = "{'kind':'fidelity','points':[{'bits':4},{'bits':8}],'grid':{'seed':[" + range(1000)
                + "],'readNoise':[" + range(10) + "]}}";
        assertEquals("the sweep has 20000 points (2 points x 1000 seed x 10 readNoise), but at most "
                + SweepSpec.MAX_POINTS + " are allowed; split it into smaller sweeps", rejected(withPoints));
    }

    @Test
    void aSweepOfExactlyTheLimitIsAccepted() throws Exception {
        SweepSpec s = parse("{'kind':'cost','grid':{'hidden':[" + range(11).substring(2) + "],'seed':["
                + range(SweepSpec.MAX_POINTS / 10) + "]}}");
        assertEquals(SweepSpec.MAX_POINTS, s.points().size());
    }

    @Test
    void deeplyNestedTextIsRejectedInOneSentence() {
        int depth = 100_000;
        String text = "{\"kind\":\"fidelity\",\"base\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        String m = assertThrows(IllegalArgumentException.class, () -> SweepSpec.tree(text, "sweep spec d.json"))
                .getMessage();
        assertEquals("sweep spec d.json nests objects and lists more than " + SweepSpec.MAX_NESTING_DEPTH
                + " levels deep; a spec needs only a few levels", m);
        String shallow = "{\"kind\":\"fidelity\",\"base\":" + "[".repeat(SweepSpec.MAX_NESTING_DEPTH - 1)
                + "]".repeat(SweepSpec.MAX_NESTING_DEPTH - 1) + "}";
        String m2 = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.parse(SweepSpec.tree(shallow, "s"), "s")).getMessage();
        assertTrue(m2.startsWith("base must be an object of parameter values, got [[["), m2);
    }

    @Test
    void textAfterTheSpecAndRepeatedFieldsAreRejected() {
        String trailing = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.tree("{\"kind\":\"cost\"} }", "sweep spec t.json")).getMessage();
        assertTrue(trailing.startsWith("sweep spec t.json is not valid JSON: "), trailing);
        String twice = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.tree("{\"kind\":\"cost\",\"kind\":\"fidelity\"}", "sweep spec t.json"))
                .getMessage();
        assertTrue(twice.startsWith("sweep spec t.json is not valid JSON: ") && twice.contains("kind"), twice);
    }

    @Test
    void longValuesAreQuotedByTheirBeginningOnly() {
        String m = rejected("{'kind':'fidelity','grid':{'bits':['" + "9".repeat(1_000_000) + "']}}");
        assertEquals("grid.bits[0] must be a whole number, got \"" + "9".repeat(MessageText.QUOTE_LIMIT - 1)
                + MessageText.ELLIPSIS, m);
    }

    @Test
    void plotsAreCheckedAgainstTheColumns() throws Exception {
        String ok = "{'kind':'fidelity','grid':{'bits':[4]},'plots':[{'file':'a.png','title':'T','x':'bits',"
                + "'xLabel':'bits','y':['correlation','seconds'],'yLabel':'r','logX':true}]}";
        PlotSpec plot = parse(ok).plots().get(0);
        assertEquals("results", plot.source());
        assertTrue(plot.logX());
        assertEquals(List.of("correlation", "seconds"), plot.y());
        String m = rejected(ok.replace("'correlation'", "'corr'"));
        assertTrue(m.startsWith("plots[0].y[0] names 'corr', which is not a column; known: "), m);
        assertEquals("plots[0].source must be results, got 'epochs'",
                rejected(ok.replace("'title':'T'", "'title':'T','source':'epochs'")));
        assertEquals("plots[0].file must be a plain file name ending in .png, got '../a.png'",
                rejected(ok.replace("'a.png'", "'../a.png'")));
        assertEquals("plots[0].yLabel is missing", rejected(ok.replace(",'yLabel':'r'", "")));
    }

    @Test
    void trainingPlotsMayNameTheColumnsTheirTasksMeasure() throws Exception {
        String ok = "{'kind':'training','base':{'task':'nerf'},'points':[{'label':'BP','method':'bp'}],"
                + "'plots':[{'file':'a.png','title':'T','source':'epochs','x':'rays','xLabel':'rays',"
                + "'y':['val_psnr'],'yLabel':'dB','series':'label'},{'file':'b.png','title':'T','x':'label',"
                + "'xLabel':'rule','y':['best_test_psnr','rays_per_second'],'yLabel':'dB'}]}";
        assertEquals(List.of("val_psnr"), parse(ok).plots().get(0).y());
        String m = rejected(ok.replace("'val_psnr'", "'PSNR'"));
        assertTrue(m.startsWith("plots[0].y[0] names 'PSNR', which is not a column; known: "), m);
        assertTrue(m.endsWith(" and the task's: SET_METRIC, best_SET_METRIC (SET train, val, validation or test), "
                + "the items seen (samples, rays, ...)"), m);
    }

    @Test
    void aParameterTwoTasksDeclareAsDifferentChoicesIsCheckedByThePointsTask() throws Exception {
        String ok = "{'kind':'training','base':{'task':'recsys'},'points':[{'label':'FM','model':'fm','method':'bp'}],"
                + "'plots':[{'file':'a.png','title':'T','x':'label','xLabel':'rule','y':['best_test_auc'],"
                + "'yLabel':'AUC'}]}";
        assertEquals("fm", parse(ok).points().get(0).settings().get("model"));
        assertEquals("gcn", parse(ok.replace("'recsys'", "'graph'").replace("'fm'", "'gcn'")).points().get(0)
                .settings().get("model"));
        String m = rejected(ok.replace("'fm'", "'gcn'"));
        assertTrue(m.contains("model") && m.contains("fm, deepfm, deep-cross"), m);
        String word = rejected(ok.replace("'fm'", "'mlp'"));
        assertTrue(word.contains("gcn, cheb, gat, fm, deepfm, deep-cross"), word);
    }

    @Test
    void imageGridsAreTrainingFiguresOfPlainPngNames() throws Exception {
        String ok = "{'kind':'training','base':{'task':'nerf'},'points':[{'label':'BP','method':'bp'}],"
                + "'imageGrids':[{'file':'views.png','title':'Views','image':'test-views.png',"
                + "'header':'test-views-truth.png','headerLabel':'ground truth','scale':3}]}";
        ImageGridSpec grid = parse(ok).imageGrids().get(0);
        assertEquals(new ImageGridSpec("views.png", "Views", "test-views.png", "test-views-truth.png", "ground truth", 3),
                grid);
        assertEquals("imageGrids[0].image must be a plain file name ending in .png, got '../x.png'",
                rejected(ok.replace("'test-views.png'", "'../x.png'")));
        assertEquals("imageGrids[0].scale must be a whole number from 1 to 16, got 40",
                rejected(ok.replace("'scale':3", "'scale':40")));
        assertEquals("imageGrids[0].title is missing", rejected(ok.replace("'title':'Views',", "")));
        assertEquals("imageGrids are made of images that training points write; a fidelity sweep has none",
                rejected("{'kind':'fidelity','grid':{'bits':[4]},'imageGrids':[]}"));
        assertEquals(List.of(), parse(ok.replace(",'imageGrids':[{'file':'views.png','title':'Views','image':"
                + "'test-views.png','header':'test-views-truth.png','headerLabel':'ground truth','scale':3}]", ""))
                .imageGrids());
    }

    @Test
    void readsFilesAndNamesThemAfterTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-sweep.json");
        Files.writeString(file, "{\"kind\":\"cost\",\"grid\":{\"hidden\":[100,200]}}");
        assertEquals("my-sweep", SweepSpec.read(file).name());
        Files.writeString(file, "{\"kind\":");
        String m = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(file)).getMessage();
        assertTrue(m.startsWith("sweep spec " + file + " is not valid JSON"), m);
        Path missing = dir.resolve("nope.json");
        assertEquals("sweep spec " + missing + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(missing)).getMessage());
    }
}
