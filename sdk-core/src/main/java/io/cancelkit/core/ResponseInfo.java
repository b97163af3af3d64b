package io.cancelkit.core;

/**
 * The HTTP facts behind an outcome.
 *
 * @param httpStatus the status code of the last answer; 0 when no answer came
 * @param requestId the vendor's id for the last answer, for support tickets; null when none was given
 * @param attempts the HTTP attempts the call made, retries and follow-up requests included
 */
public record ResponseInfo(int httpStatus, String requestId, int attempts) {
  /**
   * Checks the components.
   *
   * @param httpStatus the last status code; 0 when no answer came, never negative
   * @param requestId the vendor's request id; may be null
   * @param attempts the HTTP attempts made, never negative
   * @throws IllegalArgumentException if {@code httpStatus} or {@code attempts} is negative
   */
  public ResponseInfo {
    if (httpStatus < 0) throw new IllegalArgumentException("httpStatus < 0: " + httpStatus);
    if (attempts < 0) throw new IllegalArgumentException("attempts < 0: " + attempts);
  }
}
