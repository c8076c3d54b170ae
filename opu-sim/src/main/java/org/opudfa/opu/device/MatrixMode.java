package org.opudfa.opu.device;

/** How the transmission matrix is held. Both modes give the same entries for the same key. */
public enum MatrixMode {
    /** Stored as float real and imaginary parts: fast, memory {@code 8·m·n} bytes. */
    DENSE,
    /** Matrix-free: entries of the ON columns are regenerated from their key when needed. */
    ON_DEMAND,
    /** {@link #DENSE} up to {@link TransmissionMatrix#AUTO_DENSE_LIMIT} entries, else {@link #ON_DEMAND}. */
    AUTO
}
