package io.cancelkit.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EngineClock} for tests on which time moves only when the engine waits or a test calls
 * {@link #advance}: a sleep or a delay returns at once with the clock moved on, and deadlines fire
 * as time passes them. Jitter is fixed at {@link #random()}, so backoffs are exact.
 *
 * <p>Thread-safe. Delayed tasks and deadlines run on one daemon thread, never on the caller's.
 */
public final class VirtualClock implements EngineClock {
  private final Instant epoch;
  private final AtomicLong nanos = new AtomicLong();
  private final double random;
  private final List<Long> sleeps = new ArrayList<>();
  private final PriorityQueue<Pending> deadlines =
      new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          Threads.daemon("cancelkit-virtual-timer-"));

  /** A clock at {@code 2026-01-01T00:00:00Z} whose jitter draws are always {@code random}. */
  public VirtualClock(double random) {
    if (!(random >= 0 && random < 1)) throw new IllegalArgumentException("random not in [0, 1)");
    this.epoch = Instant.parse("2026-01-01T00:00:00Z");
    this.random = random;
  }

  /** A clock whose jitter draws are 0.5. */
  public VirtualClock() {
    this(0.5);
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant now() {
    return epoch.plusNanos(nanos.get());
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    if (Thread.interrupted()) throw new InterruptedException();
    synchronized (this) {
      sleeps.add(Math.max(0, nanos));
    }
    advance(Duration.ofNanos(Math.max(0, nanos)));
  }

  @Override
  public Timer delay(Runnable task, long nanos) {
    synchronized (this) {
      sleeps.add(Math.max(0, nanos));
    }
    Pending p = new Pending(task, 0);
    runner.execute(
        () -> {
          advance(Duration.ofNanos(Math.max(0, nanos)));
          if (!p.cancelled) task.run();
        });
    return p;
  }

  @Override
  public synchronized Timer deadline(Runnable task, long nanos) {
    Pending p = new Pending(task, this.nanos.get() + Math.max(0, nanos));
    deadlines.add(p);
    return p;
  }

  @Override
  public double random() {
    return random;
  }

  /** Moves time on by {@code d} and fires the deadlines it passes, in order. */
  public void advance(Duration d) {
    Objects.requireNonNull(d, "d == null");
    long now = nanos.addAndGet(d.toNanos());
    List<Pending> due = new ArrayList<>();
    synchronized (this) {
      while (!deadlines.isEmpty() && deadlines.peek().dueNanos <= now) due.add(deadlines.poll());
    }
    for (Pending p : due) {
      if (!p.cancelled) runner.execute(p.task);
    }
  }

  /** Time passed since the clock was made. */
  public Duration elapsed() {
    return Duration.ofNanos(nanos.get());
  }

  /** Every wait the engine asked for (sleeps and delays), oldest first. */
  public synchronized List<Duration> waits() {
    List<Duration> out = new ArrayList<>(sleeps.size());
    for (long s : sleeps) out.add(Duration.ofNanos(s));
    return out;
  }

  private static final class Pending implements Timer {
    final Runnable task;
    final long dueNanos;
    volatile boolean cancelled;

    Pending(Runnable task, long dueNanos) {
      this.task = task;
      this.dueNanos = dueNanos;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
