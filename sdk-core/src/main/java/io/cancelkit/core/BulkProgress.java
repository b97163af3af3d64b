package io.cancelkit.core;

import java.util.Map;

/**
 * How far a bulk run has come.
 *
 * @param done jobs settled or not attempted so far
 * @param total jobs in the run, or -1 when the input is a stream of unknown length
 * @param counts settled jobs so far by outcome type name ({@code "Cancelled"}, {@code "Failed"}, …)
 */
public record BulkProgress(long done, long total, Map<String, Long> counts) {
  /** Checks the components and copies the counts. */
  public BulkProgress {
    counts = Map.copyOf(counts);
  }
}
