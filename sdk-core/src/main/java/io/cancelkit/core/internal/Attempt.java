package io.cancelkit.core.internal;

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
  /** A failure that another attempt may not repeat: 429, 5xx, a reset, a read timeout. */
  final boolean transientFailure;
  /** The wait before the next attempt: the backoff, or what {@code Retry-After} asked for. */
  final long waitMillis;
  /** True when {@link #waitMillis} is what the vendor's {@code Retry-After} asked for. */
  final boolean vendorWait;
  /** True when another attempt would start after the deadline. */
  final boolean pastDeadline;
  /** Why this transient failure was not retried, for the message; empty otherwise. */
  final String stopNote;

  private Attempt(
      Answer answer,
      Throwable error,
      ErrorKind errorKind,
      boolean transientFailure,
      long waitMillis,
      boolean vendorWait,
      boolean pastDeadline,
      String stopNote) {
    this.answer = answer;
    this.error = error;
    this.errorKind = errorKind;
    this.transientFailure = transientFailure;
    this.waitMillis = waitMillis;
    this.vendorWait = vendorWait;
    this.pastDeadline = pastDeadline;
    this.stopNote = stopNote;
  }

  /** This attempt as the last one, with the reason retries stopped. */
  Attempt stopped(String note) {
    return new Attempt(
        answer, error, errorKind, transientFailure, waitMillis, vendorWait, pastDeadline, note);
  }

  static Attempt answered(
      Answer answer, boolean transientFailure, long waitMillis, boolean vendorWait, long remainingNanos) {
    boolean late = pastDeadline(transientFailure, waitMillis, remainingNanos);
    return new Attempt(answer, null, null, transientFailure, waitMillis, vendorWait, late, "");
  }

  static Attempt failed(
      Throwable error, ErrorKind kind, boolean transientFailure, long waitMillis, long remainingNanos) {
    boolean late = pastDeadline(transientFailure, waitMillis, remainingNanos);
    return new Attempt(null, error, kind, transientFailure, waitMillis, false, late, "");
  }

  /** A failure no retry can mend: aborted, no time left, a call that could not be built. */
  static Attempt finalFailure(Throwable error, ErrorKind kind) {
    return new Attempt(null, error, kind, false, 0, false, false, "");
  }

  /** True when a transient failure's retry, {@code waitMillis} away, would start too late. */
  private static boolean pastDeadline(
      boolean transientFailure, long waitMillis, long remainingNanos) {
    return transientFailure && waitMillis * 1_000_000L >= remainingNanos;
  }

  /** What resilience4j retries on: a transient failure whose retry would start in time. */
  boolean retryable() {
    return transientFailure && !pastDeadline;
  }

  boolean isAnswer() {
    return answer != null;
  }
}
