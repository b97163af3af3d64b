package io.cancelkit.core.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The code, message and request id of a vendor's error body, read leniently from common shapes.
 *
 * <p>Understood: {@code {error:{code,message,requestId}}}, {@code {error:"…", message}}, {@code
 * {code, message}}, {@code {detail:"…", status}} and {@code {detail:[{loc,msg}]}}. Anything else,
 * including plain text, gives an error with null fields.
 *
 * @param code the vendor's error code; null when none
 * @param message the vendor's message; null when none
 * @param requestId a request or correlation id found in the body; null when none
 */
public record ProviderError(String code, String message, String requestId) {
  /** An error body that said nothing readable. */
  public static final ProviderError NONE = new ProviderError(null, null, null);

  /** Reads {@code body} leniently; never throws. */
  public static ProviderError parse(String body) {
    try {
      return of(Json.any(body));
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  /** Reads an already parsed body ({@link Answer#json()}) leniently; never throws. */
  public static ProviderError of(Object root) {
    if (!(root instanceof Map<?, ?> m)) return NONE;
    String code = null;
    String message = null;
    String requestId = null;
    Object error = m.get("error");
    if (error instanceof Map<?, ?> e) {
      code = text(e.get("code"));
      message = text(e.get("message"));
      requestId = firstText(e, "requestId", "request_id");
    } else if (error != null) {
      code = text(error);
    }
    if (code == null) code = text(m.get("code"));
    if (message == null) message = text(m.get("message"));
    Object detail = m.get("detail");
    if (message == null && detail != null) message = detail(detail);
    if (code == null && detail != null) code = text(m.get("status"));
    if (requestId == null) requestId = firstText(m, "requestId", "request_id", "correlation_id");
    return new ProviderError(code, message, requestId);
  }

  private static String detail(Object detail) {
    if (!(detail instanceof List<?> items)) return text(detail);
    StringBuilder s = new StringBuilder();
    for (Object item : items) {
      if (s.length() > 0) s.append("; ");
      if (item instanceof Map<?, ?> d) {
        Object loc = d.get("loc");
        if (loc instanceof List<?> parts && !parts.isEmpty()) {
          StringBuilder path = new StringBuilder();
          for (Object p : parts) path.append(path.length() > 0 ? "." : "").append(text(p));
          s.append(path).append(": ");
        }
        s.append(text(d.get("msg")));
      } else {
        s.append(text(item));
      }
    }
    return s.toString();
  }

  private static String firstText(Map<?, ?> m, String... names) {
    for (String name : names) {
      String value = text(m.get(name));
      if (value != null) return value;
    }
    return null;
  }

  /** A JSON scalar as text: integral numbers without a fraction; null for null and containers. */
  static String text(Object value) {
    if (value instanceof String s) return s.isEmpty() ? null : s;
    if (value instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
    if (value instanceof Boolean || value instanceof Number) return value.toString();
    return null;
  }
}
