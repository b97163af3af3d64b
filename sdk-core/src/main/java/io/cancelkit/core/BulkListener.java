package io.cancelkit.core;

/**
 * Hears a bulk run ({@link CancelRouter#cancelAll}) as it goes: each job's result as it settles,
 * with the run's progress.
 *
 * <p>Callbacks of one run never overlap: they come one at a time, in the order results settle, on
 * the run's worker threads. Keep them quick. A listener that throws is logged once and never stops
 * the run or changes a result.
 */
public interface BulkListener {
  /**
   * A job settled with {@code outcome}; {@code progress} counts it already.
   *
   * @param ref the job
   * @param outcome what became of its cancel
   * @param progress the run's progress, this job included
   */
  default void onResult(JobRef ref, CancelOutcome outcome, BulkProgress progress) {}

  /**
   * A job was not attempted: the run was interrupted before it started.
   *
   * @param ref the job
   * @param progress the run's progress, this job included
   */
  default void onNotAttempted(JobRef ref, BulkProgress progress) {}
}
