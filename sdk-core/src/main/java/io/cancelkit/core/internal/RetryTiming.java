package io.cancelkit.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import okhttp3.Headers;

/** The pure arithmetic of waiting: backoff with full jitter, {@code Retry-After}, poll growth. */
final class RetryTiming {
  static final double POLL_GROWTH = 1.3;

  private RetryTiming() {}

  /**
   * Full-jitter backoff before retry number {@code failedAttempts}: uniform in [0, min(cap, initial ×
   * 2^(failedAttempts-1))], so that many clients failing together spread out.
   *
   * @param random a value in [0, 1)
   */
  static long backoffMillis(int failedAttempts, Duration initial, double random) {
    long capMillis = ClientSettings.MAX_BACKOFF.toMillis();
    long ceiling = initial.toMillis();
    for (int i = 1; i < failedAttempts && ceiling < capMillis; i++) ceiling *= 2;
    ceiling = Math.min(ceiling, capMillis);
    return (long) Math.floor(random * (ceiling + 1));
  }

  /** The wait that a {@code Retry-After} header asks for; null when absent or unreadable. */
  static Duration retryAfter(Headers headers, Instant now) {
    String value = headers.get("Retry-After");
    if (value == null) return null;
    value = value.trim();
    if (value.matches("\\d{1,10}")) return Duration.ofSeconds(Long.parseLong(value));
    Date date = headers.getDate("Retry-After");
    if (date == null) return null;
    Duration wait = Duration.between(now, date.toInstant());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** The next poll delay: ×1.3, capped at 10 s. */
  static Duration nextPoll(Duration current) {
    long next = (long) Math.ceil(current.toNanos() * POLL_GROWTH);
    return Duration.ofNanos(Math.min(next, ClientSettings.MAX_POLL_INTERVAL.toNanos()));
  }

  /**
   * {@code delay} with ±10 % jitter, capped at 10 s, so that pollers started together drift apart.
   *
   * @param random a value in [0, 1)
   */
  static long jitteredPollMillis(Duration delay, double random) {
    double factor = 0.9 + 0.2 * random;
    long millis = Math.round(delay.toMillis() * factor);
    return Math.max(1, Math.min(millis, ClientSettings.MAX_POLL_INTERVAL.toMillis()));
  }
}
