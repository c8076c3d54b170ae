/**
 * The {@code opu-dfa} command line: one picocli command class per subcommand, shared options in
 * mixins, results on stdout (a table, or JSON with {@code --json}) and diagnostics on stderr.
 */
package org.opudfa.cli;
