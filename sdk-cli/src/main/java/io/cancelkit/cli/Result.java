package io.cancelkit.cli;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobRef;
import io.cancelkit.core.ResponseInfo;

/**
 * One job's result as the command prints it: the job, and its outcome.
 *
 * @param ref the job's {@code provider:jobId} text, or a malformed input line's text
 * @param provider the vendor's name; null for a malformed line
 * @param jobId the vendor's id of the job; null for a malformed line
 * @param line the input line of a malformed line; 0 otherwise
 * @param outcome the outcome; null when the job was not attempted (the run was interrupted)
 */
record Result(String ref, String provider, String jobId, long line, CancelOutcome outcome) {
  private static final ResponseInfo NO_ANSWER = new ResponseInfo(0, null, 0);

  /** The result of {@code ref}; {@code outcome} null when it was not attempted. */
  static Result of(JobRef ref, CancelOutcome outcome) {
    return new Result(ref.toString(), ref.provider(), ref.jobId(), 0, outcome);
  }

  /** {@code ref} failed before any request: {@code Failed(INVALID_REQUEST)} with {@code message}. */
  static Result invalid(JobRef ref, String message) {
    return of(ref, invalidOutcome(ref.provider(), ref.jobId(), message));
  }

  /** Input line {@code line} is no job reference: one {@code Failed(INVALID_REQUEST)} result. */
  static Result malformed(String text, long line, String message) {
    return new Result(text, null, null, line, invalidOutcome("", text, "line " + line + ": " + message));
  }

  /** The outcome's type name ({@code Cancelled}, …), or {@code NotAttempted}. */
  String type() {
    return outcome == null ? Output.NOT_ATTEMPTED : outcome.getClass().getSimpleName();
  }

  /** The group of the per-vendor summary: the vendor, or {@code input} for a malformed line. */
  String group() {
    return provider != null ? provider : "input";
  }

  private static Failed invalidOutcome(String provider, String jobId, String message) {
    return new Failed(
        provider, jobId, NO_ANSWER, CancelError.of(ErrorKind.INVALID_REQUEST, 0, null, message, null));
  }
}
