package io.cancelkit.core.internal;

import io.cancelkit.core.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One vendor lane's admission control for a bulk run: its client-side rate limits and the pause a
 * 429 asks for. Every HTTP attempt of a call made inside the lane passes it: the cancel, its
 * settling GET, retries, and the polls of an await.
 *
 * <p>A budget hands out one permit every {@link RateLimit#spacing()}, each at least a spacing after
 * the one before (a virtual schedule, as in GCRA): so no window of a budget's period ever holds more
 * than its permits, whether the lane was busy or idle before. A pause moves the schedule past its
 * end, so the requests held by it leave one spacing apart, not in a burst. Times come from the
 * gate's {@link EngineClock}.
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
   * #toString()}. A request takes a permit of every budget of its kind: an {@link
   * RateLimit.Kind#ALL} budget counts writes and reads alike.
   */
  public static Gate of(String name, List<RateLimit> limits, EngineClock clock) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(clock, "clock == null");
    List<Budget> writes = new ArrayList<>();
    List<Budget> reads = new ArrayList<>();
    for (RateLimit limit : limits) {
      Budget budget = new Budget(limit.spacing().toNanos(), clock.nanoTime());
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
   * Takes the permit of one request and returns how long to wait before sending it: until the
   * budget's next permit or the end of a 429 pause, whichever is later; 0 to go now.
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
    // The one gate of every call outside a lane: no lock, so that plain calls never contend on it.
    if (this == OPEN) return 0;
    synchronized (this) {
      return take(write ? writes : reads, withinNanos);
    }
  }

  private long take(List<Budget> budgets, long withinNanos) {
    long now = clock.nanoTime();
    long at = paused && pausedUntil - now > 0 ? pausedUntil : now;
    for (Budget b : budgets) {
      if (b.next - at > 0) at = b.next;
    }
    long wait = at - now;
    if (wait >= withinNanos) return wait;
    for (Budget b : budgets) b.next = at + b.spacing;
    return wait;
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

  /** One rate limit's schedule: the earliest time of its next permit. Guarded by the gate. */
  private static final class Budget {
    final long spacing;
    long next;

    Budget(long spacing, long start) {
      this.spacing = spacing;
      this.next = start;
    }
  }
}
