package io.cancelkit.scale;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.ResponseInfo;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Json;
import io.cancelkit.core.internal.Timestamps;
import io.cancelkit.core.internal.VendorSpec;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * Maps Scale GP Dex answers (docs.gp.scale.com, reference/dex/jobs/cancel-job) to outcomes, for the
 * jobs of one project.
 *
 * <p>Immutable and thread-safe. One instance per project: the engine knows only job ids.
 */
final class ScaleMapper extends VendorSpec {
  private static final JsonAdapter<ScaleJobEntity> JOB = Json.MOSHI.adapter(ScaleJobEntity.class);

  private final ScaleApi api;
  private final String apiKey;
  private final String accountId;
  private final String projectId;

  ScaleMapper(ScaleApi api, String apiKey, String accountId, String projectId) {
    super("scale");
    this.api = Objects.requireNonNull(api, "api == null");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
    this.accountId = Objects.requireNonNull(accountId, "accountId == null");
    this.projectId = Objects.requireNonNull(projectId, "projectId == null");
  }

  /** DESIGN.md's Scale status words; anything else, null included, is {@code UNKNOWN}. */
  static JobState state(String word) {
    if (word == null) return JobState.UNKNOWN;
    // The page's JobStatus enum is lower-case, but its prose (and older entities) write
    // "CANCELLED", "SUCCEEDED": case carries no meaning here.
    switch (word.toLowerCase(Locale.ROOT)) {
      case "pending":
        return JobState.QUEUED;
      case "running":
        return JobState.RUNNING;
      case "succeeded":
      case "partially_succeeded":
        return JobState.COMPLETED;
      case "failed":
        return JobState.FAILED;
      case "cancelled":
        return JobState.CANCELLED;
      default:
        return JobState.UNKNOWN;
    }
  }

  @Override
  protected Call<ResponseBody> cancelCall(String jobId, String idempotencyKey) {
    // No Idempotency-Key: Dex documents none, and its cancel is idempotent by itself
    // ("cancelling an already-cancelled job returns 200").
    return api.cancel(projectId, jobId, apiKey, accountId);
  }

  @Override
  protected Call<ResponseBody> statusCall(String jobId, String etag) {
    // get-job documents no ETag, so the engine never has one to send.
    return api.job(projectId, jobId, apiKey, accountId);
  }

  @Override
  protected Verdict mapCancel(Answer answer) throws IOException {
    // Dex names no request-id header; the body's correlation_id is its tracing id.
    Answer a =
        answer.requestId() != null ? answer : answer.withRequestId(parseError(answer).requestId());
    switch (a.status()) {
      case 200:
        // "Job cancelled (PENDING) or already cancelled (idempotent)", with the JobEntity.
        return Verdict.of(onJob(a, parseStatus(a)));
      case 202:
        // "Cancellation requested for a RUNNING job": no body, the workflow stops it later.
        return Verdict.of(a.pending(null));
      case 400:
        // "Job is in a terminal state (SUCCEEDED/FAILED)": the job itself says which.
        return Verdict.resolveWith(a.alreadyFinished(JobState.UNKNOWN, null));
      default:
        // 404 NotFound, 422 HTTPValidationError ({detail:[{loc,msg}]}, every msg kept), 401, 403,
        // 429 and 5xx are the engine's defaults.
        return null;
    }
  }

  /** A 200 is documented as "cancelled", but the entity it carries has the last word. */
  private static CancelOutcome onJob(Answer a, JobSnapshot job) {
    if (job.state() == JobState.CANCELLED) return a.cancelled(job);
    if (job.state().isTerminal()) return a.alreadyFinished(job.state(), job.providerStatus());
    // pending, running, or a word this SDK does not know yet: the cancel was taken, but the job
    // is not shown stopped, so claim no more than that; cancelAndAwait polls until it is.
    return a.pending(job);
  }

  @Override
  protected JobSnapshot parseStatus(Answer a) throws IOException {
    ScaleJobEntity job = Json.read(JOB, a.body());
    if (job.status() == null || job.status().isBlank()) {
      throw new JsonDataException("JobEntity has no status");
    }
    // JobEntity has no updated_at: its latest recorded transition is the best "last changed".
    Instant updatedAt = latest(job.completedAt(), job.startedAt(), job.createdAt());
    return new JobSnapshot(
        provider(),
        a.jobId(),
        state(job.status()),
        job.status(),
        null,
        updatedAt,
        Json.object(a.body()));
  }

  /** The first of {@code timestamps} that parses: they are given newest first. */
  private static Instant latest(String... timestamps) {
    for (String text : timestamps) {
      Instant instant = Timestamps.parse(text);
      if (instant != null) return instant;
    }
    return null;
  }

  @Override
  protected CancelOutcome resolve(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    // As for the cancel answer: the entity's correlation_id stands in for a missing header.
    if (info.requestId() == null
        && job.attributes().get("correlation_id") instanceof String id
        && !id.isBlank()) {
      info = new ResponseInfo(info.httpStatus(), id, info.attempts());
    }
    return super.resolve(cancelAnswer, job, info);
  }
}
