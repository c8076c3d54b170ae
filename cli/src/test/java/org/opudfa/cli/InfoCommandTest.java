package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opudfa.experiments.spec.ExperimentCatalog;

class InfoCommandTest {

    @Test
    void printsTheInstallation() {
        CommandRun r = CommandRun.of("info");
        assertEquals(0, r.exit(), r.err());
        for (String key : new String[] {"opu-dfa ", "java ", "cores ", "vector api ", "gemm ", "fashion-mnist ",
            "experiments "}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(key)), key + " in " + r.out());
        }
        assertTrue(r.out().contains("cores           " + Runtime.getRuntime().availableProcessors()), r.out());
    }

    @Test
    void printsJson() throws Exception {
        CommandRun r = CommandRun.of("info", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(Runtime.getRuntime().availableProcessors(), doc.get("cores").intValue());
        assertEquals(ExperimentCatalog.NAMES.size(), doc.get("experiments").size());
        assertTrue(doc.get("fashion-mnist").textValue().startsWith("found in ")
                || doc.get("fashion-mnist").textValue().startsWith("not found in "));
    }
}
