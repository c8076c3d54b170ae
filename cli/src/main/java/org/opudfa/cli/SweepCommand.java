package org.opudfa.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.opudfa.experiments.run.ExperimentOutcome;
import org.opudfa.experiments.run.ExperimentRunner;
import org.opudfa.experiments.spec.SweepSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa sweep SPEC}: runs an ad-hoc grid described by a JSON spec file
 * ({@link SweepSpec}). The whole spec is checked before any point runs.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run every point of a sweep spec (JSON: kind, base, grid, optional points and plots), in parallel,",
            "one row per point; rerunning in the same --out skips finished points."
        })
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The sweep spec file (JSON).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: SPEC's name + '-results').")
    Path out;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Points run at once, each on one thread (default: the number of cores).")
    Integer jobs;

    @Option(names = "--fresh", description = "Rerun every point, ignoring points finished by an earlier run in --out.")
    boolean fresh;

    @Option(names = "--check", description = "Only check the spec and print its points; run nothing.")
    boolean check;

    @Override
    public Integer call() {
        SweepSpec sweep = SweepSpec.read(file);
        if (check) {
            spec.commandLine().getOut().println(sweep.kind().spelling() + " sweep '" + sweep.name() + "': "
                    + sweep.points().size() + " points");
            sweep.points().forEach(p -> spec.commandLine().getOut().println("  " + p.id() + "  "
                    + SweepSpec.describe(p.label(), p.varied())));
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path folder = out != null ? out : Path.of(sweep.name() + "-results");
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (j < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + j);
        }
        String command = "./opu-dfa sweep " + file + (out != null ? " --out " + out : "") + (fresh ? " --fresh" : "");
        ExperimentOutcome outcome = new ExperimentRunner(j, new SweepProgress(spec.commandLine().getErr()),
                VersionProvider.projectVersion(), !fresh).runSweep(sweep, folder, command);
        ResultTables.print(spec.commandLine().getOut(), outcome);
        spec.commandLine().getOut().println("Results in " + folder + " (" + ExperimentRunner.RESULTS_MD + ", "
                + ResultTables.plots(outcome.plots().size()) + ").");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
