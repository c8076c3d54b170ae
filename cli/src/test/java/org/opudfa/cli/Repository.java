package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests check against: the README, the launcher, the examples. */
final class Repository {

    private Repository() {
    }

    /** @return the repository's root: the parent of the cli module folder above the test classes */
    static Path root() {
        Path folder;
        try {
            folder = Path.of(Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("the test classes have no file location", e);
        }
        while (folder != null && !Files.isRegularFile(folder.resolve("pom.xml"))) {
            folder = folder.getParent();
        }
        assertNotNull(folder, "the cli module folder above the test classes");
        Path root = folder.toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("README.md")), "a README.md beside the cli module: " + root);
        return root;
    }

    /** @return the README */
    static Path readme() {
        return root().resolve("README.md");
    }
}
