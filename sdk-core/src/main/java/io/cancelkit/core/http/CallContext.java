package io.cancelkit.core.http;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import retrofit2.Call;

/** The state of one logical call: its deadline, attempts, idempotency key and abort switch. */
final class CallContext {
  final long deadlineNanos;
  final AtomicInteger attempts;
  final String idempotencyKey = UUID.randomUUID().toString();
  private Call<?> current;
  private boolean aborted;
  private volatile int lastStatus;
  private volatile String lastRequestId;

  CallContext(long deadlineNanos, AtomicInteger attempts) {
    this.deadlineNanos = deadlineNanos;
    this.attempts = attempts;
  }

  long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  /** Counts an attempt and remembers its call, so that {@link #abort()} can cancel it. */
  synchronized int begin(Call<?> call) {
    current = call;
    if (aborted) call.cancel();
    return attempts.incrementAndGet();
  }

  synchronized void abort() {
    aborted = true;
    if (current != null) current.cancel();
  }

  synchronized boolean aborted() {
    return aborted;
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
