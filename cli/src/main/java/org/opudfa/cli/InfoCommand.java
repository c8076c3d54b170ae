package org.opudfa.cli;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.opudfa.dfa.data.FashionMnist;
import org.opudfa.experiments.spec.ExperimentCatalog;
import org.opudfa.opu.kernel.Gemm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa info}: what this installation is and has: project and Java versions, OS, cores
 * and heap, which GEMM kernel is active and whether the Vector API module is loaded, where
 * Fashion-MNIST was found (or where it was looked for), and the shipped experiments.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Versions, Java, cores, fast (SIMD) kernels, datasets found, shipped experiments.")
final class InfoCommand implements Callable<Integer> {

    /** The module holding the Vector API, needed by the SIMD kernels. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of lines.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> info = collect();
        if (json) {
            Json.print(spec.commandLine().getOut(), info);
        } else {
            int width = info.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Object> e : info.entrySet()) {
                Object v = e.getValue();
                String text = v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                        : String.valueOf(v);
                spec.commandLine().getOut().println(String.format(Locale.ROOT, "%-" + width + "s  %s", e.getKey(), text));
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** @return every item, in display order */
    static Map<String, Object> collect() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("opu-dfa", VersionProvider.projectVersion());
        info.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + "), runtime " + Runtime.version());
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        info.put("cores", Runtime.getRuntime().availableProcessors());
        info.put("max heap", String.format(Locale.ROOT, "%.1f GiB", Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
        boolean vector = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        info.put("vector api", vector ? VECTOR_MODULE + " loaded"
                : VECTOR_MODULE + " not loaded (start Java with --add-modules " + VECTOR_MODULE
                + "; the ./opu-dfa launcher does when the JDK has it)");
        info.put("gemm", gemmImplementation());
        Optional<Path> fashion = FashionMnist.findInstalled();
        info.put("fashion-mnist", fashion.map(p -> "found in " + p + " (" + files(p) + " files)")
                .orElse("not found in " + FashionMnist.defaultFolder() + " (set " + FashionMnist.ENVIRONMENT_VARIABLE
                        + " to a folder holding fashion-mnist/, or apt-get install dataset-fashion-mnist);"
                        + " training falls back to the synthetic task"));
        info.put("synthetic task", "always available (generated from the seed)");
        info.put("experiments", ExperimentCatalog.NAMES);
        return info;
    }

    /**
     * Asks the GEMM kernel which implementation it runs, when the kernel can say so; older kernels
     * cannot, and are reported as the portable EJML one.
     */
    private static String gemmImplementation() {
        try {
            Method m = Gemm.class.getMethod("implementationName");
            return String.valueOf(m.invoke(null));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return "EJML (portable Java; this build's GEMM does not report a SIMD kernel)";
        }
    }

    private static long files(Path folder) {
        try (var s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
