package org.opudfa.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa data}: generates data sets in the file formats of the real ones, so that the
 * readers a user points at real files are the ones the generated data exercises.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Generate a data set in the file format of the real ones (see each subcommand).",
        subcommands = {GraphDataCommand.class})
final class DataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("opu-dfa: data needs a data set to generate, e.g. 'opu-dfa data graph "
                + "--out DIR'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_BAD_INPUT;
    }
}
