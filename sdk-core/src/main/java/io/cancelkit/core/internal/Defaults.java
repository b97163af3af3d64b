package io.cancelkit.core.internal;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.ResponseInfo;
import java.util.Optional;

/**
 * The engine's default readings, each a function a {@link VendorMapper} calls by name for what its
 * vendor does not document differently.
 */
public final class Defaults {
  private Defaults() {}

  /** {@link #outcome} as a verdict: the last case of every mapper's {@code cancel}. */
  public static Verdict cancel(Answer answer) {
    return Verdict.of(outcome(answer));
  }

  /**
   * The default meaning of a cancel answer: 404 → {@code NotFound}; 401 → AUTHENTICATION; 403 →
   * PERMISSION; 429 → RATE_LIMITED; 5xx → PROVIDER_ERROR; 400 and 422 → INVALID_REQUEST; a
   * redirect (never followed), an undocumented 2xx or any other status → UNEXPECTED_RESPONSE. The
   * error envelope is read leniently ({@link ProviderError}).
   */
  public static CancelOutcome outcome(Answer answer) {
    if (answer.status() == 404) return answer.notFound();
    return answer.failed(kind(answer.status()), answer.error().code(), message(answer));
  }

  /**
   * The default reading of a non-2xx answer to a status GET: as {@link #outcome}, with 404 as
   * {@link ErrorKind#NOT_FOUND}.
   */
  public static CancelError statusError(Answer answer) {
    if (answer.status() == 404) {
      return answer.error(
          ErrorKind.NOT_FOUND,
          answer.error().code(),
          "no job " + answer.jobId() + " for these credentials");
    }
    return answer.error(kind(answer.status()), answer.error().code(), message(answer));
  }

  private static ErrorKind kind(int status) {
    if (status == 401) return ErrorKind.AUTHENTICATION;
    if (status == 403) return ErrorKind.PERMISSION;
    if (status == 429) return ErrorKind.RATE_LIMITED;
    if (status >= 500 && status <= 599) return ErrorKind.PROVIDER_ERROR;
    if (status == 400 || status == 422) return ErrorKind.INVALID_REQUEST;
    return ErrorKind.UNEXPECTED_RESPONSE;
  }

  private static String message(Answer a) {
    int status = a.status();
    if (status >= 300 && status <= 399) {
      return "HTTP " + status + ": redirect not followed, so credentials stay with the configured "
          + "host; check baseUrl. Body: " + a.snippet();
    }
    if (a.isSuccessful()) {
      return "HTTP " + status + ": an answer the vendor does not document: " + a.snippet();
    }
    if (kind(status) == ErrorKind.UNEXPECTED_RESPONSE) {
      return "HTTP " + status + ": unexpected status: " + a.snippet();
    }
    return head(a) + said(a);
  }

  /**
   * {@code "HTTP 409 CODE: "}: the status and the envelope's code, which is left out where it only
   * repeats the status ({@code {"error":"403"}}).
   */
  public static String head(Answer a) {
    String code = a.error().code();
    boolean adds = code != null && !code.equals(Integer.toString(a.status()));
    return "HTTP " + a.status() + (adds ? " " + code : "") + ": ";
  }

  /** The envelope's message, or a snippet of the body when it has none. */
  public static String said(Answer a) {
    String message = a.error().message();
    return message != null ? message : a.snippet();
  }

  /**
   * The one rule for a 2xx cancel answer that carries the job's state, for every vendor: cancelled →
   * {@code Cancelled}; another terminal state → {@code AlreadyFinished}; queued or running → {@code
   * CancelPending}. A status word this SDK does not know → {@code Failed(UNEXPECTED_RESPONSE)}: it
   * proves neither a cancel nor an end, so it never reads as success; {@code status()} shows the
   * word.
   */
  public static CancelOutcome onJob(Answer a, JobSnapshot job) {
    switch (job.state()) {
      case CANCELLED:
        return a.cancelled(job);
      case COMPLETED:
      case FAILED:
      case EXPIRED:
        return a.alreadyFinished(job.state(), job.providerStatus());
      case QUEUED:
      case RUNNING:
        return a.pending(job);
      default:
        return a.failed(
            ErrorKind.UNEXPECTED_RESPONSE,
            null,
            "HTTP " + a.status() + ": job status \"" + job.providerStatus()
                + "\" is not a word this SDK knows, so the cancel is not confirmed: " + a.snippet());
    }
  }

  /**
   * What the job's current state says about a cancel the vendor refused or could not confirm:
   * cancelled → {@code Cancelled}; still queued or running → {@code NotCancellable} at the job's
   * stage, with the vendor's message as the reason; another terminal or unknown state → {@code
   * AlreadyFinished}.
   */
  public static CancelOutcome settle(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    String provider = cancelAnswer.provider();
    String jobId = cancelAnswer.jobId();
    switch (job.state()) {
      case CANCELLED:
        return new Cancelled(provider, jobId, info, Optional.of(job));
      case QUEUED:
      case RUNNING:
        String stage = job.stage() != null ? job.stage() : job.providerStatus();
        return new NotCancellable(
            provider, jobId, info, stage, cancelAnswer.error().message());
      default:
        return new AlreadyFinished(provider, jobId, info, job.state(), job.providerStatus());
    }
  }

  /** 429 and 5xx are worth another attempt; every other answer is final. */
  public static boolean retryable(Answer a) {
    return a.status() == 429 || (a.status() >= 500 && a.status() <= 599);
  }

  /**
   * A request-id header ({@code X-Request-Id}, {@code Request-Id}, {@code X-Correlation-Id}), else
   * one in the body ({@code requestId}, {@code request_id}, {@code correlation_id}); null if none.
   */
  public static String requestId(Answer a) {
    for (String name : new String[] {"X-Request-Id", "Request-Id", "X-Correlation-Id"}) {
      String value = a.header(name);
      if (value != null && !value.isBlank()) return value;
    }
    return a.hasBody() ? a.error().requestId() : null;
  }

  /** A body that does not fit the vendor's documented shape. */
  public static Failed unreadable(Answer a, Exception e) {
    return a.failed(
        ErrorKind.UNEXPECTED_RESPONSE,
        null,
        "HTTP " + a.status() + ": unreadable answer (" + e.getClass().getSimpleName() + ": "
            + e.getMessage() + "): " + a.snippet());
  }

  /** A 2xx body longer than the bound, which is never parsed. */
  static Failed tooLarge(Answer a) {
    return a.failed(
        ErrorKind.UNEXPECTED_RESPONSE,
        null,
        "HTTP " + a.status() + ": response body exceeds " + ClientSettings.MAX_BODY_BYTES
            + " bytes and was not read further: " + a.snippet());
  }
}
