package io.cancelkit.core.http;

import io.cancelkit.core.ErrorKind;

/**
 * One HTTP attempt's result, with the retry decision taken when it was made.
 *
 * <p>Attempts never throw, so resilience4j retries on results only and hands back the last one when
 * attempts run out.
 */
final class Attempt {
  final Answer answer;
  final Throwable error;
  final ErrorKind errorKind;
  final boolean retryable;
  final long waitMillis;
  final boolean stoppedByDeadline;

  private Attempt(
      Answer answer,
      Throwable error,
      ErrorKind errorKind,
      boolean retryable,
      long waitMillis,
      boolean stoppedByDeadline) {
    this.answer = answer;
    this.error = error;
    this.errorKind = errorKind;
    this.retryable = retryable;
    this.waitMillis = waitMillis;
    this.stoppedByDeadline = stoppedByDeadline;
  }

  static Attempt answered(Answer answer, boolean transientFailure, long waitMillis, long remainingNanos) {
    boolean fits = waitMillis * 1_000_000L < remainingNanos;
    return new Attempt(
        answer, null, null, transientFailure && fits, waitMillis, transientFailure && !fits);
  }

  static Attempt failed(
      Throwable error, ErrorKind kind, boolean transientFailure, long waitMillis, long remainingNanos) {
    boolean fits = waitMillis * 1_000_000L < remainingNanos;
    return new Attempt(
        null, error, kind, transientFailure && fits, waitMillis, transientFailure && !fits);
  }

  boolean isAnswer() {
    return answer != null;
  }
}
