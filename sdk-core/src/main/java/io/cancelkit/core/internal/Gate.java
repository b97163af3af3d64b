package io.cancelkit.core.internal;

import io.cancelkit.core.RateLimit;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One vendor lane's admission control for a bulk run: its client-side rate limits
 * (resilience4j-ratelimiter) and the pause a 429 asks for. Every HTTP attempt of a call made inside
 * the lane passes it: the cancel, its settling GET, retries, and the polls of an await.
 *
 * <p>A lane's worker {@linkplain #enter() enters} the gate around its calls; the engine reads the
 * gate of the calling thread when a call starts ({@link #current()}), so cancellers need no extra
 * method. Calls made outside any lane pass {@link #OPEN}. Thread-safe.
 */
public final class Gate {
  /** No limits, never paused. */
  public static final Gate OPEN = new Gate(null, null, EngineClock.system());

  private static final ThreadLocal<Gate> CURRENT = new ThreadLocal<>();

  /** How long a permit may be reserved ahead; a call's own deadline decides whether to wait. */
  private static final Duration MAX_RESERVATION = Duration.ofHours(1);

  private final RateLimiter writes;
  private final RateLimiter reads;
  private final EngineClock clock;
  private volatile long pausedUntil;
  private volatile boolean paused;

  private Gate(RateLimiter writes, RateLimiter reads, EngineClock clock) {
    this.writes = writes;
    this.reads = reads;
    this.clock = clock;
  }

  /**
   * A gate enforcing {@code limits} (none: concurrency alone), named {@code name} for resilience4j.
   * An {@link RateLimit.Kind#ALL} budget is shared by writes and reads.
   */
  public static Gate of(String name, List<RateLimit> limits, EngineClock clock) {
    Objects.requireNonNull(clock, "clock == null");
    RateLimiter writes = null;
    RateLimiter reads = null;
    for (RateLimit limit : limits) {
      RateLimiter limiter = limiter(name + "-" + limit.kind().name().toLowerCase(java.util.Locale.ROOT), limit);
      if (limit.kind() != RateLimit.Kind.READS) writes = limiter;
      if (limit.kind() != RateLimit.Kind.WRITES) reads = limiter;
    }
    return new Gate(writes, reads, clock);
  }

  private static RateLimiter limiter(String name, RateLimit limit) {
    // One permit per spacing: the budget spread evenly, never a burst at a window's edge.
    RateLimiterConfig config =
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(limit.spacing())
            .timeoutDuration(MAX_RESERVATION)
            .build();
    return RateLimiter.of(name, config);
  }

  /** The gate of the calling thread's lane, or {@link #OPEN}. */
  public static Gate current() {
    Gate gate = CURRENT.get();
    return gate != null ? gate : OPEN;
  }

  /** Makes this the calling thread's gate until the scope is closed. */
  public Scope enter() {
    Gate before = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (before == null) CURRENT.remove();
      else CURRENT.set(before);
    };
  }

  /** A thread's stay in a gate. */
  public interface Scope extends AutoCloseable {
    /** Leaves the gate. */
    @Override
    void close();
  }

  /**
   * Reserves the permit of one request and returns how long to wait before sending it: the rate
   * limit's wait, or the rest of a 429 pause, whichever is longer; 0 to go now.
   */
  public long reserve(boolean write) {
    RateLimiter limiter = write ? writes : reads;
    long wait = 0;
    if (limiter != null) {
      long reserved = limiter.reservePermission();
      // -1: no permit within the reservation horizon; the call's deadline will refuse to wait that long.
      wait = reserved < 0 ? MAX_RESERVATION.toNanos() : reserved;
    }
    long pause = pausedUntil - clock.nanoTime();
    return paused && pause > 0 ? Math.max(wait, pause) : wait;
  }

  /** Holds every request of this lane for {@code nanos}: the vendor asked for quiet (a 429). */
  public void pause(long nanos) {
    if (this == OPEN || nanos <= 0) return;
    long until = clock.nanoTime() + nanos;
    synchronized (this) {
      if (!paused || until > pausedUntil) pausedUntil = until;
      paused = true;
    }
  }

  /** True when the lane has limits or is paused: only then does a call consult it. */
  boolean limits() {
    return writes != null || reads != null || paused;
  }
}
