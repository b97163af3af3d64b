package io.cancelkit.omni;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.ResponseInfo;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Json;
import io.cancelkit.core.internal.Timestamps;
import io.cancelkit.core.internal.VendorSpec;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * The one place that reads Omni's answers (docs.omni.co: api/ai/cancel-ai-job and
 * get-ai-job-status). Thread-safe: it holds only immutable state.
 */
final class OmniMapper extends VendorSpec {
  static final String PROVIDER = "omni";

  /** Omni's state that refuses cancellation: "already finalizing results" (cancel page). */
  static final String DELIVERING = "DELIVERING";

  private static final String DELIVERING_REASON =
      "Omni does not cancel jobs in DELIVERING: they are already finalizing results";

  /** Omni's job ids are UUIDs (the cancel page's {@code jobId} is {@code format: uuid}). */
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The cancel page's only documented 400 message is "Job is not in a cancellable state". */
  private static final Pattern NOT_CANCELLABLE =
      Pattern.compile("cancel{1,2}able state", Pattern.CASE_INSENSITIVE);

  /**
   * Timestamp fields tried in order for {@link JobSnapshot#updatedAt()}: Omni's status page does not
   * name one, so the most specific field present wins.
   */
  private static final String[] TIMESTAMPS = {"updatedAt", "completedAt", "startedAt", "createdAt"};

  private static final JsonAdapter<OmniCancelResult> CANCEL_RESULT =
      Json.MOSHI.adapter(OmniCancelResult.class);
  private static final JsonAdapter<OmniJob> JOB = Json.MOSHI.adapter(OmniJob.class);

  private final OmniApi api;
  private final String bearer;

  OmniMapper(OmniApi api, String apiKey) {
    super(PROVIDER);
    this.api = api;
    this.bearer = "Bearer " + apiKey;
  }

  /** DESIGN.md's Omni status-word table; an unknown or missing word is UNKNOWN. */
  static JobState state(String word) {
    if (word == null) return JobState.UNKNOWN;
    switch (word) {
      case "QUEUED":
        return JobState.QUEUED;
      case "EXECUTING":
      case DELIVERING:
        return JobState.RUNNING;
      case "COMPLETE":
        return JobState.COMPLETED;
      case "FAILED":
        return JobState.FAILED;
      case "CANCELLED":
        return JobState.CANCELLED;
      default:
        return JobState.UNKNOWN;
    }
  }

  /**
   * The stage a snapshot reports: EXECUTING and DELIVERING both map to RUNNING, so the word is kept
   * as the stage; that is what makes a refusal read {@code NotCancellable("DELIVERING")}.
   */
  static String stage(String word) {
    return "EXECUTING".equals(word) || DELIVERING.equals(word) ? word : null;
  }

  @Override
  protected void validateJobId(String jobId) {
    super.validateJobId(jobId);
    // Any-case hex is accepted and the id is sent as given: Omni's UUIDs are case-insensitive.
    if (!UUID.matcher(jobId).matches()) {
      throw new IllegalArgumentException(
          "jobId is not a UUID (Omni AI job ids look like a1b2c3d4-e5f6-7890-abcd-ef1234567890): "
              + jobId);
    }
  }

  @Override
  protected Call<ResponseBody> cancelCall(String jobId, String idempotencyKey) {
    // No Idempotency-Key: Omni documents none; its cancel "is idempotent" by itself (cancel page).
    return api.cancel(jobId, bearer);
  }

  @Override
  protected Call<ResponseBody> statusCall(String jobId, String etag) {
    // No If-None-Match: Omni documents no ETag on the status GET.
    return api.job(jobId, bearer);
  }

  @Override
  protected Verdict mapCancel(Answer a) throws IOException {
    int status = a.status();
    if (status == 200) return mapCancelled(a);
    if (status == 409 || (status == 400 && refusedByState(a))) {
      // "Not cancellable" does not say why: DELIVERING (still running) or already terminal. One GET
      // decides; if it fails, DESIGN.md's fallback AlreadyFinished(UNKNOWN) stands.
      return Verdict.resolveWith(a.alreadyFinished(JobState.UNKNOWN, null));
    }
    return null;
  }

  private boolean refusedByState(Answer a) {
    String message = parseError(a).message();
    return message != null && NOT_CANCELLABLE.matcher(message).find();
  }

  /** A 200 carries the job's current state: the page says the call is idempotent. */
  private Verdict mapCancelled(Answer a) throws IOException {
    OmniCancelResult result = Json.read(CANCEL_RESULT, a.body());
    JobSnapshot job = snapshot(a, result.jobId(), result.state());
    switch (job.state()) {
      case CANCELLED:
        return Verdict.of(a.cancelled(job));
      case COMPLETED:
      case FAILED:
        return Verdict.of(a.alreadyFinished(job.state(), job.providerStatus()));
      case QUEUED:
        return Verdict.of(a.pending(job));
      case RUNNING:
        // EXECUTING stops "after completing its current iteration"; DELIVERING is not cancelled.
        if (DELIVERING.equals(job.providerStatus())) {
          return Verdict.of(a.notCancellable(DELIVERING, DELIVERING_REASON));
        }
        return Verdict.of(a.pending(job));
      default:
        // A word this SDK does not know says nothing about whether the cancel took: never a
        // success, never a guess; the caller can read status().
        throw new JsonDataException(
            "cancel answer has state \"" + job.providerStatus() + "\", which this SDK does not know");
    }
  }

  @Override
  protected JobSnapshot parseStatus(Answer a) throws IOException {
    OmniJob job = Json.read(JOB, a.body());
    return snapshot(a, job.id(), job.state());
  }

  private JobSnapshot snapshot(Answer a, String id, String word) throws IOException {
    if (word == null) throw new JsonDataException("Omni job has no state");
    Map<String, Object> attributes = Json.object(a.body());
    return new JobSnapshot(
        provider(), a.jobId(), state(word), word, stage(word), updatedAt(attributes), attributes);
  }

  private static Instant updatedAt(Map<String, Object> attributes) {
    for (String name : TIMESTAMPS) {
      // Only strings: a timestamp informs and must not fail an answer, whatever type it has.
      if (attributes.get(name) instanceof String text) {
        Instant instant = Timestamps.parse(text);
        if (instant != null) return instant;
      }
    }
    return null;
  }

  @Override
  protected CancelOutcome resolve(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    if (DELIVERING.equals(job.providerStatus())) {
      String said = parseError(cancelAnswer).message();
      return new NotCancellable(
          provider(),
          cancelAnswer.jobId(),
          info,
          DELIVERING,
          said != null ? said + " (" + DELIVERING_REASON + ")" : DELIVERING_REASON);
    }
    return super.resolve(cancelAnswer, job, info);
  }
}
