package org.opudfa.dfa.task.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.settings.SettingValues;

/**
 * The graph a graph task runs on, with what it is.
 *
 * @param graph       the graph
 * @param description where it came from (files and checksums, or how it was generated), and what
 *                    the reader skipped
 */
public record GraphData(CitationGraph graph, DataDescription description) {

    private static final Map<List<Object>, SoftReference<GraphData>> CACHE = new HashMap<>();

    /**
     * Resolves {@link GraphDataSettings#DATASET}: LINQS files, Zachary's karate club, or the
     * generated graph. Each distinct selection is loaded once per JVM and shared (graphs are
     * read-only; entries are softly held), so the points of a sweep do not read or generate the
     * same graph again.
     *
     * @param values settings holding {@link GraphDataSettings#SETTINGS}
     * @return the data
     * @throws IllegalArgumentException if files were asked for without {@code --data}, or the files
     *     are missing or malformed, or the generator's parameters do not fit together
     */
    public static GraphData load(SettingValues values) {
        GraphDataset dataset = values.get(GraphDataSettings.DATASET);
        Path data = values.get(GraphDataSettings.DATA);
        if (dataset == GraphDataset.AUTO) {
            dataset = data != null ? GraphDataset.FILES : GraphDataset.GENERATED;
        }
        if (dataset == GraphDataset.FILES && data == null) {
            throw new IllegalArgumentException("--dataset files needs --data, the folder of a LINQS data set "
                    + "(NAME.content and NAME.cites)");
        }
        if (dataset != GraphDataset.FILES && data != null) {
            throw new IllegalArgumentException("--data names LINQS files, but --dataset is "
                    + dataset.name().toLowerCase(java.util.Locale.ROOT) + "; use --dataset files or auto");
        }
        List<Object> key = switch (dataset) {
            case FILES -> List.of(dataset, data.toAbsolutePath().normalize().toString());
            case KARATE -> List.of(dataset);
            default -> List.of(dataset, GraphDataSettings.generator(values), values.get(GraphDataSettings.GRAPH_SEED));
        };
        synchronized (CACHE) {
            SoftReference<GraphData> ref = CACHE.get(key);
            GraphData loaded = ref == null ? null : ref.get();
            if (loaded == null) {
                loaded = read(dataset, data, values);
                CACHE.put(key, new SoftReference<>(loaded));
            }
            return loaded;
        }
    }

    private static GraphData read(GraphDataset dataset, Path data, SettingValues values) {
        switch (dataset) {
            case FILES -> {
                try {
                    LinqsReader.Result r = LinqsReader.read(data);
                    return new GraphData(r.graph(), new DataDescription(r.graph().describe() + " (LINQS files at "
                            + data + ")", r.sources()));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read the LINQS data set at " + data + ": "
                            + e.getMessage(), e);
                }
            }
            case KARATE -> {
                CitationGraph g = KarateClub.graph();
                return new GraphData(g, new DataDescription(g.describe() + " (Zachary's karate club, built in)",
                        List.of()));
            }
            default -> {
                CitationGraphGenerator generator = GraphDataSettings.generator(values);
                long seed = values.get(GraphDataSettings.GRAPH_SEED);
                CitationGraph g = generator.generate("generated", seed);
                return new GraphData(g, new DataDescription(g.describe() + String.format(java.util.Locale.ROOT,
                        " (generated: contextual stochastic block model, homophily %s, realised %.3f, graph seed %d)",
                        generator.homophily(), g.edgeHomophily(), seed), List.of()));
            }
        }
    }
}
