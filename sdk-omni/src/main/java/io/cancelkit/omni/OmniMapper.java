package io.cancelkit.omni;

import static io.cancelkit.core.JobState.CANCELLED;
import static io.cancelkit.core.JobState.COMPLETED;
import static io.cancelkit.core.JobState.FAILED;
import static io.cancelkit.core.JobState.QUEUED;
import static io.cancelkit.core.JobState.RUNNING;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
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
import java.util.regex.Pattern;

/**
 * Every rule of Omni's answers, as one pure mapping (docs.omni.co: api/ai/cancel-ai-job and
 * get-ai-job-status): a 200 carries the job's state ({@link Defaults#onJob}, with DELIVERING as
 * {@code NotCancellable}); a 400 (whatever its wording) and a 409 are settled by one GET; 401, 403,
 * 404, 429, 5xx and undocumented statuses are {@link Defaults#cancel}, which reads both of Omni's
 * error shapes ({@code {error, message}} and {@code {detail, status}}). Job ids are UUIDs. Request
 * ids and retries are the engine's defaults.
 *
 * <p>Stateless and thread-safe.
 */
final class OmniMapper implements VendorMapper {
  static final String PROVIDER = "omni";

  /** Omni's state that refuses cancellation: "already finalizing results" (cancel page). */
  static final String DELIVERING = "DELIVERING";

  private static final String DELIVERING_REASON =
      "Omni does not cancel jobs in DELIVERING: they are already finalizing results";

  /** Omni's job ids are UUIDs (the cancel page's {@code jobId} is {@code format: uuid}). */
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * Timestamp fields tried in order for {@link JobSnapshot#updatedAt()}: Omni's status page does not
   * name one, so the most specific field present wins.
   */
  private static final String[] TIMESTAMPS = {"updatedAt", "completedAt", "startedAt", "createdAt"};

  private static final JsonAdapter<OmniCancelResult> CANCEL_RESULT =
      Json.MOSHI.adapter(OmniCancelResult.class);
  private static final JsonAdapter<OmniJob> JOB = Json.MOSHI.adapter(OmniJob.class);

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public void checkJobId(String jobId) {
    VendorMapper.super.checkJobId(jobId);
    // Any-case hex is accepted and the id is sent as given: Omni's UUIDs are case-insensitive.
    if (!UUID.matcher(jobId).matches()) {
      throw new IllegalArgumentException(
          "jobId is not a UUID (Omni AI job ids look like a1b2c3d4-e5f6-7890-abcd-ef1234567890): "
              + jobId);
    }
  }

  @Override
  public Verdict cancel(Answer a) throws IOException {
    switch (a.status()) {
      case 200:
        return Verdict.of(cancelAnswer(a));
      case 400:
      case 409:
        // The cancel page documents one 400, "not cancellable", whatever its wording; it does not
        // say why: DELIVERING (still running) or already terminal. One GET decides (settle); if it
        // fails, DESIGN.md's fallback AlreadyFinished(UNKNOWN) stands. 409 is read the same way.
        return Verdict.settle(a.alreadyFinished(JobState.UNKNOWN, null));
      default:
        return Defaults.cancel(a);
    }
  }

  /**
   * A 200 carries the job's current state, as the page says the call is idempotent: EXECUTING stops
   * "after completing its current iteration"; DELIVERING is not cancelled at all.
   */
  private static CancelOutcome cancelAnswer(Answer a) throws IOException {
    JobSnapshot job = snapshot(a, a.readTree(CANCEL_RESULT).state());
    if (DELIVERING.equals(job.providerStatus())) {
      return a.notCancellable(DELIVERING, DELIVERING_REASON);
    }
    return Defaults.onJob(a, job);
  }

  @Override
  public JobSnapshot snapshot(Answer a) throws IOException {
    return snapshot(a, a.readTree(JOB).state());
  }

  private static JobSnapshot snapshot(Answer a, String word) throws IOException {
    if (word == null) throw new JsonDataException("Omni job has no state");
    Map<String, Object> attributes = a.object();
    return a.snapshot(state(word), word, stage(word), updatedAt(attributes), attributes);
  }

  /** DESIGN.md's Omni status-word table; an unknown or missing word is UNKNOWN. */
  private static final StatusWords WORDS =
      StatusWords.of(
          Map.of(
              "QUEUED", QUEUED, "EXECUTING", RUNNING, DELIVERING, RUNNING,
              "COMPLETE", COMPLETED, "FAILED", FAILED, "CANCELLED", CANCELLED));

  /** What Omni's state {@code word} means. */
  static JobState state(String word) {
    return WORDS.state(word);
  }

  /**
   * The stage a snapshot reports: EXECUTING and DELIVERING both map to RUNNING, so the word is kept
   * as the stage; that is what makes a refusal read {@code NotCancellable("DELIVERING")}.
   */
  static String stage(String word) {
    return "EXECUTING".equals(word) || DELIVERING.equals(word) ? word : null;
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

  /**
   * DESIGN.md's Omni row: DELIVERING → {@code NotCancellable("DELIVERING")}; a 400 for a job still
   * QUEUED or EXECUTING → {@code Failed(INVALID_REQUEST)} with Omni's message, since Omni cancels
   * those and so refused the request itself; everything else as {@link Defaults#settle} (a 409 for
   * a running job stays {@code NotCancellable} at its stage).
   */
  @Override
  public CancelOutcome settle(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    String said = cancelAnswer.error().message();
    if (DELIVERING.equals(job.providerStatus())) {
      String reason = said != null ? said + " (" + DELIVERING_REASON + ")" : DELIVERING_REASON;
      return new NotCancellable(PROVIDER, cancelAnswer.jobId(), info, DELIVERING, reason);
    }
    boolean live = job.state() == JobState.QUEUED || job.state() == JobState.RUNNING;
    if (cancelAnswer.status() == 400 && live) {
      Failed refused =
          cancelAnswer.failed(
              ErrorKind.INVALID_REQUEST,
              cancelAnswer.error().code(),
              Defaults.head(cancelAnswer) + Defaults.said(cancelAnswer)
                  + " (the job is still " + job.providerStatus() + ")");
      return new Failed(PROVIDER, cancelAnswer.jobId(), info, refused.error());
    }
    return Defaults.settle(cancelAnswer, job, info);
  }
}
