package io.cancelkit.core.internal;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Everything the engine reads of time and chance: the clock, waits, timers and jitter.
 *
 * <p>One seam, so that tests run retries, deadlines and polls on virtual time ({@link VirtualClock})
 * and no test waits a real second for a backoff or a {@code Retry-After}.
 */
public interface EngineClock {
  /** Monotonic nanoseconds, for deadlines and durations. */
  long nanoTime();

  /** Wall-clock time, for {@code Retry-After} dates. */
  Instant now();

  /** Blocks the calling thread for {@code nanos}: a synchronous call's backoff or poll delay. */
  void sleep(long nanos) throws InterruptedException;

  /**
   * Runs {@code task} once {@code nanos} have passed: an asynchronous call's backoff. The task only
   * starts the next attempt; it never blocks.
   */
  Timer delay(Runnable task, long nanos);

  /**
   * Runs {@code task} at a deadline {@code nanos} from now unless cancelled first; unlike {@link
   * #delay}, nothing waits for it, so on virtual time it fires only when time passes it.
   */
  Timer deadline(Runnable task, long nanos);

  /** A uniform value in [0, 1), for jitter. */
  double random();

  /** A scheduled task that can be called off. */
  interface Timer {
    /** Calls the task off if it has not started; harmless afterwards. */
    void cancel();
  }

  /** The real clock: {@link System#nanoTime()}, {@link Thread#sleep}, one shared timer thread. */
  static EngineClock system() {
    return SystemClock.INSTANCE;
  }
}

/** The production clock; its one daemon thread only starts attempts and fires deadlines. */
final class SystemClock implements EngineClock {
  static final SystemClock INSTANCE = new SystemClock();

  private final ScheduledThreadPoolExecutor timer;

  private SystemClock() {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            Threads.daemon("cancelkit-scheduler-"));
    // Deadlines of calls that finished in time are cancelled; drop them rather than keep them.
    timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    if (nanos > 0) TimeUnit.NANOSECONDS.sleep(nanos);
  }

  @Override
  public Timer delay(Runnable task, long nanos) {
    return schedule(task, nanos);
  }

  @Override
  public Timer deadline(Runnable task, long nanos) {
    return schedule(task, nanos);
  }

  private Timer schedule(Runnable task, long nanos) {
    ScheduledFuture<?> f = timer.schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public double random() {
    return ThreadLocalRandom.current().nextDouble();
  }
}
