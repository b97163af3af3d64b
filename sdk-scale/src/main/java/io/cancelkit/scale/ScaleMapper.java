package io.cancelkit.scale;

import static io.cancelkit.core.JobState.CANCELLED;
import static io.cancelkit.core.JobState.COMPLETED;
import static io.cancelkit.core.JobState.FAILED;
import static io.cancelkit.core.JobState.QUEUED;
import static io.cancelkit.core.JobState.RUNNING;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.ResponseInfo;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Defaults;
import io.cancelkit.core.internal.Json;
import io.cancelkit.core.internal.StatusWords;
import io.cancelkit.core.internal.Timestamps;
import io.cancelkit.core.internal.VendorMapper;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Every rule of Scale GP Dex's answers, as one pure mapping (docs.gp.scale.com,
 * reference/dex/jobs/cancel-job and get-job): 200 carries the JobEntity; 202 has no body; 400 means
 * "terminal", settled by one GET; 422 is FastAPI's {@code {detail:[{loc,msg}]}}; 401, 403, 404,
 * 429, 5xx and undocumented statuses are {@link Defaults#cancel}. Request ids: the JobEntity's
 * {@code correlation_id}. Retries: 429 and 5xx ({@link Defaults#retryable}).
 *
 * <p>Stateless and thread-safe; the project and account are the transport's, not the mapper's.
 */
final class ScaleMapper implements VendorMapper {
  static final String PROVIDER = "scale";

  private static final JsonAdapter<ScaleJobEntity> JOB = Json.MOSHI.adapter(ScaleJobEntity.class);

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public Verdict cancel(Answer a) throws IOException {
    switch (a.status()) {
      case 200:
        // "Job cancelled (PENDING) or already cancelled (idempotent)"; the entity decides.
        return Verdict.of(Defaults.onJob(a, snapshot(a)));
      case 202:
        // "Cancellation requested for a RUNNING job": no body; the workflow stops it later.
        return Verdict.of(a.pending(null));
      case 400:
        // "Job is in a terminal state (SUCCEEDED/FAILED)": the job itself says which.
        return Verdict.settle(a.alreadyFinished(JobState.UNKNOWN, null));
      case 422:
        // HTTPValidationError {detail:[{loc,msg}]}: INVALID_REQUEST, every msg kept by Defaults.
      default:
        return Defaults.cancel(a);
    }
  }

  @Override
  public JobSnapshot snapshot(Answer a) throws IOException {
    ScaleJobEntity job = a.readTree(JOB); // the tree becomes the attributes
    if (job.status() == null || job.status().isBlank()) {
      throw new JsonDataException("JobEntity has no status");
    }
    // JobEntity has no updated_at: its latest recorded transition is the best "last changed".
    Instant updatedAt = latest(job.completedAt(), job.startedAt(), job.createdAt());
    return a.snapshot(state(job.status()), job.status(), null, updatedAt, a.object());
  }

  /** The first of {@code timestamps} that parses: they are given newest first. */
  private static Instant latest(String... timestamps) {
    for (String text : timestamps) {
      Instant instant = Timestamps.parse(text);
      if (instant != null) return instant;
    }
    return null;
  }

  /**
   * DESIGN.md's Scale status words; anything else, null included, is {@code UNKNOWN}. The page's
   * JobStatus enum is lower-case, but its prose (and older entities) write "CANCELLED",
   * "SUCCEEDED": case carries no meaning here.
   */
  private static final StatusWords WORDS =
      StatusWords.ignoringCase(
          Map.of(
              "pending", QUEUED, "running", RUNNING, "succeeded", COMPLETED,
              "partially_succeeded", COMPLETED, "failed", FAILED, "cancelled", CANCELLED));

  /** What Scale's status {@code word} means, whatever its case. */
  static JobState state(String word) {
    return WORDS.state(word);
  }

  /**
   * Dex's id is the JobEntity's {@code correlation_id} ("Request correlation ID for tracing"); its
   * error bodies ({@code {detail}}) carry none. Dex names no request-id header, so one that comes
   * is a proxy's, and is taken first as for every vendor. {@link Defaults#requestId} reads both, in
   * that order.
   */
  @Override
  public String requestId(Answer a) {
    return Defaults.requestId(a);
  }

  /**
   * {@link Defaults#settle}, with the settling GET's {@code correlation_id} as the request id where
   * its answer brought none.
   */
  @Override
  public CancelOutcome settle(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    if (info.requestId() == null
        && job.attributes().get("correlation_id") instanceof String id
        && !id.isBlank()) {
      info = new ResponseInfo(info.httpStatus(), id, info.attempts());
    }
    return Defaults.settle(cancelAnswer, job, info);
  }
}
