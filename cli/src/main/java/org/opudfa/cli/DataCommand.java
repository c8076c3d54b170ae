package org.opudfa.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.opudfa.dfa.task.recsys.ClickLogGenerator;
import org.opudfa.dfa.task.recsys.ClickModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa data}: generates data sets in the standard file format of the real ones, from
 * documented models whose ground truth is known.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Generate data sets in the format of the real ones (with their ground truth).",
        subcommands = {DataCommand.Clicks.class, GraphDataCommand.class, NerfDataCommand.class})
final class DataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("opu-dfa: data needs a kind of data set, e.g. 'opu-dfa data clicks'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_BAD_INPUT;
    }

    /**
     * {@code opu-dfa data clicks}: a click log in the Criteo format from the latent click model,
     * with each record's true click probability beside it.
     */
    @Command(name = "clicks", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write a click log in the Criteo TSV format (label, 13 integer and 26 hashed categorical "
                    + "fields) drawn from a latent click model (per-value biases, pairwise interactions through latent "
                    + "vectors, a nonlinear term, power-law category frequencies, missing values), and each record's "
                    + "true click probability in a side file, so that the Bayes-optimal AUC is known.",
                "Writes DIR/" + ClickLogGenerator.LOG_FILE + " and DIR/" + ClickLogGenerator.PROBABILITY_FILE
                    + "; train on them with 'train --task recsys --data DIR/" + ClickLogGenerator.LOG_FILE + "'."})
    static final class Clicks implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the files to.")
        Path out;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Records (default: ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed of the model and the records (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--max-cardinality", paramLabel = "C", defaultValue = "20000",
                description = "Most values of a categorical field (default: ${DEFAULT-VALUE}).")
        int maxCardinality;

        @Option(names = "--click-rate", paramLabel = "P", defaultValue = "0.25",
                description = "Mean click probability (default: ${DEFAULT-VALUE}, about Criteo's).")
        double clickRate;

        @Option(names = "--nonlinearity", paramLabel = "C", defaultValue = "" + ClickModel.NONLINEAR_WEIGHT,
                description = "Weight of the click model's nonlinear term c·tanh(2s)·s' (default: ${DEFAULT-VALUE}; "
                        + "0: none).")
        double nonlinearity;

        @Option(names = "--json", description = "Print one JSON object instead of a line.")
        boolean json;

        @Override
        public Integer call() {
            ClickLogGenerator.Summary s = ClickLogGenerator.generate(out, rows, seed, maxCardinality, clickRate,
                    nonlinearity);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("log", s.log().toString());
                m.put("probabilities", s.probabilities().toString());
                m.put("rows", s.rows());
                m.put("clickRate", s.clickRate());
                m.put("testBayesAuc", s.testBayesAuc());
                Json.print(spec.commandLine().getOut(), m);
            } else {
                spec.commandLine().getOut().println(ClickLogGenerator.describe(s));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
