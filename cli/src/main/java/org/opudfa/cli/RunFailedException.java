package org.opudfa.cli;

/**
 * A run that started with valid input but could not finish (for instance a training whose loss
 * diverged). The command line prints its message and exits with {@link Main#EXIT_RUN_FAILED}.
 */
public final class RunFailedException extends RuntimeException {

    /**
     * @param message one sentence saying what failed
     * @param cause   the underlying failure, or null
     */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
