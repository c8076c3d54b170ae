package org.opudfa.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ExperimentCatalogTest {

    @Test
    void everyShippedExperimentParsesInBothForms() {
        for (String name : ExperimentCatalog.NAMES) {
            ExperimentSpec full = ExperimentCatalog.load(name, false);
            ExperimentSpec quick = ExperimentCatalog.load(name, true);
            assertEquals(name, full.name());
            assertFalse(full.quick());
            assertTrue(quick.quick());
            assertFalse(full.description().isBlank(), name);
            assertEquals(full.sweeps().size(), quick.sweeps().size(), name);
            for (int i = 0; i < full.sweeps().size(); i++) {
                assertTrue(quick.sweeps().get(i).points().size() <= full.sweeps().get(i).points().size(), name);
                assertFalse(full.sweeps().get(i).plots().isEmpty(), name + " has a sweep without plots");
            }
        }
    }

    @Test
    void unknownExperimentIsRejectedWithTheKnownNames() {
        String m = assertThrows(IllegalArgumentException.class, () -> ExperimentCatalog.load("nope", true))
                .getMessage();
        assertEquals("there is no experiment 'nope'; known: " + String.join(", ", ExperimentCatalog.NAMES), m);
    }

    @Test
    void quickFormMergesBaseKeysAndReplacesGridParameters() {
        String text = ("{'name':'e','title':'t','description':'d','sweeps':[{'name':'s','kind':'fidelity',"
                + "'base':{'vectors':100,'outputDim':512},'grid':{'bits':[1,2,3],'readNoise':[0,1]},"
                + "'quick':{'base':{'vectors':7},'grid':{'bits':[4]}}}]}").replace('\'', '"');
        SweepSpec full = ExperimentSpec.parse(text, "e", false).sweeps().get(0);
        SweepSpec quick = ExperimentSpec.parse(text, "e", true).sweeps().get(0);
        assertEquals(6, full.points().size());
        assertEquals(2, quick.points().size());
        assertEquals(Map.of("bits", 4, "readNoise", 1.0), quick.points().get(1).varied());
        assertEquals(7, quick.points().get(0).settings().get("vectors"));
        assertEquals(512, quick.points().get(0).settings().get("outputDim"));
        assertEquals(100, full.points().get(0).settings().get("vectors"));
    }

    @Test
    void experimentErrorsNameTheSweep() {
        String text = ("{'name':'e','title':'t','description':'d','sweeps':[{'name':'s','kind':'fidelity',"
                + "'grid':{'bits':[1]},'quick':{'grid':{'bits':[]}}}]}").replace('\'', '"');
        assertEquals(1, ExperimentSpec.parse(text, "experiment e", false).sweeps().get(0).points().size());
        String m = assertThrows(IllegalArgumentException.class, () -> ExperimentSpec.parse(text, "experiment e", true))
                .getMessage();
        assertEquals("experiment e: sweeps[0]: grid.bits must be a non-empty list of values, got []", m);
        String other = text.replace("'quick'".replace('\'', '"'), "\"fast\"");
        String m2 = assertThrows(IllegalArgumentException.class, () -> ExperimentSpec.parse(other, "experiment e", false))
                .getMessage();
        assertTrue(m2.startsWith("experiment e: sweeps[0]: fast is not a field of a sweep spec"), m2);
    }
}
