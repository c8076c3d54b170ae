package org.opudfa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.graph.CitationGraph;
import org.opudfa.dfa.task.graph.CitationGraphGenerator;
import org.opudfa.dfa.task.graph.GraphDataSettings;
import org.opudfa.dfa.task.graph.LinqsWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa data graph}: generates a citation graph from the contextual stochastic block
 * model ({@link CitationGraphGenerator}) and writes it in the LINQS format of Cora and CiteSeer,
 * for {@code train --task graph --data DIR}. The generator's parameters are the options of
 * {@link GraphDataSettings#GENERATOR}, with Cora-like defaults.
 */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = GraphDataCommand.GeneratorOptions.class,
        description = {
            "Generate a citation graph from a contextual stochastic block model and write it in the LINQS",
            "format of Cora and CiteSeer: NAME.content (paper id, 0/1 word features, class) and NAME.cites",
            "(one undirected edge per line). Nodes fall into classes of unequal size; an edge joins two",
            "nodes of the same class with probability --homophily, else nodes of other classes; degrees",
            "have a power-law tail; each class has a topic of --topic-words words, and a node's words come",
            "from its topic with probability --topic-fraction, else from the whole vocabulary. The defaults",
            "give Cora's sizes (2708 nodes, 7 classes, 1433 words, 5400 edges) and difficulty. Then:",
            "opu-dfa train --task graph --data DIR."
        })
final class GraphDataCommand implements Callable<Integer> {

    /** The generator's options. */
    static final class GeneratorOptions extends SettingOptions {
        /** Called by picocli. */
        GeneratorOptions() {
            super(GraphDataSettings.GENERATOR);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "generated",
            description = "The files' stem: NAME.content and NAME.cites (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a folder, but " + out + " is a file");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("--name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        SettingValues values = SettingOptions.values(spec, GraphDataSettings.GENERATOR);
        CitationGraphGenerator generator = GraphDataSettings.generator(values);
        long seed = values.get(GraphDataSettings.GRAPH_SEED);
        CitationGraph graph = generator.generate(name, seed);
        LinqsWriter.write(graph, out, name);
        int[] degrees = graph.degrees();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out.resolve(name + ".content") + " and " + out.resolve(name + ".cites") + ": "
                + graph.describe());
        stdout.println(String.format(Locale.ROOT, "edge homophily %.3f, degrees mean %.2f, max %d, words per node %.2f",
                graph.edgeHomophily(), 2.0 * graph.edgeCount() / graph.nodeCount(),
                java.util.Arrays.stream(degrees).max().orElse(0),
                (double) graph.features().nonZeros() / graph.nodeCount()));
        stdout.println("train on it with: opu-dfa train --task graph --data " + out);
        stdout.flush();
        return 0;
    }
}
