package org.opudfa.opu;

/**
 * Something whose state can be saved into a checkpoint and restored, so that a resumed run
 * continues exactly where it stopped (a simulated device's frame clock, which keys its noise, its
 * drift and its calibration). A trainer asks its projector for this interface rather than for a
 * concrete class; projectors without state do not implement it.
 */
public interface Restorable {

    /** @return the state as bytes, in a versioned format of the implementation's own */
    byte[] saveState();

    /**
     * Returns to a saved state; checks the whole state before changing anything.
     *
     * @param state bytes from {@link #saveState()} of an object built alike
     * @throws IllegalArgumentException if the state does not fit (other version, other configuration)
     */
    void restoreState(byte[] state);
}
