package io.cancelkit.core.http;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.ResponseInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * One HTTP answer as a vendor mapper sees it: status, headers and the (bounded) body text.
 *
 * <p>The factory methods build outcomes that carry this answer's {@link ResponseInfo}.
 *
 * @param body the body text, at most {@link ClientSettings#MAX_BODY_BYTES}; empty when none came
 * @param truncated true when the body was longer than the bound and was cut
 * @param requestId the vendor's id for this answer, from a header or the body; null when none
 * @param attempts the HTTP attempts made so far for this call, this one included
 */
public record Answer(
    String provider,
    String jobId,
    int status,
    Headers headers,
    String body,
    boolean truncated,
    String requestId,
    int attempts) {
  private static final int SNIPPET_CHARS = 200;

  /** Checks the components. */
  public Answer {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    headers = headers == null ? Headers.of() : headers;
    body = body == null ? "" : body;
  }

  /** True for a 2xx status. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The answer's facts for an outcome. */
  public ResponseInfo info() {
    return new ResponseInfo(status, requestId, attempts);
  }

  /** This answer with another request id, for vendors that carry theirs in the body. */
  public Answer withRequestId(String requestId) {
    return new Answer(provider, jobId, status, headers, body, truncated, requestId, attempts);
  }

  /** The wait that {@code Retry-After} asks for, read as seconds or an HTTP date. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(RetryTiming.retryAfter(headers, Instant.now()));
  }

  /** The start of the body on one line, for error messages. */
  public String snippet() {
    return snippet(body, truncated);
  }

  static String snippet(String body, boolean truncated) {
    if (body.isEmpty()) return "(empty body)";
    StringBuilder s = new StringBuilder();
    int limit = Math.min(body.length(), SNIPPET_CHARS);
    boolean space = false;
    for (int i = 0; i < limit; i++) {
      char c = body.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = s.length() > 0;
        continue;
      }
      if (space) s.append(' ');
      space = false;
      s.append(c);
    }
    if (body.length() > limit || truncated) s.append('…');
    return s.toString();
  }

  /** {@link Cancelled} with this answer's facts. */
  public Cancelled cancelled(JobSnapshot snapshot) {
    return new Cancelled(provider, jobId, info(), Optional.ofNullable(snapshot));
  }

  /** {@link CancelPending} with this answer's facts. */
  public CancelPending pending(JobSnapshot snapshot) {
    return new CancelPending(provider, jobId, info(), Optional.ofNullable(snapshot));
  }

  /** {@link AlreadyFinished} with this answer's facts. */
  public AlreadyFinished alreadyFinished(JobState finalState, String providerStatus) {
    return new AlreadyFinished(provider, jobId, info(), finalState, providerStatus);
  }

  /** {@link NotCancellable} with this answer's facts. */
  public NotCancellable notCancellable(String stage, String reason) {
    return new NotCancellable(provider, jobId, info(), stage, reason);
  }

  /** {@link NotFound} with this answer's facts. */
  public NotFound notFound() {
    return new NotFound(provider, jobId, info());
  }

  /** {@link Failed} with this answer's facts, and the {@code Retry-After} hint on a 429. */
  public Failed failed(ErrorKind kind, String providerCode, String message) {
    Optional<Duration> retryAfter = status == 429 ? retryAfter() : Optional.empty();
    CancelError error =
        new CancelError(
            kind, status, providerCode, message, requestId, retryAfter, Optional.empty());
    return new Failed(provider, jobId, info(), error);
  }
}
