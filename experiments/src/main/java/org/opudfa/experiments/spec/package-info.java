/**
 * Sweep and experiment specifications: the parameters a sweep may set, their types, the grid of
 * points a spec expands to, and the plots it asks for. Everything is validated when parsed, so a
 * bad spec is rejected, naming the field, before any point runs.
 */
package org.opudfa.experiments.spec;
