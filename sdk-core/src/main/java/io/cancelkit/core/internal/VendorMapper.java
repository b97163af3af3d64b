package io.cancelkit.core.internal;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.ResponseInfo;
import java.io.IOException;

/**
 * One vendor's rules, as one pure mapping: from an answer to an outcome, a snapshot or "settle with
 * one GET".
 *
 * <p>A mapper builds no calls, holds no key and keeps no state; it is tested by feeding it {@link
 * Answer}s, with no server. What it does not override is the engine's default, named in {@link
 * Defaults}: a mapper's {@link #cancel} ends in {@link Defaults#cancel} for the statuses its vendor
 * does not document, so reading one mapper shows every rule of its vendor. Implementations must be
 * immutable.
 */
public interface VendorMapper {
  /** The vendor's name, as {@link io.cancelkit.core.JobCanceller#provider()} returns it. */
  String provider();

  /**
   * Checks a job id before any request; the default is {@link JobIds#requireValid}.
   *
   * @throws IllegalArgumentException if the vendor could not address a job by this id
   */
  default void checkJobId(String jobId) {
    JobIds.requireValid("jobId", jobId);
  }

  /**
   * Reads an answer to the cancel call, whatever its status.
   *
   * @throws IOException or a {@link RuntimeException} for a body the vendor's documented shape does
   *     not fit; the engine makes it {@code Failed(UNEXPECTED_RESPONSE)} with a snippet of the body
   */
  Verdict cancel(Answer answer) throws IOException;

  /**
   * Reads a 2xx answer to the status call as a snapshot.
   *
   * @throws IOException or a {@link RuntimeException} for a body that is not the vendor's job
   */
  JobSnapshot snapshot(Answer answer) throws IOException;

  /** Reads a non-2xx answer to the status call; the default is {@link Defaults#statusError}. */
  default CancelError statusError(Answer answer) {
    return Defaults.statusError(answer);
  }

  /**
   * Decides a cancel answer that asked to settle ({@link Verdict#settle}) from the job's state; the
   * default is {@link Defaults#settle}.
   *
   * @param info the facts of the GET that read {@code job}, for the outcome
   */
  default CancelOutcome settle(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    return Defaults.settle(cancelAnswer, job, info);
  }

  /** True when an answer is worth another attempt; the default is {@link Defaults#retryable}. */
  default boolean retryable(Answer answer) {
    return Defaults.retryable(answer);
  }

  /** The vendor's id for an answer; the default is {@link Defaults#requestId}. */
  default String requestId(Answer answer) {
    return Defaults.requestId(answer);
  }
}
