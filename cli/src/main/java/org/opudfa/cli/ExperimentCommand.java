package org.opudfa.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.opudfa.experiments.report.ResultsCheck;
import org.opudfa.experiments.run.ExperimentOutcome;
import org.opudfa.experiments.run.ExperimentRunner;
import org.opudfa.experiments.spec.ExperimentCatalog;
import org.opudfa.experiments.spec.ExperimentSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa experiment}: the named experiments that ship with opu-dfa ({@code list}) and
 * running one ({@code run NAME [--quick] [--out DIR] [--jobs N]}) and checking a run's output
 * folder ({@code check NAME [--quick] [--out DIR]}).
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "List the shipped experiments or run one; results, plots and provenance go under --out.",
        subcommands = {ExperimentCommand.ListCommand.class, ExperimentCommand.RunCommand.class,
            ExperimentCommand.CheckCommand.class})
final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("opu-dfa: experiment needs a subcommand: list or run NAME.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_BAD_INPUT;
    }

    /** {@code opu-dfa experiment list}: one line per shipped experiment. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped experiments.")
    static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Table table = new Table(List.of("name", "sweeps", "points", "quick points", "title"));
            for (String name : ExperimentCatalog.NAMES) {
                ExperimentSpec full = ExperimentCatalog.load(name, false);
                ExperimentSpec quick = ExperimentCatalog.load(name, true);
                List<String> sweeps = new ArrayList<>();
                full.sweeps().forEach(s -> sweeps.add(s.name()));
                table.add(List.of(name, String.join(",", sweeps), Integer.toString(points(full)),
                        Integer.toString(points(quick)), full.title()));
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }

        private static int points(ExperimentSpec e) {
            return e.sweeps().stream().mapToInt(s -> s.points().size()).sum();
        }
    }

    /** {@code opu-dfa experiment run NAME}: runs one experiment, resuming an earlier run in the same folder. */
    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Run an experiment: every point of its sweeps (in parallel, skipping points already finished",
                "in --out), then write results.csv/.jsonl, epochs, timings, plots, results.md and provenance.json."
            })
    static final class RunCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The experiment, see 'opu-dfa experiment list'.")
        String name;

        @Option(names = "--quick", description = "Run the reduced version (a few minutes on 2 cores; what CI runs).")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Output folder (default: opu-dfa-results/NAME, or NAME-quick with --quick).")
        Path out;

        @Option(names = "--jobs", paramLabel = "N",
                description = "Points run at once, each on one thread (default: the number of cores).")
        Integer jobs;

        @Option(names = "--fresh", description = "Rerun every point, ignoring points finished by an earlier run in --out.")
        boolean fresh;

        @Override
        public Integer call() {
            ExperimentSpec experiment = ExperimentCatalog.load(name, quick);
            Path folder = out != null ? out : defaultFolder(name, quick);
            int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
            if (j < 1) {
                throw new IllegalArgumentException("--jobs must be at least 1, got " + j);
            }
            String command = "./opu-dfa experiment run " + name + (quick ? " --quick" : "")
                    + (out != null ? " --out " + out : "") + (fresh ? " --fresh" : "");
            ExperimentRunner runner = new ExperimentRunner(j, new SweepProgress(spec.commandLine().getErr()),
                    VersionProvider.projectVersion(), !fresh);
            ExperimentOutcome outcome = runner.run(experiment, folder, command);
            ResultTables.print(spec.commandLine().getOut(), outcome);
            spec.commandLine().getOut().println("Results in " + folder + " (" + ExperimentRunner.RESULTS_MD + ", "
                    + ResultTables.plots(outcome.plots().size()) + ").");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** @return the default output folder of an experiment run */
    static Path defaultFolder(String name, boolean quick) {
        return Path.of("opu-dfa-results", name + (quick ? "-quick" : ""));
    }

    /**
     * {@code opu-dfa experiment check NAME}: verifies that a run's output folder is complete and
     * readable (exit 0), or lists what is wrong (exit 1).
     */
    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Check an experiment's output folder: every file exists, CSVs have one row per point, JSON and",
                "JSON lines parse, PNGs decode. Exit 0 when complete, 1 otherwise."
            })
    static final class CheckCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The experiment, see 'opu-dfa experiment list'.")
        String name;

        @Option(names = "--quick", description = "The folder holds a --quick run.")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR",
                description = "The run's output folder (default: as for 'experiment run').")
        Path out;

        @Override
        public Integer call() {
            ExperimentSpec experiment = ExperimentCatalog.load(name, quick);
            Path folder = out != null ? out : defaultFolder(name, quick);
            List<String> problems = ResultsCheck.verify(experiment, folder);
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println(name + (quick ? " (quick)" : "") + ": " + folder
                        + " is complete and every file parses.");
                spec.commandLine().getOut().flush();
                return 0;
            }
            problems.forEach(p -> spec.commandLine().getErr().println("opu-dfa: " + p));
            spec.commandLine().getErr().flush();
            return Main.EXIT_RUN_FAILED;
        }
    }
}
