package io.cancelkit.mogu;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Json;
import io.cancelkit.core.internal.ProviderError;
import io.cancelkit.core.internal.Timestamps;
import io.cancelkit.core.internal.VendorSpec;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * The one place that reads Mogu's answers.
 *
 * <p>Cancel: a 200 carries the job, whose {@code status} decides; errors carry {@code
 * {error:{code,message}}} and are mapped by code first, because Mogu's page lists the same code
 * enum under 400 and 404 (and 401 shares the envelope), so the status alone does not say which
 * error it is. Immutable and thread-safe.
 */
final class MoguMapper extends VendorSpec {
  static final String PROVIDER = "mogu";

  private static final JsonAdapter<MoguJob> JOB = Json.MOSHI.adapter(MoguJob.class);

  private final MoguApi api;
  private final String bearer;

  MoguMapper(MoguApi api, String apiKey) {
    super(PROVIDER);
    this.api = api;
    this.bearer = "Bearer " + apiKey;
  }

  /**
   * Mogu's status words (DESIGN.md); any other word, or none, is {@link JobState#UNKNOWN}.
   *
   * <p>Exact match: Mogu documents lowercase words and spells {@code canceled} with one l.
   */
  static JobState state(String word) {
    if (word == null) return JobState.UNKNOWN;
    return switch (word) {
      case "processing" -> JobState.RUNNING;
      case "completed" -> JobState.COMPLETED;
      case "error" -> JobState.FAILED;
      case "canceled" -> JobState.CANCELLED;
      default -> JobState.UNKNOWN;
    };
  }

  @Override
  protected Call<ResponseBody> cancelCall(String jobId, String idempotencyKey) {
    // Mogu documents no idempotency header; a retry after a lost answer is settled by the
    // job_not_cancelable → resolving GET path instead.
    return api.cancel(jobId, bearer);
  }

  @Override
  protected Call<ResponseBody> statusCall(String jobId, String etag) {
    return api.status(jobId);
  }

  @Override
  protected Verdict mapCancel(Answer a) throws IOException {
    if (a.status() == 200) return Verdict.of(fromJob(a));
    // The code enum is documented under 400, 404 and (same envelope) 401 only; other statuses
    // (403, 429, 5xx, 3xx, other 2xx) keep the engine's defaults and their retry semantics.
    if (a.status() != 400 && a.status() != 401 && a.status() != 404) return null;
    ProviderError error = parseError(a);
    String code = error.code();
    if (code == null) return null;
    // job_not_cancelable: Mogu refuses a job that is completed, errored or already canceled (Cancel
    // job page) and the code does not say which, so one GET of the public status decides. This is
    // also how a retry after a lost 200 becomes Cancelled.
    return switch (code) {
      case "job_not_cancelable" -> Verdict.resolveWith(a.alreadyFinished(JobState.UNKNOWN, null));
      case "job_not_found" -> Verdict.of(a.notFound());
      case "invalid_source", "invalid_url", "unsupported_format" ->
          Verdict.of(a.failed(ErrorKind.INVALID_REQUEST, code, message(a, error)));
      case "missing_api_key", "invalid_api_key" ->
          Verdict.of(a.failed(ErrorKind.AUTHENTICATION, code, message(a, error)));
      default -> null;
    };
  }

  /**
   * A 200 cancel answer carries the job. A status word outside Mogu's four is neither proof of a
   * cancel nor of an end (a new word could name a state that still runs), so it is {@code
   * Failed(UNEXPECTED_RESPONSE)}, which claims nothing about the job, rather than a guessed
   * outcome.
   */
  private CancelOutcome fromJob(Answer a) throws IOException {
    JobSnapshot job = parseJob(a);
    return switch (job.state()) {
      case CANCELLED -> a.cancelled(job);
      case RUNNING -> a.pending(job); // Mogu took the signal; the job stops asynchronously.
      case COMPLETED, FAILED -> a.alreadyFinished(job.state(), job.providerStatus());
      default ->
          a.failed(
              ErrorKind.UNEXPECTED_RESPONSE,
              null,
              "HTTP 200: job status \""
                  + job.providerStatus()
                  + "\" is not one of Mogu's documented words, so the cancel is not confirmed: "
                  + a.snippet());
    };
  }

  @Override
  protected JobSnapshot parseStatus(Answer a) throws IOException {
    return parseJob(a);
  }

  /** Reads Mogu's job object; the same shape answers the cancel and the status endpoint. */
  private JobSnapshot parseJob(Answer a) throws IOException {
    MoguJob job = Json.read(JOB, a.body());
    if (job.status() == null || job.status().isBlank()) {
      throw new JsonDataException("Mogu job without its required status at $.status");
    }
    return new JobSnapshot(
        provider(),
        a.jobId(),
        state(job.status()),
        job.status(),
        job.stage(),
        Timestamps.parse(job.updatedAt()),
        Json.object(a.body()));
  }

  private static String message(Answer a, ProviderError error) {
    String said = error.message() != null ? error.message() : a.snippet();
    return "HTTP " + a.status() + " " + error.code() + ": " + said;
  }
}
