package io.cancelkit.core.http;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.ResponseInfo;
import java.io.IOException;
import java.util.Objects;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * What one vendor module tells the engine: its calls, its quirks, its JSON.
 *
 * <p>The engine ({@link HttpCanceller}) owns retries, deadlines, body bounds, the default mapping of
 * HTTP statuses and the polling; a vendor supplies only what differs. Implementations must be
 * thread-safe. Part of the engine that vendor modules configure; not meant for application code.
 */
public abstract class VendorSpec {
  private final String provider;

  /** Creates the spec of {@code provider}, the name {@link io.cancelkit.core.JobCanceller#provider()} returns. */
  protected VendorSpec(String provider) {
    this.provider = Objects.requireNonNull(provider, "provider == null");
  }

  /** The vendor's name. */
  public final String provider() {
    return provider;
  }

  /** Checks a job id before any request; the default applies {@link JobIds#requireValid}. */
  protected void validateJobId(String jobId) {
    JobIds.requireValid("jobId", jobId);
  }

  /**
   * A fresh call that asks the vendor to cancel {@code jobId}.
   *
   * @param idempotencyKey a UUID that is the same on every retry of one logical cancel
   */
  protected abstract Call<ResponseBody> cancelCall(String jobId, String idempotencyKey);

  /**
   * A fresh GET of the job.
   *
   * @param etag the last {@code ETag} seen while polling, to send as {@code If-None-Match}; null
   *     when there is none or the vendor has no conditional GET
   */
  protected abstract Call<ResponseBody> statusCall(String jobId, String etag);

  /**
   * Reads a cancel answer: return a {@link Verdict} for what the vendor documents, or null to let the
   * engine's defaults decide (401, 403, 404, 429, 5xx, redirects, unknown statuses).
   *
   * <p>Throwing (malformed JSON, a missing field) makes the answer {@code Failed(UNEXPECTED_RESPONSE)}.
   */
  protected abstract Verdict mapCancel(Answer answer) throws IOException;

  /**
   * Reads a 2xx answer to {@link #statusCall} as a snapshot.
   *
   * <p>Throwing makes the answer {@code UNEXPECTED_RESPONSE}.
   */
  protected abstract JobSnapshot parseStatus(Answer answer) throws IOException;

  /**
   * Decides an ambiguous cancel answer ({@link Verdict#resolveWith}) from the job's current state.
   *
   * <p>The default: cancelled → {@code Cancelled}; another terminal or unknown state → {@code
   * AlreadyFinished}; still queued or running → {@code NotCancellable} at the job's stage.
   *
   * @param info the facts of the GET that read {@code job}, for the outcome
   */
  protected CancelOutcome resolve(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    return Outcomes.fromState(
        provider, cancelAnswer.jobId(), job, info, parseError(cancelAnswer).message());
  }

  /**
   * The vendor's id for an answer, applied to every answer (cancel, resolving GET, poll). The default
   * takes a request-id header ({@link Answer#requestId()}), else one found in the body by {@link
   * #parseError} ({@code requestId}, {@code request_id} or {@code correlation_id}).
   */
  protected String requestId(Answer answer) {
    if (answer.requestId() != null || answer.body().isEmpty()) return answer.requestId();
    return parseError(answer).requestId();
  }

  /** Reads an error body; the default understands the common shapes of {@link ProviderError}. */
  protected ProviderError parseError(Answer answer) {
    return ProviderError.parse(answer.body());
  }
}
