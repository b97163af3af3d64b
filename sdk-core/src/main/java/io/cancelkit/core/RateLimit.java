package io.cancelkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A client-side request budget: at most {@code permits} requests of a {@link Kind} per {@code
 * period}, such as Layers' documented 60 writes a minute per key.
 *
 * <p>The SDK spreads the budget evenly (one request every {@code period / permits}), so that no
 * burst at a window's edge exceeds a vendor's sliding window.
 *
 * @param kind which requests the budget counts
 * @param permits requests per period, at least 1
 * @param period the window, positive
 */
public record RateLimit(Kind kind, int permits, Duration period) {
  /** Which requests a budget counts. */
  public enum Kind {
    /** Every request. */
    ALL,
    /** Cancels: the POSTs. */
    WRITES,
    /** Status GETs: settling reads and polls. */
    READS
  }

  /** Checks the components. */
  public RateLimit {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(period, "period == null");
    if (permits < 1) throw new IllegalArgumentException("permits < 1: " + permits);
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
  }

  /** {@code permits} requests of any kind per {@code period}. */
  public static RateLimit of(int permits, Duration period) {
    return new RateLimit(Kind.ALL, permits, period);
  }

  /** The even spacing between two requests: {@code period / permits}. */
  public Duration spacing() {
    return period.dividedBy(permits);
  }
}
