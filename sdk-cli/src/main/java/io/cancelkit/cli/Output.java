package io.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.ResponseInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders results, snapshots and errors as a table row, a line of text or a JSON object.
 *
 * <p>Nothing here can print a key: outcomes and errors never carry one.
 */
final class Output {
  /** The outcome name of a job that an interrupted run never started. */
  static final String NOT_ATTEMPTED = "NotAttempted";

  /** Every outcome name, in the order summaries list them. */
  static final List<String> TYPES =
      List.of(
          "Cancelled",
          "CancelPending",
          "AlreadyFinished",
          "NotCancellable",
          "NotFound",
          "Failed",
          NOT_ATTEMPTED);

  private static final String ROW = "%-15s %4s %5s  %s";

  // Nulls are written so that every key of an outcome type is present, whatever the vendor sent.
  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder()
          .build()
          .<Map<String, Object>>adapter(
              Types.newParameterizedType(Map.class, String.class, Object.class))
          .serializeNulls();

  private Output() {}

  /** The table's header line. */
  static String header() {
    return String.format(ROW, "OUTCOME", "HTTP", "TRIES", "JOB");
  }

  /**
   * A table row: outcome, HTTP status, attempts, job, then what tells the outcome apart (status
   * word, stage, final state or error) and the vendor's request id.
   */
  static String row(Result r) {
    CancelOutcome o = r.outcome();
    ResponseInfo info = o == null ? null : o.response();
    String http = info == null || info.httpStatus() == 0 ? "-" : Integer.toString(info.httpStatus());
    StringBuilder d = new StringBuilder();
    if (o == null) {
      d.append(" not attempted: the run was interrupted first");
    } else if (o instanceof Cancelled c) {
      c.snapshot().ifPresent(job -> pair(d, "providerStatus", job.providerStatus()));
    } else if (o instanceof CancelPending p) {
      p.snapshot().ifPresent(job -> pair(d, "providerStatus", job.providerStatus()));
    } else if (o instanceof AlreadyFinished f) {
      pair(d, "finalState", f.finalState().name());
      pair(d, "providerStatus", f.providerStatus());
    } else if (o instanceof NotCancellable n) {
      pair(d, "stage", n.stage());
      if (n.reason() != null) d.append(": ").append(n.reason());
    } else if (o instanceof Failed f) {
      error(d, f.error());
    }
    if (info != null && info.requestId() != null) d.append(" request ").append(info.requestId());
    String row = String.format(ROW, r.type(), http, info == null ? 0 : info.attempts(), r.ref());
    return oneLine(d.length() == 0 ? row : row + " " + d);
  }

  /**
   * The result as a JSON object with a stable set of keys per outcome type: {@code ref}, {@code
   * provider}, {@code jobId}, {@code outcome}, {@code httpStatus}, {@code requestId}, {@code
   * attempts}, then the type's own (see the README), and {@code line} for a malformed line.
   */
  static Map<String, Object> json(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", r.ref());
    m.put("provider", r.provider());
    m.put("jobId", r.jobId());
    m.put("outcome", r.type());
    CancelOutcome o = r.outcome();
    ResponseInfo info = o == null ? new ResponseInfo(0, null, 0) : o.response();
    m.put("httpStatus", info.httpStatus());
    m.put("requestId", info.requestId());
    m.put("attempts", info.attempts());
    if (o instanceof Cancelled c) {
      snapshot(m, c.snapshot());
    } else if (o instanceof CancelPending p) {
      snapshot(m, p.snapshot());
    } else if (o instanceof AlreadyFinished f) {
      m.put("state", f.finalState().name());
      m.put("providerStatus", f.providerStatus());
    } else if (o instanceof NotCancellable n) {
      m.put("stage", n.stage());
      m.put("reason", n.reason());
    } else if (o instanceof Failed f) {
      error(m, f.error());
    }
    if (r.line() > 0) m.put("line", r.line());
    return m;
  }

  /** One line: job, state, then the vendor's status word, stage and last update. */
  static String line(JobSnapshot job) {
    StringBuilder s = new StringBuilder(ref(job.provider(), job.jobId()));
    s.append(' ').append(job.state().name());
    pair(s, "providerStatus", job.providerStatus());
    pair(s, "stage", job.stage());
    pair(s, "updatedAt", job.updatedAt() == null ? null : job.updatedAt().toString());
    return oneLine(s);
  }

  /** The snapshot as a JSON object. */
  static Map<String, Object> json(JobSnapshot job) {
    Map<String, Object> m = head(job.provider(), job.jobId());
    snapshot(m, Optional.of(job));
    return m;
  }

  /** One line for a status lookup that failed. */
  static String line(String provider, String jobId, CancelError error) {
    StringBuilder s = new StringBuilder(ref(provider, jobId));
    error(s, error);
    s.append(" (");
    s.append(error.httpStatus() == 0 ? "no HTTP answer" : "HTTP " + error.httpStatus());
    if (error.requestId() != null) s.append(", request ").append(error.requestId());
    return oneLine(s.append(')'));
  }

  /** A failed status lookup as a JSON object. */
  static Map<String, Object> json(String provider, String jobId, CancelError error) {
    Map<String, Object> m = head(provider, jobId);
    m.put("httpStatus", error.httpStatus());
    m.put("requestId", error.requestId());
    error(m, error);
    return m;
  }

  /**
   * An error of the command itself as a JSON object for scripts: {@code usage} (a mistake in how it
   * was called) or {@code internal} (a bug).
   */
  static Map<String, Object> error(String kind, String message, int exitCode) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", kind);
    m.put("message", message);
    m.put("exitCode", exitCode);
    return m;
  }

  /** {@code value} as compact JSON on one line. */
  static String toJson(Map<String, Object> value) {
    return JSON.toJson(value);
  }

  /** Vendors' messages may hold line breaks; a line per result keeps the output greppable. */
  static String oneLine(CharSequence s) {
    return s.toString().replaceAll("[\\r\\n]+", " ");
  }

  private static String ref(String provider, String jobId) {
    return provider + ':' + jobId;
  }

  private static Map<String, Object> head(String provider, String jobId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", ref(provider, jobId));
    m.put("provider", provider);
    m.put("jobId", jobId);
    return m;
  }

  private static void snapshot(Map<String, Object> m, Optional<JobSnapshot> snapshot) {
    JobSnapshot job = snapshot.orElse(null);
    m.put("state", job == null ? null : job.state().name());
    m.put("providerStatus", job == null ? null : job.providerStatus());
    m.put("stage", job == null ? null : job.stage());
    m.put("updatedAt", job == null || job.updatedAt() == null ? null : job.updatedAt().toString());
  }

  private static void error(Map<String, Object> m, CancelError e) {
    m.put("errorKind", e.kind().name());
    m.put("providerCode", e.providerCode());
    m.put("message", e.message());
    m.put("retryAfterSeconds", e.retryAfter().map(d -> (Object) d.toSeconds()).orElse(null));
  }

  private static void error(StringBuilder s, CancelError e) {
    s.append(' ').append(e.kind().name());
    if (e.providerCode() != null) s.append(" [").append(e.providerCode()).append(']');
    s.append(": ").append(e.message());
    e.retryAfter().ifPresent(d -> s.append("; retry after ").append(d.toSeconds()).append(" s"));
  }

  private static void pair(StringBuilder s, String key, String value) {
    if (value != null) s.append(' ').append(key).append('=').append(value);
  }
}
