package io.cancelkit.core.internal;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;

/**
 * Masks one canceller's API key in what leaves the SDK: outcomes, snapshots, errors and log lines.
 *
 * <p>Redaction happens at the boundary, never on what is parsed: the engine reads what the vendor
 * sent, and masks the key in the values it hands out. A key is found raw and JSON-escaped (any
 * character as a backslash-u sequence, an escaped slash), and only as a whole token: where the key starts or ends with a
 * letter or digit, an occurrence inside a longer word is unrelated text, so a key {@code o} leaves
 * {@code ConnectException} whole. Immutable and thread-safe.
 */
final class Redactor {
  static final String MASK = "██";

  /**
   * Headers whose values may be logged; every other header shows as the mask. An allow-list, not a
   * deny-list, so a vendor's new credential header is hidden by default.
   */
  private static final Set<String> HARMLESS =
      Set.of(
          "accept",
          "content-type",
          "content-length",
          "date",
          "etag",
          "if-none-match",
          "idempotency-key",
          "retry-after",
          "request-id",
          "x-request-id",
          "x-correlation-id",
          "user-agent",
          "location",
          "server");

  /** Masks nothing: for cancellers without a key. */
  static final Redactor NONE = new Redactor(null);

  private final String secret;

  Redactor(String secret) {
    this.secret = secret == null || secret.isEmpty() ? null : secret;
  }

  /** {@code text} with every whole-token occurrence of the key, raw or JSON-escaped, masked. */
  String mask(String text) {
    if (secret == null || text == null || text.isEmpty()) return text;
    StringBuilder out = null;
    int copied = 0;
    char first = secret.charAt(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != first && c != '\\') continue;
      int end = matchAt(text, i);
      if (end < 0 || !bounded(text, i, end)) continue;
      if (out == null) out = new StringBuilder(text.length());
      out.append(text, copied, i).append(MASK);
      copied = end;
      i = end - 1;
    }
    if (out == null) return text;
    return out.append(text, copied, text.length()).toString();
  }

  /** The end of the key's occurrence at {@code start}, or -1. */
  private int matchAt(String text, int start) {
    int j = start;
    for (int k = 0; k < secret.length(); k++) {
      if (j >= text.length()) return -1;
      char want = secret.charAt(k);
      char c = text.charAt(j);
      if (c == want) {
        j++;
        continue;
      }
      if (c != '\\' || j + 1 >= text.length()) return -1;
      char e = text.charAt(j + 1);
      if (e == 'u' && j + 6 <= text.length()) {
        int code = hex(text, j + 2);
        if (code != want) return -1;
        j += 6;
      } else if ((e == '/' || e == '\\' || e == '"') && e == want) {
        j += 2;
      } else {
        return -1;
      }
    }
    return j;
  }

  private static int hex(String text, int from) {
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int d = Character.digit(text.charAt(i), 16);
      if (d < 0) return -1;
      value = value * 16 + d;
    }
    return value;
  }

  /** True unless the occurrence sits inside a longer word that merely contains the key. */
  private boolean bounded(String text, int start, int end) {
    boolean wordStart = Character.isLetterOrDigit(secret.charAt(0));
    boolean wordEnd = Character.isLetterOrDigit(secret.charAt(secret.length() - 1));
    if (wordStart && start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) return false;
    return !(wordEnd && end < text.length() && Character.isLetterOrDigit(text.charAt(end)));
  }

  /** The header set as one log line, values shown only for {@link #HARMLESS} headers. */
  static String headers(Headers headers) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) s.append(", ");
      String name = headers.name(i);
      boolean harmless = HARMLESS.contains(name.toLowerCase(Locale.ROOT));
      s.append(name).append(": ").append(harmless ? headers.value(i) : MASK);
    }
    return s.append('}').toString();
  }

  /** {@code outcome} with the key masked in every string it carries; the same object if none. */
  CancelOutcome mask(CancelOutcome outcome) {
    if (secret == null) return outcome;
    ResponseInfo info = mask(outcome.response());
    if (outcome instanceof Cancelled o) {
      Optional<JobSnapshot> s = o.snapshot().map(this::mask);
      if (info == o.response() && s.equals(o.snapshot())) return o;
      return new Cancelled(o.provider(), o.jobId(), info, s);
    } else if (outcome instanceof CancelPending o) {
      Optional<JobSnapshot> s = o.snapshot().map(this::mask);
      if (info == o.response() && s.equals(o.snapshot())) return o;
      return new CancelPending(o.provider(), o.jobId(), info, s);
    } else if (outcome instanceof AlreadyFinished o) {
      String status = mask(o.providerStatus());
      if (info == o.response() && same(status, o.providerStatus())) return o;
      return new AlreadyFinished(o.provider(), o.jobId(), info, o.finalState(), status);
    } else if (outcome instanceof NotCancellable o) {
      String stage = mask(o.stage());
      String reason = mask(o.reason());
      if (info == o.response() && same(stage, o.stage()) && same(reason, o.reason())) return o;
      return new NotCancellable(o.provider(), o.jobId(), info, stage, reason);
    } else if (outcome instanceof NotFound o) {
      return info == o.response() ? o : new NotFound(o.provider(), o.jobId(), info);
    }
    Failed o = (Failed) outcome;
    CancelError error = mask(o.error());
    if (info == o.response() && error == o.error()) return o;
    return new Failed(o.provider(), o.jobId(), info, error);
  }

  ResponseInfo mask(ResponseInfo info) {
    String id = mask(info.requestId());
    return same(id, info.requestId()) ? info : new ResponseInfo(info.httpStatus(), id, info.attempts());
  }

  /** {@code error} with the key masked in its message, code and request id. */
  CancelError mask(CancelError error) {
    if (secret == null) return error;
    String message = mask(error.message());
    String code = mask(error.providerCode());
    String id = mask(error.requestId());
    if (same(message, error.message()) && same(code, error.providerCode()) && same(id, error.requestId())) {
      return error;
    }
    return new CancelError(
        error.kind(), error.httpStatus(), code, message, id, error.retryAfter(), error.cause());
  }

  /** {@code job} with the key masked in its words and, all the way down, its attributes. */
  JobSnapshot mask(JobSnapshot job) {
    if (secret == null) return job;
    String status = mask(job.providerStatus());
    String stage = mask(job.stage());
    Object attributes = maskValue(job.attributes());
    if (same(status, job.providerStatus()) && same(stage, job.stage()) && attributes == job.attributes()) {
      return job;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) attributes;
    return new JobSnapshot(
        job.provider(), job.jobId(), job.state(), status, stage, job.updatedAt(), map);
  }

  /** The value with the key masked in every string, keys included; the same object if none. */
  private Object maskValue(Object value) {
    if (value instanceof String s) return mask(s);
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = null;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String k = mask(key);
        Object v = maskValue(e.getValue());
        if (copy == null && (k != key || v != e.getValue())) {
          copy = new LinkedHashMap<>();
          for (Map.Entry<?, ?> before : map.entrySet()) {
            if (before.getKey() == e.getKey()) break;
            copy.put(String.valueOf(before.getKey()), before.getValue());
          }
        }
        if (copy != null) copy.put(k, v);
      }
      return copy == null ? value : copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = null;
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        Object masked = maskValue(item);
        if (copy == null && masked != item) copy = new ArrayList<>(list.subList(0, i));
        if (copy != null) copy.add(masked);
      }
      return copy == null ? value : copy;
    }
    return value;
  }

  private static boolean same(String a, String b) {
    return a == b;
  }
}
