/**
 * Seeded randomness: named streams derived from a run's root seed, and the mixing function
 * behind counter-based generation.
 */
package org.opudfa.opu.rng;
