package io.cancelkit.mogu;

import static io.cancelkit.core.JobState.CANCELLED;
import static io.cancelkit.core.JobState.COMPLETED;
import static io.cancelkit.core.JobState.FAILED;
import static io.cancelkit.core.JobState.RUNNING;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
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
import java.util.Map;

/**
 * Every rule of Mogu's answers, as one pure mapping (vendor doc: "Cancel job",
 * openapi/ai/canceljob): a 200 carries the job, whose {@code status} decides ({@link
 * Defaults#onJob}); a 400, 401 or 404 carries {@code {error:{code,message}}} and is mapped by code
 * first, because the page lists the same code enum under 400 and 404 (and 401 shares the envelope),
 * so the status alone does not say which error it is; 403, 429, 5xx, 3xx and undocumented statuses
 * are {@link Defaults#cancel}. Request ids, retries ({@code 429}, {@code 5xx}), the status GET's
 * errors and the settling of {@code job_not_cancelable} ({@link Defaults#settle}) are the engine's
 * defaults.
 *
 * <p>Stateless and thread-safe.
 */
final class MoguMapper implements VendorMapper {
  static final String PROVIDER = "mogu";

  private static final JsonAdapter<MoguJob> JOB = Json.MOSHI.adapter(MoguJob.class);

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
      case 401:
      case 404:
        return byCode(a);
      default:
        // 5xx keeps its server-error meaning (and its retry) even when it carries a Mogu code.
        return Defaults.cancel(a);
    }
  }

  /** A documented error status: its code decides; without a documented code, the status does. */
  private static Verdict byCode(Answer a) {
    String code = a.error().code();
    if (code == null) return Defaults.cancel(a);
    switch (code) {
      case "job_not_cancelable":
        // Mogu refuses a job that is completed, errored or already canceled, and the code does not
        // say which: one GET of the public status decides. This is also how a retry after a lost
        // 200 becomes Cancelled.
        return Verdict.settle(a.alreadyFinished(JobState.UNKNOWN, null));
      case "job_not_found":
        return Verdict.of(a.notFound());
      case "invalid_source":
      case "invalid_url":
      case "unsupported_format":
        return failed(a, ErrorKind.INVALID_REQUEST, code);
      case "missing_api_key":
      case "invalid_api_key":
        return failed(a, ErrorKind.AUTHENTICATION, code);
      default:
        return Defaults.cancel(a);
    }
  }

  private static Verdict failed(Answer a, ErrorKind kind, String code) {
    return Verdict.of(a.failed(kind, code, Defaults.head(a) + Defaults.said(a)));
  }

  /** Reads Mogu's job object; the same shape answers the cancel and the status endpoint. */
  @Override
  public JobSnapshot snapshot(Answer a) throws IOException {
    MoguJob job = a.readTree(JOB); // the tree becomes the attributes
    if (job.status() == null || job.status().isBlank()) {
      throw new JsonDataException("Mogu job without its required status at $.status");
    }
    return a.snapshot(
        state(job.status()),
        job.status(),
        job.stage(),
        Timestamps.parse(job.updatedAt()),
        a.object());
  }

  /**
   * Mogu's status words (DESIGN.md); any other word, or none, is {@link JobState#UNKNOWN}.
   *
   * <p>Exact match: Mogu documents lowercase words and spells {@code canceled} with one l.
   */
  private static final StatusWords WORDS =
      StatusWords.of(
          Map.of(
              "processing", RUNNING,
              "completed", COMPLETED,
              "error", FAILED,
              "canceled", CANCELLED));

  /** What Mogu's status {@code word} means. */
  static JobState state(String word) {
    return WORDS.state(word);
  }
}
