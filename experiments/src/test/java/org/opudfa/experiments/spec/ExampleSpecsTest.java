package org.opudfa.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The example sweep specs in the module's {@code examples} folder parse as the README says. */
class ExampleSpecsTest {

    private static final Path EXAMPLES = Path.of("examples");

    @Test
    void everyExampleParses() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            SweepSpec spec = SweepSpec.read(f);
            assertEquals(f.getFileName().toString().replace(".json", ""), spec.name());
            assertEquals(6, spec.points().size(), f.toString());
        }
    }
}
