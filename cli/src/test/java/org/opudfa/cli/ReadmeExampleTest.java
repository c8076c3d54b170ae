package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of the repository's README compiles against the current code and prints what
 * the README says it prints. The example is read from the README itself, so the two cannot drift
 * apart.
 */
class ReadmeExampleTest {

    /** The README section whose first Java block is the example. */
    static final String HEADING = "## Using the library from Java";

    private static final Pattern CLASS_NAME = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** The decimal separator follows the default locale, as the example's printf does. */
    private static final Pattern FRAMES_LINE = Pattern.compile("frames (\\d+), device time (\\d+[.,]\\d{4}) s");
    private static final Pattern EPOCH_LINE = Pattern.compile("epoch (\\d+): test accuracy (\\d+[.,]\\d{3})");
    /** The example trains this many epochs. */
    private static final int EPOCHS = 2;

    @TempDir
    Path dir;

    @Test
    void readmeJavaExampleCompilesRunsAndPrintsWhatItPromises() throws Exception {
        String source = javaBlockUnder(HEADING, Files.readString(Repository.readme(), StandardCharsets.UTF_8));
        String className = qualifiedClassName(source);
        Path classes = compile(className, source);

        List<String> lines = runMain(classes, className);

        assertEquals(1 + EPOCHS, lines.size(), "one line for the projection and one per epoch: " + lines);
        Matcher frames = FRAMES_LINE.matcher(lines.get(0));
        assertTrue(frames.matches(), "the projection line: " + lines.get(0));
        assertTrue(Long.parseLong(frames.group(1)) > 0, "the device showed frames: " + lines.get(0));
        assertTrue(number(frames.group(2)) > 0, "the device took simulated time: " + lines.get(0));
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Matcher m = EPOCH_LINE.matcher(lines.get(epoch));
            assertTrue(m.matches(), "epoch line: " + lines.get(epoch));
            assertEquals(epoch, Integer.parseInt(m.group(1)));
            double accuracy = number(m.group(2));
            assertTrue(accuracy >= 0 && accuracy <= 1, "an accuracy is a fraction: " + lines.get(epoch));
        }
    }

    @Test
    void extractsOnlyTheJavaBlockOfTheNamedSection() {
        String markdown = String.join("\n",
                "# Title", "```java", "class Before {}", "```",
                HEADING, "Some text.", "```", "not java", "```", "```java", "class Wanted {}", "```",
                "```java", "class Second {}", "```", "## Next", "```java", "class After {}", "```");

        assertEquals("class Wanted {}\n", javaBlockUnder(HEADING, markdown));
        assertThrowsAssertion(() -> javaBlockUnder("## Missing", markdown), "no heading '## Missing'");
        assertThrowsAssertion(() -> javaBlockUnder("## Next", "## Next\n```java\nclass Open {}\n"), "not closed");
        assertThrowsAssertion(() -> javaBlockUnder(HEADING, HEADING + "\ntext\n## Other\n```java\nx\n```\n"),
                "no ```java block");
    }

    /**
     * @param heading  a level-2 heading line, e.g. {@code ## Using the library from Java}
     * @param markdown the document
     * @return the text of the first {@code ```java} block after the heading and before the next
     *         level-2 heading, one {@code \n} after each line
     */
    static String javaBlockUnder(String heading, String markdown) {
        List<String> lines = markdown.lines().toList();
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError("the README has no heading '" + heading + "'");
        }
        int open = -1;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).strip().equals("```java")) {
                open = i;
                break;
            }
        }
        if (open < 0) {
            throw new AssertionError("the README section '" + heading + "' has no ```java block");
        }
        StringBuilder block = new StringBuilder();
        for (int i = open + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```")) {
                return block.toString();
            }
            block.append(lines.get(i)).append('\n');
        }
        throw new AssertionError("the ```java block under '" + heading + "' is not closed");
    }

    private static String qualifiedClassName(String source) {
        Matcher name = CLASS_NAME.matcher(source);
        assertTrue(name.find(), "the example declares a public class");
        Matcher pkg = PACKAGE.matcher(source);
        return pkg.find() ? pkg.group(1) + "." + name.group(1) : name.group(1);
    }

    /** Compiles the example with the system compiler against this test's classpath. */
    private Path compile(String className, String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK (a system Java compiler), not a bare runtime");
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString(), "-encoding", "UTF-8", "-proc:none");
            boolean ok = javac.getTask(output, files, diagnostics, options, null,
                    files.getJavaFileObjects(file)).call();
            if (!ok) {
                StringBuilder report = new StringBuilder("the README example does not compile:\n");
                diagnostics.getDiagnostics().forEach(d -> report.append(d).append('\n'));
                fail(report.append(output).toString());
            }
        }
        return classes;
    }

    /** Runs {@code main} in this JVM and returns the non-empty lines it printed to System.out. */
    private static List<String> runMain(Path classes, String className) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader());
             PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(capture);
            try {
                main.invoke(null, (Object) new String[0]);
            } catch (InvocationTargetException e) {
                throw new AssertionError("the README example threw " + e.getCause(), e.getCause());
            } finally {
                System.setOut(original);
            }
        }
        List<String> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    private static void assertThrowsAssertion(Runnable action, String messagePart) {
        try {
            action.run();
        } catch (AssertionError e) {
            assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' names " + messagePart);
            return;
        }
        fail("expected an AssertionError naming " + messagePart);
    }
}
