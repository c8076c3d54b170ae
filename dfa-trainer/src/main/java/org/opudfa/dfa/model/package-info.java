/**
 * The network a training rule trains: hidden blocks, an output head and a loss, with the
 * feedback points (block outputs) that Direct Feedback Alignment injects its signals into.
 */
package org.opudfa.dfa.model;
