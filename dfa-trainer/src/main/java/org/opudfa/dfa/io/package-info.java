/**
 * Files a run leaves behind: atomic writes, provenance records and metric logs.
 */
package org.opudfa.dfa.io;
