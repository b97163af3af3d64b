package io.cancelkit.core.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import retrofit2.Call;

/**
 * One logical call's state: its job, deadline, attempts, idempotency key, abort switch, and whether
 * it runs on the caller's thread ({@code execute}) or on OkHttp's dispatcher ({@code enqueue}).
 */
final class Exchange {
  final String jobId;
  final boolean sync;
  final long deadlineNanos;
  final AtomicInteger attempts;
  final String idempotencyKey = UUID.randomUUID().toString();
  /** The lane's admission control, {@link Gate#OPEN} outside a bulk run. */
  final Gate gate;
  /** The call's events; {@link CallEvents#OFF} without a listener. */
  final CallEvents events;
  private final EngineClock clock;
  private boolean prepaid = true;
  private final AtomicBoolean settled = new AtomicBoolean();
  private Call<?> current;
  private boolean aborted;
  private volatile int lastStatus;
  private volatile String lastRequestId;

  Exchange(
      String jobId,
      boolean sync,
      EngineClock clock,
      long deadlineNanos,
      AtomicInteger attempts,
      Gate gate,
      CallEvents events) {
    this.jobId = jobId;
    this.gate = gate;
    this.events = events;
    this.sync = sync;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.attempts = attempts;
  }

  /** This exchange with its first permit still to take: a poll, inside the await's deadline. */
  Exchange unpaid() {
    prepaid = false;
    return this;
  }

  /**
   * True once, for the first attempt of a call whose permit was taken before its deadline started;
   * every later attempt asks the gate.
   */
  synchronized boolean prepaid() {
    boolean was = prepaid;
    prepaid = false;
    return was;
  }

  long remainingNanos() {
    return deadlineNanos - clock.nanoTime();
  }

  /** Counts an attempt and remembers its call, so that {@link #abort()} can cancel it. */
  synchronized int begin(Call<?> call) {
    current = call;
    if (aborted) call.cancel();
    return attempts.incrementAndGet();
  }

  /** Cancels the call in flight and refuses further attempts: a local abort, not a remote cancel. */
  synchronized void abort() {
    aborted = true;
    if (current != null) current.cancel();
  }

  synchronized boolean aborted() {
    return aborted;
  }

  /** True the first time only: the one result of an async call that may also time out. */
  boolean settle() {
    return settled.compareAndSet(false, true);
  }

  void answered(int status, String requestId) {
    lastStatus = status;
    lastRequestId = requestId;
  }

  int lastStatus() {
    return lastStatus;
  }

  String lastRequestId() {
    return lastRequestId;
  }
}
