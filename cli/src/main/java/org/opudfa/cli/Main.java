package org.opudfa.cli;

import java.io.PrintWriter;

import org.opudfa.dfa.optim.OptimizerKind;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.FeedbackScale;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.mlp.Activation;
import org.opudfa.dfa.task.mlp.DatasetChoice;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.EncodingType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code opu-dfa} command: a simulated optical processing unit and Direct Feedback
 * Alignment training, from the command line.
 *
 * <p>Exit codes: 0 success, 1 a run that failed (for instance a diverging training), 2 bad input
 * (options, files, configuration), reported as one sentence on stderr without a stack trace.
 */
@Command(name = "opu-dfa",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Simulated optical processing unit (OPU) and Direct Feedback Alignment (DFA) training.",
        subcommands = {
            TrainCommand.class,
            DataCommand.class,
            GenerateCommand.class,
            FidelityCommand.class,
            ProjectCommand.class,
            ExperimentCommand.class,
            SweepCommand.class,
            InfoCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Exit code for bad input: options, files or configuration. */
    public static final int EXIT_BAD_INPUT = 2;

    /** Exit code for a run that started but failed. */
    public static final int EXIT_RUN_FAILED = 1;

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * @return a command line wired with the project's error handling, for {@link #main} and tests
     */
    public static CommandLine newCommandLine() {
        return configure(new CommandLine(new Main()));
    }

    /**
     * Registers the project's enum spellings and error handling on a command line.
     *
     * @param cmd a command line
     * @return {@code cmd}
     */
    static CommandLine configure(CommandLine cmd) {
        Enums.register(cmd, EncodingType.class, MatrixMode.class, DatasetChoice.class, Activation.class,
                Method.class, ProjectorKind.class, Distribution.class, FeedbackLayout.class, FeedbackScale.class,
                OptimizerKind.class, ScheduleKind.class);
        cmd.setExecutionExceptionHandler(Main::handleExecutionException);
        cmd.setParameterExceptionHandler(Main::handleParameterException);
        return cmd;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("opu-dfa: a command is needed, e.g. 'opu-dfa train' or 'opu-dfa fidelity'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_BAD_INPUT;
    }

    private static int handleExecutionException(Exception ex, CommandLine cmd,
                                                CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof RunFailedException) {
            err.println("opu-dfa: " + ex.getMessage());
            err.flush();
            return EXIT_RUN_FAILED;
        }
        if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
                || ex instanceof java.io.IOException) {
            err.println("opu-dfa: " + messageOf(ex));
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("opu-dfa: internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return EXIT_RUN_FAILED;
    }

    private static String messageOf(Throwable ex) {
        // an UncheckedIOException made without a message of its own carries its cause's
        if (ex instanceof java.io.UncheckedIOException && ex.getCause() != null
                && (ex.getMessage() == null || ex.getMessage().equals(ex.getCause().toString()))) {
            return messageOf(ex.getCause());
        }
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + ex.getMessage();
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = ex.getCause() instanceof IllegalArgumentException && ex.getCause().getMessage() != null
                ? ex.getCause().getMessage() : ex.getMessage();
        // one line, ours: the pointer to --help is part of the sentence, not a second line
        err.println("opu-dfa: " + message + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
