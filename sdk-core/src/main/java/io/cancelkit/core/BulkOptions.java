package io.cancelkit.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link CancelRouter#cancelAll} runs: jobs in flight per vendor, each vendor's client-side rate
 * limits, an optional await of every job, and a listener. Immutable.
 *
 * <pre>{@code
 * BulkOptions.builder()
 *     .concurrency(16)                                  // in flight per vendor
 *     .rateLimit("omni", 60, Duration.ofMinutes(1))     // instead of the vendor's documented default
 *     .await(Duration.ofMinutes(2))                     // cancel and await every job within this total
 *     .listener(progress)
 *     .build();
 * }</pre>
 */
public final class BulkOptions {
  /** Jobs in flight per vendor unless set. */
  public static final int DEFAULT_CONCURRENCY = 16;

  private final int concurrency;
  private final Map<String, List<RateLimit>> rateLimits;
  private final boolean rateLimited;
  private final Duration await;
  private final BulkListener listener;

  private BulkOptions(Builder b) {
    this.concurrency = b.concurrency;
    this.rateLimits = Map.copyOf(b.rateLimits);
    this.rateLimited = b.rateLimited;
    this.await = b.await;
    this.listener = b.listener;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults: 16 in flight per vendor, the vendors' documented limits, no await, no listener.
   *
   * @return options with every default
   */
  public static BulkOptions defaults() {
    return builder().build();
  }

  /**
   * Jobs in flight per vendor.
   *
   * @return at least 1; {@link #DEFAULT_CONCURRENCY} unless set
   */
  public int concurrency() {
    return concurrency;
  }

  /**
   * The limits of {@code provider}'s lane: the override set here, else {@code documented} (the
   * vendor's own, from its {@link CancellerProvider}); none when limits were lifted.
   *
   * @param provider the lane's vendor name
   * @param documented the vendor's documented limits, returned when no override was set
   * @return the limits to apply; empty after {@link Builder#noRateLimits()}
   */
  public List<RateLimit> rateLimits(String provider, List<RateLimit> documented) {
    if (!rateLimited) return List.of();
    return rateLimits.getOrDefault(provider, documented);
  }

  /**
   * The total time to cancel and await every job.
   *
   * @return the time from the start of the run, or empty to cancel without awaiting
   */
  public Optional<Duration> await() {
    return Optional.ofNullable(await);
  }

  /**
   * The listener of the run.
   *
   * @return the listener set, or a no-op one when none was set
   */
  public BulkListener listener() {
    return listener;
  }

  /** Configures {@link BulkOptions}; not thread-safe. */
  public static final class Builder {
    private int concurrency = DEFAULT_CONCURRENCY;
    private final Map<String, List<RateLimit>> rateLimits = new HashMap<>();
    private boolean rateLimited = true;
    private Duration await;
    private BulkListener listener = new BulkListener() {};

    private Builder() {}

    /**
     * Jobs in flight per vendor; default 16.
     *
     * @param concurrency at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code concurrency} is below 1
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) throw new IllegalArgumentException("concurrency < 1: " + concurrency);
      this.concurrency = concurrency;
      return this;
    }

    /**
     * At most {@code permits} requests (cancels, settling reads, polls) to {@code provider} per
     * {@code period}, instead of what the vendor documents.
     *
     * @param provider the vendor's name, as {@link JobCanceller#provider()} spells it
     * @param permits requests per period, at least 1
     * @param period the window; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code permits} is below 1 or {@code period} is not positive
     */
    public Builder rateLimit(String provider, int permits, Duration period) {
      return rateLimit(provider, RateLimit.of(permits, period));
    }

    /**
     * {@code provider}'s lane keeps {@code limits} instead of what the vendor documents.
     *
     * @param provider the vendor's name, as {@link JobCanceller#provider()} spells it
     * @param limits the budgets that all apply; none leaves the lane without a client-side limit
     * @return this builder
     * @throws NullPointerException if {@code provider}, {@code limits} or one of them is null
     */
    public Builder rateLimit(String provider, RateLimit... limits) {
      Objects.requireNonNull(provider, "provider == null");
      rateLimits.put(provider, List.of(limits));
      return this;
    }

    /**
     * No client-side rate limit on any lane, concurrency alone: for servers of your own, such as a
     * simulator or a benchmark; a vendor's 429 still pauses its lane.
     *
     * @return this builder
     */
    public Builder noRateLimits() {
      this.rateLimited = false;
      return this;
    }

    /**
     * Cancel every job and await its end ({@link JobCanceller#cancelAndAwait}) within {@code total},
     * counted from the start of the run; a job whose turn comes later is cancelled and not awaited.
     *
     * @param total positive
     * @return this builder
     * @throws NullPointerException if {@code total} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder await(Duration total) {
      Objects.requireNonNull(total, "total == null");
      if (total.isNegative() || total.isZero()) {
        throw new IllegalArgumentException("await must be positive: " + total);
      }
      this.await = total;
      return this;
    }

    /**
     * Hears each result as it settles, and the progress.
     *
     * @param listener the run's listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(BulkListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options with what was set here
     */
    public BulkOptions build() {
      return new BulkOptions(this);
    }
  }
}
