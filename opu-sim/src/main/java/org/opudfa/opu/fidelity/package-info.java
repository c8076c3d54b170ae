/**
 * How faithful a hardware projection is: correlation, relative error and signal-to-noise ratio
 * of measured projections against the ideal ones, and a seeded routine that measures them for
 * an {@link org.opudfa.opu.OpuProjector} against its own ideal matrix.
 */
package org.opudfa.opu.fidelity;
