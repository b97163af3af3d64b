package io.cancelkit.core.http;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.ResponseInfo;
import java.util.Optional;

/** The engine's shared readings: default status mapping, state → outcome, and outcome rewrites. */
final class Outcomes {
  private Outcomes() {}

  /**
   * The default meaning of an answer no vendor quirk claimed: 404 → NotFound; 401, 403, 429, 5xx,
   * 400/422 → their error kinds; redirects, undocumented 2xx and anything else → UNEXPECTED_RESPONSE.
   */
  static CancelOutcome defaults(Answer answer, ProviderError error) {
    Answer a =
        answer.requestId() == null && error.requestId() != null
            ? answer.withRequestId(error.requestId())
            : answer;
    int status = a.status();
    if (status == 404) return a.notFound();
    String said = error.message() != null ? error.message() : a.snippet();
    // Some vendors' error code is the status itself ({"error":"403"}); say it once.
    boolean codeAddsSomething = error.code() != null && !error.code().equals(Integer.toString(status));
    String head = "HTTP " + status + (codeAddsSomething ? " " + error.code() : "") + ": ";
    ErrorKind kind;
    String message;
    if (status == 401) {
      kind = ErrorKind.AUTHENTICATION;
      message = head + said;
    } else if (status == 403) {
      kind = ErrorKind.PERMISSION;
      message = head + said;
    } else if (status == 429) {
      kind = ErrorKind.RATE_LIMITED;
      message = head + said;
    } else if (status >= 500 && status <= 599) {
      kind = ErrorKind.PROVIDER_ERROR;
      message = head + said;
    } else if (status == 400 || status == 422) {
      kind = ErrorKind.INVALID_REQUEST;
      message = head + said;
    } else if (status >= 300 && status <= 399) {
      kind = ErrorKind.UNEXPECTED_RESPONSE;
      message =
          "HTTP " + status + ": redirect not followed, so credentials stay with the configured host; "
              + "check baseUrl. Body: " + a.snippet();
    } else if (a.isSuccessful()) {
      kind = ErrorKind.UNEXPECTED_RESPONSE;
      message = "HTTP " + status + ": an answer the vendor does not document: " + a.snippet();
    } else {
      kind = ErrorKind.UNEXPECTED_RESPONSE;
      message = "HTTP " + status + ": unexpected status: " + a.snippet();
    }
    return a.failed(kind, error.code(), message);
  }

  /** What a job's current state says about a cancel the vendor refused or could not confirm. */
  static CancelOutcome fromState(
      String provider, String jobId, JobSnapshot job, ResponseInfo info, String reason) {
    switch (job.state()) {
      case CANCELLED:
        return new Cancelled(provider, jobId, info, Optional.of(job));
      case QUEUED:
      case RUNNING:
        String stage = job.stage() != null ? job.stage() : job.providerStatus();
        return new NotCancellable(provider, jobId, info, stage, reason);
      default:
        return new AlreadyFinished(provider, jobId, info, job.state(), job.providerStatus());
    }
  }

  /** {@code outcome} with other HTTP facts. */
  static CancelOutcome withResponse(CancelOutcome outcome, ResponseInfo info) {
    if (outcome instanceof Cancelled o) {
      return new Cancelled(o.provider(), o.jobId(), info, o.snapshot());
    } else if (outcome instanceof CancelPending o) {
      return new CancelPending(o.provider(), o.jobId(), info, o.snapshot());
    } else if (outcome instanceof AlreadyFinished o) {
      return new AlreadyFinished(o.provider(), o.jobId(), info, o.finalState(), o.providerStatus());
    } else if (outcome instanceof NotCancellable o) {
      return new NotCancellable(o.provider(), o.jobId(), info, o.stage(), o.reason());
    } else if (outcome instanceof NotFound o) {
      return new NotFound(o.provider(), o.jobId(), info);
    }
    Failed o = (Failed) outcome;
    return new Failed(o.provider(), o.jobId(), info, o.error());
  }

  /** {@code error} with {@code secret} masked in its message and {@code suffix} appended. */
  static CancelError rewrite(CancelError error, String secret, String suffix) {
    String message = Redaction.scrub(error.message(), secret) + suffix;
    if (message.equals(error.message())) return error;
    return new CancelError(
        error.kind(),
        error.httpStatus(),
        error.providerCode(),
        message,
        error.requestId(),
        error.retryAfter(),
        error.cause());
  }
}
