package io.cancelkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A client-side request budget: at most {@code permits} requests of a {@link Kind} per {@code
 * period}, such as Layers' documented 60 writes a minute per key.
 *
 * <p>The SDK spreads the budget out so that no window of the period ever holds more than {@code
 * permits} requests, however they come: one request per {@code period / (permits − 1)}, one fewer
 * per period than the budget (Layers' 60 writes a minute run at 59), or for a budget of one, one per
 * period and 1 %.
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

  /**
   * Checks the components.
   *
   * @param kind which requests count; not null
   * @param permits requests per period, at least 1
   * @param period the window; not null, positive
   * @throws IllegalArgumentException if {@code permits} is below 1 or {@code period} is not positive
   */
  public RateLimit {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(period, "period == null");
    if (permits < 1) throw new IllegalArgumentException("permits < 1: " + permits);
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
  }

  /**
   * A budget of {@code permits} requests of any kind per {@code period}.
   *
   * @param permits requests per period, at least 1
   * @param period the window; positive
   * @return a budget of {@link Kind#ALL}
   * @throws IllegalArgumentException if {@code permits} is below 1 or {@code period} is not positive
   */
  public static RateLimit of(int permits, Duration period) {
    return new RateLimit(Kind.ALL, permits, period);
  }

  /**
   * The budget's mean spacing; the SDK spaces requests a little wider.
   *
   * @return {@code period / permits}
   */
  public Duration spacing() {
    return period.dividedBy(permits);
  }
}
