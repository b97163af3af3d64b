package io.cancelkit.plangrep;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * The one place that reads Plangrep's answers (docs.plangrep.com, api-reference/jobs/cancel-job).
 *
 * <p>Plangrep answers a cancel with {@code 200 {job}}, and a cancel of a job that is already
 * terminal with an error whose status code and envelope it does not document. So a 400, 409 or 422
 * that is not clearly a validation error is read as "maybe terminal" and one GET of the job
 * decides.
 */
final class PlangrepMapper extends VendorSpec {
  static final String PROVIDER = "plangrep";

  private final PlangrepApi api;
  private final String bearer;

  PlangrepMapper(PlangrepApi api, String apiKey) {
    super(PROVIDER);
    this.api = Objects.requireNonNull(api, "api == null");
    this.bearer = "Bearer " + Objects.requireNonNull(apiKey, "apiKey == null");
  }

  /** Plangrep's status words (DESIGN.md); a word it adds later is UNKNOWN, never an exception. */
  static JobState state(String word) {
    if (word == null) return JobState.UNKNOWN;
    switch (word) {
      case "provisioning":
      case "awaiting_uploads":
      case "uploading":
      case "preflighting":
      case "blocked_insufficient_credits":
        return JobState.QUEUED;
      case "processing":
        return JobState.RUNNING;
      case "completed":
      case "completed_with_errors":
        return JobState.COMPLETED;
      case "failed":
        return JobState.FAILED;
      case "cancelled":
        return JobState.CANCELLED;
      case "expired":
        return JobState.EXPIRED;
      default:
        return JobState.UNKNOWN;
    }
  }

  // Plangrep documents no Idempotency-Key; a repeated cancel is made safe by the resolving GET.
  @Override
  protected Call<ResponseBody> cancelCall(String jobId, String idempotencyKey) {
    return api.cancel(jobId, bearer);
  }

  // Plangrep documents no ETag on its job GET, so there is nothing to send as If-None-Match.
  @Override
  protected Call<ResponseBody> statusCall(String jobId, String etag) {
    return api.job(jobId, bearer);
  }

  @Override
  protected Verdict mapCancel(Answer a) throws IOException {
    switch (a.status()) {
      case 200:
        return Verdict.of(fromJob(a, parseStatus(a)));
      case 400:
      case 409:
      case 422:
        return refused(a);
      default:
        return null;
    }
  }

  private static CancelOutcome fromJob(Answer a, JobSnapshot job) {
    switch (job.state()) {
      case CANCELLED:
        return a.cancelled(job);
      case COMPLETED:
      case FAILED:
      case EXPIRED:
        return a.alreadyFinished(job.state(), job.providerStatus());
      default:
        // QUEUED, RUNNING, or a word Plangrep added later: the 200 accepted the cancel, but the
        // job has not stopped yet ("cancellation may not be immediate"); polling confirms it.
        return a.pending(job);
    }
  }

  private Verdict refused(Answer a) {
    ProviderError error = parseError(a);
    Answer answer =
        a.requestId() == null && error.requestId() != null ? a.withRequestId(error.requestId()) : a;
    if (isValidationError(error, a.body())) {
      String head = "HTTP " + a.status() + (error.code() != null ? " " + error.code() : "");
      String said = error.message() != null ? error.message() : a.snippet();
      return Verdict.of(answer.failed(ErrorKind.INVALID_REQUEST, error.code(), head + ": " + said));
    }
    return Verdict.resolveWith(answer.alreadyFinished(JobState.UNKNOWN, null));
  }

  /**
   * True when a refused cancel is clearly about the request, not the job's state: an error code
   * naming validation ({@code validation_error}) that does not name a job state, or a {@code detail}
   * list of field errors (the 422 shape of FastAPI-style validators). A bare "invalid" code is not
   * enough ({@code invalid_request}, {@code invalid_operation} are common ways to say "already
   * terminal"): one resolving GET costs a request, reading a lost answer's retry as a failure would
   * misreport a cancelled job. Messages are prose and never decide: Plangrep says to branch on
   * {@code code}.
   */
  static boolean isValidationError(ProviderError error, String body) {
    String code = error.code() == null ? "" : error.code().toLowerCase(Locale.ROOT);
    boolean validation = code.contains("validation");
    boolean namesState =
        code.contains("state")
            || code.contains("status")
            || code.contains("terminal")
            || code.contains("transition");
    if (validation && !namesState) return true;
    Object root;
    try {
      root = Json.any(body);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return root instanceof Map<?, ?> m && m.get("detail") instanceof List<?> l && !l.isEmpty();
  }

  @Override
  protected JobSnapshot parseStatus(Answer a) throws IOException {
    Map<String, Object> job = job(Json.object(a.body()));
    // A 200 without a status word must never read as a success.
    if (!(job.get("status") instanceof String word) || word.isBlank()) {
      throw new JsonDataException("job.status is missing or not a string");
    }
    // updatedAt only informs: a value of another type is ignored rather than failing the answer.
    Object updatedAt = job.get("updatedAt");
    return new JobSnapshot(
        provider(),
        a.jobId(),
        state(word),
        word,
        null, // Plangrep reports no stage
        updatedAt instanceof String s ? Timestamps.parse(s) : null,
        job);
  }

  /** The {@code job} object of {@code {job:{…}}}, which the snapshot keeps as its attributes. */
  private static Map<String, Object> job(Map<String, Object> root) {
    if (!(root.get("job") instanceof Map<?, ?> fields)) {
      throw new JsonDataException("expected {\"job\":{…}} but job is missing or not an object");
    }
    Map<String, Object> job = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : fields.entrySet()) job.put(String.valueOf(e.getKey()), e.getValue());
    return job;
  }

  /**
   * Reads an error body with {@link ProviderError#parse}; Plangrep documents no envelope, so a body
   * that is plain text is taken as the message (it becomes, e.g., the reason of a NotCancellable).
   */
  @Override
  protected ProviderError parseError(Answer a) {
    ProviderError error = ProviderError.parse(a.body());
    String body = a.body().strip();
    if (error.code() != null || error.message() != null || error.requestId() != null) return error;
    if (body.isEmpty() || body.startsWith("{") || body.startsWith("[")) return error;
    return new ProviderError(null, a.snippet(), null);
  }
}
