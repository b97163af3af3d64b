package io.cancelkit.core.internal;

import java.util.ArrayDeque;
import okhttp3.Dispatcher;

/**
 * One engine's asynchronous attempts in flight on its dispatcher: at most the dispatcher's requests
 * per host are handed to OkHttp, the rest wait here, in order, until one of them ends.
 *
 * <p>OkHttp's dispatcher scans its whole queue of waiting calls, under its lock, each time a call
 * starts or ends, and skips those whose host is full: two thousand {@code cancelAsync}s to one
 * vendor made that scan the cost of every call. Here they wait unscanned; OkHttp still enforces its
 * own limits, so this only keeps its queue short. Thread-safe.
 */
final class HostQueue {
  private final Dispatcher dispatcher;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this
  private boolean draining; // guarded by this

  HostQueue(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** Runs {@code enqueue}, which hands one call to OkHttp, now or once a call in flight ends. */
  void submit(Runnable enqueue) {
    synchronized (this) {
      waiting.add(enqueue);
    }
    drain();
  }

  /** A call handed over ended: the next one waiting takes its place. */
  void release() {
    synchronized (this) {
      inFlight--;
    }
    drain();
  }

  /**
   * Hands over waiting calls while there is room. One thread at a time: a call that OkHttp refuses
   * ends inside its enqueue, and its release then leaves the handing over to the loop already
   * running rather than recursing once per waiting call.
   */
  private void drain() {
    synchronized (this) {
      if (draining) return;
      draining = true;
    }
    while (true) {
      Runnable next;
      synchronized (this) {
        if (waiting.isEmpty() || inFlight >= dispatcher.getMaxRequestsPerHost()) {
          draining = false;
          return;
        }
        next = waiting.poll();
        inFlight++;
      }
      next.run();
    }
  }
}
