package org.opudfa.opu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class GemmImplementationTest {

    /** generous: a JVM start plus one tiny product */
    private static final long CHILD_JVM_SECONDS = 60;

    @Test
    void scalarIsAlwaysAvailable() {
        assertTrue(GemmImplementation.SCALAR.isAvailable());
        assertEquals("", GemmImplementation.SCALAR.unavailableReason());
        assertTrue(GemmImplementation.SCALAR.description().startsWith("scalar"),
                GemmImplementation.SCALAR.description());
    }

    @Test
    void testJvmRunsTheVectorKernel() {
        // the build starts test JVMs with --add-modules jdk.incubator.vector
        assertTrue(GemmImplementation.VECTOR.isAvailable(),
                "expected the Vector API kernel: " + GemmImplementation.VECTOR.unavailableReason());
        assertEquals(GemmImplementation.VECTOR, GemmImplementation.preferred());
        assertTrue(GemmImplementation.VECTOR.description().startsWith("vector (jdk.incubator.vector, "),
                GemmImplementation.VECTOR.description());
    }

    @Test
    void jvmWithoutTheVectorModuleFallsBackToScalar() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), ImplementationProbe.class.getName()));
        pb.redirectErrorStream(true);
        Process child = pb.start();
        String out;
        try (InputStream in = child.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(child.waitFor(CHILD_JVM_SECONDS, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), out);
        String reason = "the module jdk.incubator.vector is not enabled "
                + "(start java with --add-modules jdk.incubator.vector)";
        assertTrue(out.contains("preferred=SCALAR\n"), out);
        assertTrue(out.contains("name=scalar (plain Java loops"), out);
        assertTrue(out.contains("error=implementation VECTOR is not available in this JVM: " + reason + "\n"), out);
        assertTrue(out.contains("product=19.0,22.0,43.0,50.0\n"), out);
    }
}
