/**
 * Random projections: the {@link org.opudfa.opu.RandomProjector} interface, the exact CPU
 * projector and the projector backed by the simulated optical processing unit.
 */
package org.opudfa.opu;
