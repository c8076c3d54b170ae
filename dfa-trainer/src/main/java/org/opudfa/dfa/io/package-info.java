/**
 * Files a run leaves behind: atomic writes, checksummed binary files, provenance records and
 * metric logs.
 */
package org.opudfa.dfa.io;
