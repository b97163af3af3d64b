package io.cancelkit.core.http;

import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;

/**
 * Decides what of a header set may be logged: only headers known to be harmless show their value.
 *
 * <p>An allow-list, not a deny-list, so a vendor's new credential header is hidden by default.
 */
final class Redaction {
  static final String MASK = "██";

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

  private Redaction() {}

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

  /** {@code text} with every occurrence of {@code secret} masked. */
  static String scrub(String text, String secret) {
    if (text == null || secret == null || secret.isEmpty()) return text;
    return text.replace(secret, MASK);
  }
}
