package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

/** Runs stopped part-way, for the tests that resume them. */
public final class StoppedRuns {

    private StoppedRuns() {
    }

    /**
     * Runs a trainer until its first epoch ends and its checkpoint is written, then stops it (a
     * listener throws after the epoch).
     *
     * @param trainer    the run
     * @param checkpoint where it writes its checkpoint
     */
    public static void stopAfterFirstEpoch(Trainer trainer, Path checkpoint) {
        assertThrows(IllegalStateException.class, () -> trainer.run(new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                throw new IllegalStateException("stopped");
            }
        }, checkpoint));
    }
}
