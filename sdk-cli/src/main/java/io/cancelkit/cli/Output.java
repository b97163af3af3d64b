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
import io.cancelkit.core.NotFound;
import io.cancelkit.core.ResponseInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders outcomes, snapshots and errors as one line of text or one JSON object.
 *
 * <p>Nothing here can print a key: outcomes and errors never carry one.
 */
final class Output {
  // Nulls are written so that every key of an outcome is present, whatever the vendor sent.
  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder()
          .build()
          .<Map<String, Object>>adapter(
              Types.newParameterizedType(Map.class, String.class, Object.class))
          .serializeNulls();

  private Output() {}

  /** The outcome's name in output: {@code CANCELLED}, {@code CANCEL_PENDING}, and so on. */
  static String name(CancelOutcome outcome) {
    if (outcome instanceof Cancelled) return "CANCELLED";
    if (outcome instanceof CancelPending) return "CANCEL_PENDING";
    if (outcome instanceof AlreadyFinished) return "ALREADY_FINISHED";
    if (outcome instanceof NotCancellable) return "NOT_CANCELLABLE";
    if (outcome instanceof NotFound) return "NOT_FOUND";
    if (outcome instanceof Failed) return "FAILED";
    throw new AssertionError(outcome);
  }

  /**
   * One line, e.g. {@code layers job_01H… CANCELLED (HTTP 200, 2 attempts, request req_…)}, with
   * the stage, final state or error where the outcome has one.
   */
  static String line(CancelOutcome outcome) {
    StringBuilder s =
        new StringBuilder()
            .append(outcome.provider())
            .append(' ')
            .append(outcome.jobId())
            .append(' ')
            .append(name(outcome));
    if (outcome instanceof Cancelled c) {
      c.snapshot().ifPresent(job -> pair(s, "providerStatus", job.providerStatus()));
    } else if (outcome instanceof CancelPending p) {
      p.snapshot().ifPresent(job -> pair(s, "providerStatus", job.providerStatus()));
    } else if (outcome instanceof AlreadyFinished f) {
      pair(s, "finalState", f.finalState().name());
      pair(s, "providerStatus", f.providerStatus());
    } else if (outcome instanceof NotCancellable n) {
      pair(s, "stage", n.stage());
      if (n.reason() != null) s.append(": ").append(n.reason());
    } else if (outcome instanceof Failed f) {
      error(s, f.error());
    }
    s.append(" (").append(facts(outcome.response())).append(')');
    return oneLine(s);
  }

  /** The outcome as a JSON object with a stable set of keys per outcome type. */
  static String json(CancelOutcome outcome) {
    Map<String, Object> m = head(outcome.provider(), outcome.jobId());
    m.put("outcome", name(outcome));
    ResponseInfo r = outcome.response();
    m.put("httpStatus", r.httpStatus());
    m.put("attempts", r.attempts());
    m.put("requestId", r.requestId());
    if (outcome instanceof Cancelled c) {
      snapshot(m, c.snapshot());
    } else if (outcome instanceof CancelPending p) {
      snapshot(m, p.snapshot());
    } else if (outcome instanceof AlreadyFinished f) {
      m.put("state", f.finalState().name());
      m.put("providerStatus", f.providerStatus());
    } else if (outcome instanceof NotCancellable n) {
      m.put("stage", n.stage());
      m.put("reason", n.reason());
    } else if (outcome instanceof Failed f) {
      m.put("error", error(f.error()));
    }
    return JSON.toJson(m);
  }

  /** One line: vendor, job, state, then the vendor's status word, stage and last update. */
  static String line(JobSnapshot job) {
    StringBuilder s =
        new StringBuilder()
            .append(job.provider())
            .append(' ')
            .append(job.jobId())
            .append(' ')
            .append(job.state().name());
    pair(s, "providerStatus", job.providerStatus());
    pair(s, "stage", job.stage());
    pair(s, "updatedAt", job.updatedAt() == null ? null : job.updatedAt().toString());
    return oneLine(s);
  }

  /** The snapshot as a JSON object. */
  static String json(JobSnapshot job) {
    Map<String, Object> m = head(job.provider(), job.jobId());
    snapshot(m, Optional.of(job));
    return JSON.toJson(m);
  }

  /** One line for a status lookup that failed. */
  static String line(String vendor, String jobId, CancelError error) {
    StringBuilder s = new StringBuilder().append(vendor).append(' ').append(jobId);
    error(s, error);
    s.append(" (");
    s.append(error.httpStatus() == 0 ? "no HTTP answer" : "HTTP " + error.httpStatus());
    if (error.requestId() != null) s.append(", request ").append(error.requestId());
    return oneLine(s.append(')'));
  }

  /** A failed status lookup as a JSON object. */
  static String json(String vendor, String jobId, CancelError error) {
    Map<String, Object> m = head(vendor, jobId);
    m.put("httpStatus", error.httpStatus());
    m.put("requestId", error.requestId());
    m.put("error", error(error));
    return JSON.toJson(m);
  }

  private static Map<String, Object> head(String vendor, String jobId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vendor", vendor);
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

  private static Map<String, Object> error(CancelError e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", e.kind().name());
    m.put("providerCode", e.providerCode());
    m.put("message", e.message());
    m.put("retryAfterSeconds", e.retryAfter().map(d -> (Object) d.toSeconds()).orElse(null));
    return m;
  }

  private static void error(StringBuilder s, CancelError e) {
    s.append(' ').append(e.kind().name());
    if (e.providerCode() != null) s.append(" [").append(e.providerCode()).append(']');
    s.append(": ").append(e.message());
    e.retryAfter().ifPresent(d -> s.append("; retry after ").append(d.toSeconds()).append(" s"));
  }

  private static String facts(ResponseInfo r) {
    StringBuilder s = new StringBuilder();
    s.append(r.httpStatus() == 0 ? "no HTTP answer" : "HTTP " + r.httpStatus());
    s.append(", ").append(r.attempts()).append(r.attempts() == 1 ? " attempt" : " attempts");
    if (r.requestId() != null) s.append(", request ").append(r.requestId());
    return s.toString();
  }

  /** Vendors' messages may hold line breaks; a line per result keeps the output greppable. */
  private static String oneLine(CharSequence s) {
    return s.toString().replaceAll("[\\r\\n]+", " ");
  }

  private static void pair(StringBuilder s, String key, String value) {
    if (value != null) s.append(' ').append(key).append('=').append(value);
  }
}
