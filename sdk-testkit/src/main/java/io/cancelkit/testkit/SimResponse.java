package io.cancelkit.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Headers;

/**
 * An answer that a simulator builds under its lock and its {@link SimServer} then writes, or holds
 * back, or drops; confined to the thread of one request.
 */
final class SimResponse {
  final int code;
  private final Headers.Builder headers = new Headers.Builder();
  private byte[] body = new byte[0];
  private boolean dropped;
  private Duration headersDelay = Duration.ZERO;

  private SimResponse(int code) {
    this.code = code;
  }

  /** An answer with status {@code code}, no headers yet and no body. */
  static SimResponse of(int code) {
    return new SimResponse(code);
  }

  /** Sets the header {@code name}, replacing any earlier value. */
  SimResponse header(String name, String value) {
    headers.set(name, value);
    return this;
  }

  /** Sets the body, written as UTF-8 with its {@code Content-Length}. */
  SimResponse body(String text) {
    body = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** Closes the connection instead of writing this answer. */
  SimResponse drop() {
    dropped = true;
    return this;
  }

  /** Writes this answer only after {@code delay}. */
  SimResponse delayHeaders(Duration delay) {
    headersDelay = delay;
    return this;
  }

  Headers headers() {
    return headers.build();
  }

  byte[] body() {
    return body;
  }

  boolean dropped() {
    return dropped;
  }

  Duration headersDelay() {
    return headersDelay;
  }
}
