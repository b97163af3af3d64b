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
  /**
   * Checks the components and copies the counts.
   *
   * @param done jobs settled or not attempted so far
   * @param total jobs in the run, or -1 when unknown
   * @param counts settled jobs by outcome type name; not null, copied
   * @throws NullPointerException if {@code counts} or one of its keys or values is null
   */
  public BulkProgress {
    counts = Map.copyOf(counts);
  }
}
