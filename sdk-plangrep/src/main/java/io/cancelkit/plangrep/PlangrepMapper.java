package io.cancelkit.plangrep;

import static io.cancelkit.core.JobState.CANCELLED;
import static io.cancelkit.core.JobState.COMPLETED;
import static io.cancelkit.core.JobState.EXPIRED;
import static io.cancelkit.core.JobState.FAILED;
import static io.cancelkit.core.JobState.QUEUED;
import static io.cancelkit.core.JobState.RUNNING;

import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.ResponseInfo;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Defaults;
import io.cancelkit.core.internal.ProviderError;
import io.cancelkit.core.internal.StatusWords;
import io.cancelkit.core.internal.Timestamps;
import io.cancelkit.core.internal.VendorMapper;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every rule of Plangrep's answers, as one pure mapping (docs.plangrep.com,
 * api-reference/jobs/cancel-job): 200 {@code {job}} is read by {@link Defaults#onJob}; a cancel of
 * a job that is already terminal "will return an error" whose status code and envelope Plangrep
 * does not document, so a 400, 409 or 422 that is not clearly a validation error settles with one
 * GET of the job; 401, 403, 404, 429, 5xx and undocumented statuses are {@link Defaults#cancel}.
 * Request ids and retries are the engine's defaults.
 *
 * <p>Stateless and thread-safe.
 */
final class PlangrepMapper implements VendorMapper {
  static final String PROVIDER = "plangrep";

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public Verdict cancel(Answer a) throws IOException {
    switch (a.status()) {
      case 200:
        return Verdict.of(Defaults.onJob(a, snapshot(a)));
      case 400:
      case 409:
      case 422:
        return refused(a);
      default:
        return Defaults.cancel(a);
    }
  }

  private static Verdict refused(Answer a) {
    if (isValidationError(a)) {
      ProviderError error = a.error();
      return Verdict.of(
          a.failed(ErrorKind.INVALID_REQUEST, error.code(), Defaults.head(a) + Defaults.said(a)));
    }
    // Maybe terminal: the job's state decides; if that GET fails, this best reading stands.
    return Verdict.settle(a.alreadyFinished(JobState.UNKNOWN, null));
  }

  /**
   * True when a refused cancel is clearly about the request, not the job's state: an error code
   * naming validation ({@code validation_error}) that does not name a job state, or a {@code
   * detail} list of field errors (the 422 shape of FastAPI-style validators). A bare "invalid" code
   * is not enough ({@code invalid_request}, {@code invalid_operation} are common ways to say
   * "already terminal"): one settling GET costs a request, reading a lost answer's retry as a
   * failure would misreport a cancelled job. Messages are prose and never decide: Plangrep says to
   * branch on {@code code}.
   */
  private static boolean isValidationError(Answer a) {
    String code = a.error().code() == null ? "" : a.error().code().toLowerCase(Locale.ROOT);
    boolean namesState =
        code.contains("state")
            || code.contains("status")
            || code.contains("terminal")
            || code.contains("transition");
    if (code.contains("validation") && !namesState) return true;
    try {
      return a.object().get("detail") instanceof List<?> l && !l.isEmpty();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * As {@link Defaults#settle}, but a job still queued or running keeps a plain-text refusal as its
   * reason: Plangrep documents no error envelope, so a body that is not JSON is the message.
   */
  @Override
  public CancelOutcome settle(Answer cancelAnswer, JobSnapshot job, ResponseInfo info) {
    CancelOutcome outcome = Defaults.settle(cancelAnswer, job, info);
    if (outcome instanceof NotCancellable n && n.reason() == null) {
      String reason = plainText(cancelAnswer);
      if (reason != null) {
        return new NotCancellable(n.provider(), n.jobId(), n.response(), n.stage(), reason);
      }
    }
    return outcome;
  }

  /** The body on one line when it is text rather than JSON; null for JSON or no body. */
  private static String plainText(Answer a) {
    if (a.body().isBlank()) return null;
    try {
      a.json();
      return null;
    } catch (IOException e) {
      return a.snippet();
    }
  }

  @Override
  public JobSnapshot snapshot(Answer a) throws IOException {
    Map<String, Object> job = job(a.object());
    // A 200 without a status word must never read as a success.
    if (!(job.get("status") instanceof String word) || word.isBlank()) {
      throw new JsonDataException("job.status is missing or not a string");
    }
    // updatedAt only informs: a value of another type is ignored rather than failing the answer.
    Object updatedAt = job.get("updatedAt");
    Instant updated = updatedAt instanceof String s ? Timestamps.parse(s) : null;
    return a.snapshot(state(word), word, null, updated, job); // Plangrep reports no stage
  }

  /** The {@code job} object of {@code {job:{…}}}, which the snapshot keeps as its attributes. */
  @SuppressWarnings("unchecked") // a JSON tree's objects are maps with string keys
  private static Map<String, Object> job(Map<String, Object> root) {
    if (!(root.get("job") instanceof Map<?, ?> fields)) {
      throw new JsonDataException("expected {\"job\":{…}} but job is missing or not an object");
    }
    return (Map<String, Object>) fields;
  }

  /** Plangrep's status words (DESIGN.md); a word it adds later is UNKNOWN, never an exception. */
  private static final StatusWords WORDS =
      StatusWords.of(
          Map.ofEntries(
              Map.entry("provisioning", QUEUED),
              Map.entry("awaiting_uploads", QUEUED),
              Map.entry("uploading", QUEUED),
              Map.entry("preflighting", QUEUED),
              Map.entry("blocked_insufficient_credits", QUEUED),
              Map.entry("processing", RUNNING),
              Map.entry("completed", COMPLETED),
              Map.entry("completed_with_errors", COMPLETED),
              Map.entry("failed", FAILED),
              Map.entry("cancelled", CANCELLED),
              Map.entry("expired", EXPIRED)));

  /** What Plangrep's status {@code word} means. */
  static JobState state(String word) {
    return WORDS.state(word);
  }
}
