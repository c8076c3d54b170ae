/**
 * Files a run leaves behind (atomic writes, checksummed binary files, provenance records, metric
 * logs) and the way input read from files is quoted in error messages.
 */
package org.opudfa.dfa.io;
