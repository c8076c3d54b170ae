package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The heap check's sentence: the need, its largest part and option, the heap, and how to raise it. */
class HeapCheckTest {

    private static final long MB = 1024L * 1024;
    private static final long GB = 1024 * MB;

    @Test
    void aRunThatFitsPasses() {
        HeapCheck.require(768 * MB, "the network", 700 * MB, "--hidden 1024", "train", 768 * MB);
    }

    @Test
    void aRunTooLargeNamesItsLargestPartTheHeapAndHowToRaiseIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeapCheck.require(
                7 * GB, "the network", 6 * GB, "--hidden 20000,20000", "train", 768 * MB));

        assertEquals("this run needs about 7.0 GB of heap, 6.0 GB of it for the network (--hidden 20000,20000), but the"
                + " Java heap holds at most 768 MB; choose a smaller --hidden, or give Java more heap, e.g."
                + " OPU_DFA_JAVA_OPTS=-Xmx9g ./opu-dfa train ...", e.getMessage());
    }

    @Test
    void aPartThatIsTheWholeIsNotCountedTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeapCheck.require(
                3 * GB, "the device", 3 * GB, "--output-dim 9", "fidelity", 2 * GB));

        assertEquals("this run needs about 3.0 GB of heap for the device (--output-dim 9), but the Java heap holds at"
                + " most 2.0 GB; choose a smaller --output-dim, or give Java more heap, e.g."
                + " OPU_DFA_JAVA_OPTS=-Xmx4g ./opu-dfa fidelity ...", e.getMessage());
    }

    @Test
    void runningOutAnywaySaysSoInOneSentence() {
        RunFailedException e = HeapCheck.outOfMemory(new OutOfMemoryError("Java heap space"), "train");

        assertEquals("the run ran out of Java heap (at most " + HeapCheck.size(Runtime.getRuntime().maxMemory())
                + "); make it smaller, or give Java more heap, e.g. OPU_DFA_JAVA_OPTS=-Xmx", e.getMessage()
                .substring(0, e.getMessage().indexOf("-Xmx") + "-Xmx".length()));
    }
}
