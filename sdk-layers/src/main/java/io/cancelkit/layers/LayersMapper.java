package io.cancelkit.layers;

import static io.cancelkit.core.JobState.CANCELLED;
import static io.cancelkit.core.JobState.COMPLETED;
import static io.cancelkit.core.JobState.FAILED;
import static io.cancelkit.core.JobState.RUNNING;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Defaults;
import io.cancelkit.core.internal.Json;
import io.cancelkit.core.internal.StatusWords;
import io.cancelkit.core.internal.Timestamps;
import io.cancelkit.core.internal.VendorMapper;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every rule of Layers' answers, as one pure mapping (vendor doc: reference/jobs/cancel-job,
 * get-job, operational/errors): 200/202 read {@code accepted}; 409 is a stage refusal or an
 * idempotency clash; 401, 403, 404, 429, 5xx and undocumented statuses are {@link
 * Defaults#cancel}, which reads the same {@code {error:{code,message,requestId}}} envelope. Request
 * ids: {@code X-Request-Id}, else {@code error.requestId} ({@link Defaults#requestId}). Retries:
 * 429 and 5xx ({@link Defaults#retryable}), the 503 kill switch included.
 *
 * <p>Stateless and thread-safe.
 */
final class LayersMapper implements VendorMapper {
  static final String PROVIDER = "layers";

  /** {@code details.subcode} values of a 409 {@code CONFLICT} that mean "this stage refuses". */
  private static final Set<String> STAGE_REFUSES =
      Set.of("JOB_CANCEL_UNAVAILABLE", "STAGE_NOT_CANCELABLE");

  /**
   * Words that turn a reason naming cancel into one that denies it: NOT_CANCELABLE,
   * CANCEL_UNAVAILABLE, CANCEL_FAILED.
   */
  private static final Set<String> NEGATIONS = Set.of("NOT", "NO", "NON", "CANNOT", "UNAVAILABLE");

  private static final JsonAdapter<LayersCancelAnswer> CANCEL_ANSWER =
      Json.MOSHI.adapter(LayersCancelAnswer.class);
  private static final JsonAdapter<LayersJob> JOB = Json.MOSHI.adapter(LayersJob.class);
  private static final JsonAdapter<LayersError> ERROR = Json.MOSHI.adapter(LayersError.class);

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public Verdict cancel(Answer a) throws IOException {
    switch (a.status()) {
      case 200:
      case 202:
        return Verdict.of(cancelAnswer(a));
      case 409:
        return Verdict.of(conflict(a));
      default:
        return Defaults.cancel(a);
    }
  }

  /**
   * The documented 2xx bodies: {@code accepted} decides, on 200 as on 202 (the cancel page: "The
   * response tells you whether the signal landed").
   */
  private static CancelOutcome cancelAnswer(Answer a) throws IOException {
    LayersCancelAnswer body = a.read(CANCEL_ANSWER);
    if (body.accepted() == null) {
      // Never guess a success: without the flag the answer says nothing about the job.
      throw new JsonDataException("Layers cancel answer has no boolean 'accepted'");
    }
    if (body.accepted()) return a.pending(null);
    String reason = body.reason();
    JobState state = terminalState(reason);
    if (state == JobState.CANCELLED) return a.cancelled(null);
    return a.alreadyFinished(state, reason);
  }

  /**
   * The terminal state that the {@code reason} of a 200 {@code accepted:false} answer names, such
   * as {@code ALREADY_COMPLETED}. The page documents only that example, so the other terminal words
   * are matched by stem: a cancel (ALREADY_CANCELED, ALREADY_CANCELLED), a failure, a completion;
   * anything else is UNKNOWN. A reason that denies or fails the cancel (NOT_CANCELABLE,
   * CANCEL_FAILED) is UNKNOWN too: reading it as cancelled or failed would claim a state nobody
   * saw.
   */
  static JobState terminalState(String reason) {
    if (reason == null) return JobState.UNKNOWN;
    String r = reason.toUpperCase(Locale.ROOT);
    if (r.contains("CANCEL")) return deniesCancel(r) ? JobState.UNKNOWN : JobState.CANCELLED;
    if (r.contains("FAIL")) return JobState.FAILED;
    if (r.contains("COMPLET")) return JobState.COMPLETED;
    return JobState.UNKNOWN;
  }

  private static boolean deniesCancel(String upperReason) {
    for (String word : upperReason.split("[^A-Z]+")) {
      if (NEGATIONS.contains(word)
          || word.startsWith("FAIL")
          || word.startsWith("UNCANCEL")
          || word.startsWith("NONCANCEL")) {
        return true;
      }
    }
    return false;
  }

  /** A 409: a stage that refuses, an idempotency clash, or a conflict the docs do not describe. */
  private static CancelOutcome conflict(Answer a) {
    LayersError.Body error = readError(a);
    String code = error != null ? error.code() : null;
    String message = error != null ? error.message() : null;
    LayersError.Details details = error != null ? error.details() : null;
    String subcode = details != null ? details.subcode() : null;
    // The page says to branch on details.subcode; its stage table names STAGE_NOT_CANCELABLE
    // without saying where it sits, so it is accepted as the code too.
    if (refusesStage(subcode) || refusesStage(code)) {
      return a.notCancellable(details != null ? details.stage() : null, message);
    }
    String said = message != null ? message : a.snippet();
    if ("IDEMPOTENCY_CONFLICT".equals(code)) {
      // Same key, different body: a request the server refuses to run; retrying cannot help.
      return a.failed(ErrorKind.INVALID_REQUEST, code, "HTTP 409 " + code + ": " + said);
    }
    // Another conflict says nothing we can map safely: not a caller bug to fix (INVALID_REQUEST),
    // and not a job state; report it verbatim as an answer the SDK does not understand.
    String head =
        "HTTP 409"
            + (code != null ? " " + code : "")
            + (subcode != null ? " (" + subcode + ")" : "");
    return a.failed(ErrorKind.UNEXPECTED_RESPONSE, code, head + ": " + said);
  }

  private static boolean refusesStage(String code) {
    // Set.of(..).contains(null) throws; a missing code is simply not a match.
    return code != null && STAGE_REFUSES.contains(code);
  }

  /** The envelope's {@code error} object, or null when the body is not that envelope. */
  private static LayersError.Body readError(Answer a) {
    try {
      return a.read(ERROR).error();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public JobSnapshot snapshot(Answer a) throws IOException {
    LayersJob job = a.readTree(JOB); // the tree becomes the attributes
    if (job.status() == null) throw new JsonDataException("Layers job has no status");
    // Layers reports no updatedAt: a terminal job's finishedAt is its last change, and a running
    // job's startedAt is the latest time the envelope gives.
    String updatedAt = job.finishedAt() != null ? job.finishedAt() : job.startedAt();
    return a.snapshot(
        state(job.status()), job.status(), job.stage(), Timestamps.parse(updatedAt), a.object());
  }

  /** Layers' status words (get-job: running is the only non-terminal one); others are UNKNOWN. */
  private static final StatusWords WORDS =
      StatusWords.of(
          Map.of(
              "running", RUNNING, "completed", COMPLETED, "failed", FAILED, "canceled", CANCELLED));

  /** What Layers' status {@code word} means. */
  static JobState state(String word) {
    return WORDS.state(word);
  }
}
