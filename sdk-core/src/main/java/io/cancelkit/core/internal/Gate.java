package io.cancelkit.core.internal;

import io.cancelkit.core.RateLimit;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One vendor lane's admission control for a bulk run: its client-side rate limits
 * (resilience4j-ratelimiter) and the pause a 429 asks for. Every HTTP attempt of a call made inside
 * the lane passes it: the cancel, its settling GET, retries, and the polls of an await.
 *
 * <p>A {@link RateLimit} of {@code n} requests per {@code period} P is one resilience4j limiter with
 * {@code limitForPeriod} 1 and a {@code limitRefreshPeriod} (a cycle) T: it cuts time into fixed
 * cycles and grants one permit per cycle, reserving a later cycle's ahead (the wait ends at that
 * cycle's start). A request is sent at the latest of its budgets' next free permits, and a budget
 * whose own permit would come earlier takes the cycle the request is sent in instead (leaving the
 * cycles between unused). So every request is sent inside a cycle of each of its budgets that no
 * other request holds, and requests take cycles in the order they reserve. Then no window of P
 * ever holds more than n requests, whether the lane was busy or idle before:
 *
 * <ul>
 *   <li>n ≥ 2: T = P / (n − 1). Take any n + 1 requests: their cycles are distinct, so the last
 *       cycle starts at least n·T after the first one starts; the last request is sent at or after
 *       its cycle's start, the first before its cycle's end, so they are more than (n − 1)·T = P
 *       apart. (With T = P / n, resilience4j's plain reading, the same argument allows n + 1 within
 *       (n − 1)·P / n: one at the end of a cycle, the next at the start of the following one.) The
 *       cost: one request fewer per period, e.g. Layers' 60 writes a minute become 59, one every
 *       1.017 s, and its 120 reads 119.
 *   <li>n = 1: the argument gives only "more than 0 apart", so a second rule: after a request, the
 *       next free cycle must start at least P after it is sent, and where it would start sooner (a
 *       request granted at once, late in its cycle) that cycle is taken too and left unused. Every
 *       later request takes a later cycle, so it comes at least P after. T = P plus 1 % (at least
 *       1 ms), a margin for a sender that wakes a little late. The cost: on an idle lane, the second
 *       request may come up to two cycles after the first.
 * </ul>
 *
 * <p>This holds for the schedule the gate hands out. resilience4j keeps its cycles on the system
 * clock ({@link System#nanoTime()}), so a permit's wait is real time; the 429 pause runs on the
 * gate's {@link EngineClock}. While a lane is paused, no permit is taken: a request held by the
 * pause asks again when it ends, so the requests it held leave one cycle apart, not in a burst.
 *
 * <p>A lane's worker {@linkplain #enter() enters} the gate around its calls; the engine reads the
 * gate of the calling thread when a call starts ({@link #current()}), so cancellers need no extra
 * method. Calls made outside any lane pass {@link #OPEN}. Thread-safe.
 */
public final class Gate {
  /** No limits, never paused. */
  public static final Gate OPEN = new Gate("open", List.of(), List.of(), EngineClock.system());

  private static final ThreadLocal<Gate> CURRENT = new ThreadLocal<>();

  private final List<Budget> writes;
  private final List<Budget> reads;
  private final EngineClock clock;
  private final String name;
  private boolean paused; // guarded by this
  private long pausedUntil; // guarded by this; meaningful only when paused

  private Gate(String name, List<Budget> writes, List<Budget> reads, EngineClock clock) {
    this.name = name;
    this.writes = writes;
    this.reads = reads;
    this.clock = clock;
  }

  /**
   * A gate enforcing {@code limits} (none: concurrency alone), named {@code name} in {@link
   * #toString()} and for resilience4j. A request takes a permit of every budget of its kind: an
   * {@link RateLimit.Kind#ALL} budget counts writes and reads alike. {@code clock} times the pauses.
   */
  public static Gate of(String name, List<RateLimit> limits, EngineClock clock) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(clock, "clock == null");
    List<Budget> writes = new ArrayList<>();
    List<Budget> reads = new ArrayList<>();
    for (RateLimit limit : limits) {
      Budget budget = new Budget(name + "-" + limit.kind().name().toLowerCase(Locale.ROOT), limit);
      if (limit.kind() != RateLimit.Kind.READS) writes.add(budget);
      if (limit.kind() != RateLimit.Kind.WRITES) reads.add(budget);
    }
    return new Gate(name, List.copyOf(writes), List.copyOf(reads), clock);
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
   * Takes the permit of one request and returns how long to wait before sending it; 0 to go now.
   * While the lane is paused, takes nothing and returns the rest of the pause: the request asks
   * again after it.
   */
  public long reserve(boolean write) {
    return reserve(write, Long.MAX_VALUE);
  }

  /**
   * As {@link #reserve(boolean)}, but takes the permit only if the wait is below {@code withinNanos}
   * (what is left of a call's deadline): a wait of {@code withinNanos} or more is returned with no
   * permit taken, so a request that will not be sent costs the lane nothing.
   */
  public long reserve(boolean write, long withinNanos) {
    return Math.abs(admit(write, withinNanos));
  }

  /**
   * The engine's form of {@link #reserve(boolean, long)}, telling a pause apart: a negative result
   * is the rest of a pause, negated, with nothing taken (wait it out, then ask again); otherwise the
   * wait for the permit, which was taken if the wait is below {@code withinNanos}.
   */
  long admit(boolean write, long withinNanos) {
    // The one gate of every call outside a lane: no lock, so that plain calls never contend on it.
    if (this == OPEN) return 0;
    synchronized (this) {
      long pause = paused ? pausedUntil - clock.nanoTime() : 0;
      if (pause > 0) return -pause;
      return take(write ? writes : reads, withinNanos);
    }
  }

  private long take(List<Budget> budgets, long withinNanos) {
    if (budgets.isEmpty()) return 0;
    long now = System.nanoTime();
    long sendAt = now;
    for (Budget b : budgets) sendAt = Math.max(sendAt, b.nextFreeOrLater());
    if (sendAt - now >= withinNanos) return sendAt - now;
    for (Budget b : budgets) b.take(sendAt);
    return Math.max(0, sendAt - System.nanoTime());
  }

  /** Holds every request of this lane for {@code nanos}: the vendor asked for quiet (a 429). */
  public synchronized void pause(long nanos) {
    if (this == OPEN || nanos <= 0) return;
    long until = clock.nanoTime() + nanos;
    if (!paused || until - pausedUntil > 0) pausedUntil = until;
    paused = true;
  }

  @Override
  public String toString() {
    return "Gate[" + name + ", " + writes.size() + " write and " + reads.size() + " read budgets]";
  }

  /**
   * One rate limit as a resilience4j limiter of one permit per cycle. Times are absolute {@link
   * System#nanoTime()} values, as resilience4j keeps them. Guarded by the gate.
   */
  private static final class Budget {
    /** Longer than any wait: whether to wait is the gate's decision (the call's deadline). */
    private static final Duration NO_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

    private final AtomicRateLimiter limiter;
    private final AtomicRateLimiter.AtomicRateLimiterMetrics metrics;
    private final long cycle;
    /** A one-permit budget's period: the least time between two of its requests; 0 otherwise. */
    private final long apart;

    Budget(String name, RateLimit limit) {
      long period = limit.period().toNanos();
      this.apart = limit.permits() == 1 ? period : 0;
      long margin = Math.max(period / 100, Duration.ofMillis(1).toNanos());
      long cycle = limit.permits() == 1 ? period + margin : period / (limit.permits() - 1);
      this.cycle = Math.max(1, cycle);
      RateLimiterConfig config =
          RateLimiterConfig.custom()
              .limitForPeriod(1)
              .limitRefreshPeriod(Duration.ofNanos(cycle))
              .timeoutDuration(NO_TIMEOUT)
              .build();
      this.limiter = new AtomicRateLimiter(name, config);
      this.metrics = limiter.getDetailedMetrics();
    }

    /*
     * resilience4j reads the clock apart from the gate, so a thread preempted between two readings
     * sees a time off by the preemption. The gate errs to the safe side: late for when a request may
     * go (never before its cycle starts), early for when the next one may (never more room than
     * there is).
     */

    /** When this budget's next permit is free (now, or a later cycle's start), or a moment after. */
    long nextFreeOrLater() {
      long wait = metrics.getNanosToWait();
      return System.nanoTime() + wait;
    }

    /** When this budget's next permit is free, or a moment before. */
    long nextFreeOrEarlier() {
      long now = System.nanoTime();
      return now + metrics.getNanosToWait();
    }

    /**
     * Takes the permit of the cycle that a request sent at {@code sendAt} falls in; {@code sendAt}
     * is not before {@link #nextFreeOrLater()}.
     */
    void take(long sendAt) {
      limiter.reservePermission();
      long at = Math.max(sendAt, System.nanoTime()); // a request granted at once goes after this
      long next = nextFreeOrEarlier(); // the start of the cycle after the one just taken
      if (next - at <= 0) {
        // Another budget holds the request past this cycle: take the cycle it is sent in instead.
        limiter.reservePermission((int) ((at - next) / cycle) + 1);
        next = nextFreeOrEarlier();
      }
      // A one-permit budget: the next request must not start within a period of this one.
      if (next - at < apart) limiter.reservePermission();
    }
  }
}
