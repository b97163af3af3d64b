package io.cancelkit.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a call failed.
 *
 * @param kind the category a caller branches on
 * @param httpStatus the status of the last answer; 0 when none came
 * @param providerCode the vendor's own error code (such as {@code RATE_LIMITED}); null when none
 * @param message a human-readable explanation; never contains the API key
 * @param requestId the vendor's id for the failing answer; null when none was given
 * @param retryAfter how long the vendor asked to wait, for {@link ErrorKind#RATE_LIMITED}
 * @param cause the exception behind a network failure or timeout
 */
public record CancelError(
    ErrorKind kind,
    int httpStatus,
    String providerCode,
    String message,
    String requestId,
    Optional<Duration> retryAfter,
    Optional<Throwable> cause) {
  /**
   * Checks the components; null optionals are read as empty.
   *
   * @param kind the category; not null
   * @param httpStatus the last status; 0 when no answer came
   * @param providerCode the vendor's error code; may be null
   * @param message the explanation; not null
   * @param requestId the vendor's request id; may be null
   * @param retryAfter the wait the vendor asked for; null or empty when it asked none
   * @param cause the exception behind the failure; null or empty when there is none
   * @throws NullPointerException if {@code kind} or {@code message} is null
   */
  public CancelError {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(message, "message == null");
    retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    cause = cause == null ? Optional.empty() : cause;
  }

  /**
   * Returns an error without retry hint or cause.
   *
   * @param kind the category; not null
   * @param httpStatus the last status; 0 when no answer came
   * @param providerCode the vendor's error code; may be null
   * @param message the explanation; not null
   * @param requestId the vendor's request id; may be null
   * @return the error, with empty {@link #retryAfter()} and {@link #cause()}
   */
  public static CancelError of(
      ErrorKind kind, int httpStatus, String providerCode, String message, String requestId) {
    return new CancelError(
        kind, httpStatus, providerCode, message, requestId, Optional.empty(), Optional.empty());
  }
}
