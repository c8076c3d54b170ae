package org.opudfa.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/**
 * One in-process run of the command line, with what it printed.
 *
 * @param exit the exit code
 * @param out  what went to stdout
 * @param err  what went to stderr
 */
record CommandRun(int exit, String out, String err) {

    /**
     * @param args the command-line arguments
     * @return the run
     */
    static CommandRun of(String... args) {
        CommandLine cmd = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
