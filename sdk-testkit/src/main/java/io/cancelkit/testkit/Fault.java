package io.cancelkit.testkit;

import java.time.Duration;

/** One injected fault; each applies to exactly one request, in the order they were queued. */
sealed interface Fault {

  /** The request is acted on, then the connection closes before any answer is written. */
  record Drop() implements Fault {}

  /** The request is not acted on; the answer is 503 in the vendor's error envelope. */
  record Unavailable() implements Fault {}

  /** The request is not acted on; the answer is 429 with {@code Retry-After}. */
  record RateLimited(Duration retryAfter) implements Fault {}

  /** The request is acted on; the answer's headers are held back for {@code delay}. */
  record SlowHeaders(Duration delay) implements Fault {}
}
