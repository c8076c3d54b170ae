/**
 * The files a run leaves behind: result tables as CSV and JSON lines, per-point epochs and
 * wall-clock timings in their own files (so the result CSV reproduces exactly), PNG charts drawn
 * headless with XChart, a markdown summary and the provenance record.
 */
package org.opudfa.experiments.report;
