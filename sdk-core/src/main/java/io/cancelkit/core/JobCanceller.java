package io.cancelkit.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Cancels jobs on one vendor's platform and reports every answer as a {@link CancelOutcome}.
 *
 * <p>Implementations are immutable and thread-safe; share one per vendor and key.
 */
public interface JobCanceller {
  /**
   * The vendor's short name, such as {@code layers}.
   *
   * @return the name in lower case; the same on every outcome this canceller returns
   */
  String provider();

  /**
   * Asks the vendor to cancel {@code jobId}, retrying transient failures, and blocks for the outcome.
   *
   * <p>Never throws for an HTTP or network answer: those are {@link CancelOutcome} values.
   *
   * @param jobId the vendor's id of the job
   * @return what became of the request; never null
   * @throws IllegalArgumentException if {@code jobId} is null, blank or malformed; nothing is sent
   */
  CancelOutcome cancel(String jobId);

  /**
   * Like {@link #cancel(String)}, without blocking a thread while waiting for the vendor.
   *
   * <p>Cancelling the returned future aborts the HTTP call in flight; it says nothing about the job.
   *
   * @param jobId the vendor's id of the job
   * @return a future of the outcome, completed on the canceller's callback executor; an HTTP or
   *     network failure completes it with a {@link Failed} outcome, as {@link #cancel} returns one
   * @throws IllegalArgumentException if {@code jobId} is null, blank or malformed; nothing is sent
   */
  CompletableFuture<CancelOutcome> cancelAsync(String jobId);

  /**
   * Reads the job's current state from the vendor.
   *
   * @param jobId the vendor's id of the job
   * @return the job as the vendor describes it now
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
   * @param jobId the vendor's id of the job
   * @param timeout how long to poll after the cancel is accepted; positive
   * @return the settled outcome, or {@link CancelPending} if the job had not ended by the deadline
   * @throws IllegalArgumentException if {@code jobId} is malformed or {@code timeout} is not positive
   */
  CancelOutcome cancelAndAwait(String jobId, Duration timeout);
}
