package io.cancelkit.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Cancels jobs on one vendor's platform and reports every answer as a {@link CancelOutcome}.
 *
 * <p>Implementations are immutable and thread-safe; share one per vendor and key.
 */
public interface JobCanceller {
  /** The vendor's short name, lower case; the same on every outcome this canceller returns. */
  String provider();

  /**
   * Asks the vendor to cancel {@code jobId}, retrying transient failures, and blocks for the outcome.
   *
   * <p>Never throws for an HTTP or network answer: those are {@link CancelOutcome} values.
   *
   * @throws IllegalArgumentException if {@code jobId} is null, blank or malformed; nothing is sent
   */
  CancelOutcome cancel(String jobId);

  /**
   * Like {@link #cancel(String)}, without blocking a thread while waiting for the vendor.
   *
   * <p>Cancelling the returned future aborts the HTTP call in flight; it says nothing about the job.
   *
   * @throws IllegalArgumentException if {@code jobId} is null, blank or malformed; nothing is sent
   */
  CompletableFuture<CancelOutcome> cancelAsync(String jobId);

  /**
   * Reads the job's current state from the vendor.
   *
   * @throws JobCancelException if the job cannot be read; {@link ErrorKind#NOT_FOUND} for an unknown job
   * @throws IllegalArgumentException if {@code jobId} is null, blank or malformed; nothing is sent
   */
  JobSnapshot status(String jobId);

  /**
   * Cancels {@code jobId}, then polls its status until it is terminal or {@code timeout} has passed.
   *
   * <p>Returns {@link Cancelled} when the job flips to cancelled, {@link AlreadyFinished} if it ended
   * otherwise, {@link CancelPending} when the deadline passes first, or the cancel's own outcome
   * straight away when that outcome is not pending.
   *
   * @throws IllegalArgumentException if {@code jobId} is malformed or {@code timeout} is not positive
   */
  CancelOutcome cancelAndAwait(String jobId, Duration timeout);
}
