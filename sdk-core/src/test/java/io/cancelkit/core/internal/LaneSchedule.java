package io.cancelkit.core.internal;

import io.cancelkit.core.CancelListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a lane let each attempt go, as a canceller's listener hears it: the moment of the attempt's
 * last {@code laneWait} plus that wait, on {@link System#nanoTime()}. Unlike an arrival at a server,
 * it does not move when a sender wakes late on a busy machine, so a test can hold a lane's schedule
 * to its limit within a few milliseconds; arrivals then show that the requests really waited.
 */
final class LaneSchedule implements CancelListener {
  /** How far a recorded time may be from the gate's own: the few microseconds between the two. */
  static final long SKEW_NANOS = Duration.ofMillis(5).toNanos();

  private final Map<Call, Long> pending = new ConcurrentHashMap<>();
  /** Each attempt's time, in the order the attempts started. */
  final List<Long> all = Collections.synchronizedList(new ArrayList<>());
  /** The GETs' times. */
  final List<Long> reads = Collections.synchronizedList(new ArrayList<>());
  /** Every wait the lane asked for. */
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  /** Attempts that started with no laneWait before them: none, in a lane (a listener's throw is swallowed). */
  final AtomicInteger unheard = new AtomicInteger();

  @Override
  public void laneWait(Call call, Duration wait) {
    pending.put(call, System.nanoTime() + wait.toNanos());
    waits.add(wait);
  }

  @Override
  public void attemptStart(Call call, String method, String url, int attempt) {
    Long at = pending.remove(call);
    if (at == null) {
      unheard.incrementAndGet();
      return;
    }
    all.add(at);
    if (method.equals("GET")) reads.add(at);
  }

  /** The smallest time in which {@code times} ever held {@code permits + 1} entries. */
  static long tightestWindow(List<Long> times, int permits) {
    List<Long> sorted = new ArrayList<>(times);
    sorted.sort(null);
    long tightest = Long.MAX_VALUE;
    for (int i = 0; i + permits < sorted.size(); i++) {
      tightest = Math.min(tightest, sorted.get(i + permits) - sorted.get(i));
    }
    return tightest;
  }
}
