package io.cancelkit.core.internal;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Request;
import retrofit2.Call;

/**
 * One call's events for its canceller's {@link CancelListener}, in the order they happened.
 *
 * <p>Every event of a call passes this object's lock, so they form one sequence whichever thread
 * runs a step (the caller's, OkHttp's, a timer's). It pairs starts with ends: the call's end closes
 * an attempt or a settling GET still open (an async deadline or abort), and drops any event that
 * comes after it. Arguments arrive raw (nanoseconds, the Retrofit call) and become {@link Duration}s,
 * URLs and masked values here, so {@link #OFF}, the events of a canceller with {@link
 * CancelListener#NONE}, costs a call nothing but a field read per event.
 */
final class CallEvents {
  private static final System.Logger LOG = System.getLogger("io.cancelkit");

  /** Hears nothing: every method returns at once, before taking a lock. */
  static final CallEvents OFF = new CallEvents(CancelListener.NONE, null, Redactor.NONE, null, null);

  /** How many {@link CancelListener.Call}s were ever made: for a test that {@link #OFF} makes none. */
  static final AtomicLong CALLS_MADE = new AtomicLong();

  private final CancelListener listener;
  private final CancelListener.Call call;
  private final Redactor redactor;
  private final EngineClock clock;
  /** The canceller's one warning about a listener that throws. */
  private final AtomicBoolean warned;

  private boolean ended; // guarded by this
  private String method; // guarded by this; with url, the attempt open, or null
  private String url; // guarded by this
  private int attempt; // guarded by this
  private long attemptStart; // guarded by this
  private boolean settling; // guarded by this

  private CallEvents(
      CancelListener listener,
      CancelListener.Call call,
      Redactor redactor,
      EngineClock clock,
      AtomicBoolean warned) {
    this.listener = listener;
    this.call = call;
    this.redactor = redactor;
    this.clock = clock;
    this.warned = warned;
  }

  /**
   * Starts a call's events with {@code callStart}; {@link #OFF}, and no {@link CancelListener.Call},
   * when {@code listener} is {@link CancelListener#NONE}.
   */
  static CallEvents start(
      CancelListener listener,
      String provider,
      String jobId,
      CancelListener.Operation operation,
      Redactor redactor,
      EngineClock clock,
      AtomicBoolean warned) {
    if (listener == CancelListener.NONE) return OFF;
    CALLS_MADE.incrementAndGet();
    CallEvents events =
        new CallEvents(
            listener, new CancelListener.Call(provider, jobId, operation), redactor, clock, warned);
    events.fire("callStart", () -> events.listener.callStart(events.call));
    return events;
  }

  /** The lane admits the call's next attempt after {@code nanos} (0: at once). */
  void laneWait(long nanos) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      fire("laneWait", () -> listener.laneWait(call, Duration.ofNanos(nanos)));
    }
  }

  /** The call's 429 paused its lane for {@code nanos}. */
  void lanePaused(long nanos) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      fire("lanePaused", () -> listener.lanePaused(call, Duration.ofNanos(nanos)));
    }
  }

  /** Attempt {@code n} of the call sends {@code request}. */
  void attemptStart(Call<?> request, int n) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      Request raw = requestOf(request);
      String m = raw != null ? raw.method() : "?";
      String u = raw != null ? redactor.mask(withoutQuery(raw.url())) : "?";
      method = m;
      url = u;
      attempt = n;
      attemptStart = clock.nanoTime();
      fire("attemptStart", () -> listener.attemptStart(call, m, u, n));
    }
  }

  /** The request a call sends; null when it cannot be built, which sending it then reports. */
  private static Request requestOf(Call<?> call) {
    try {
      return call.request();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String withoutQuery(HttpUrl url) {
    // Most URLs have neither: their own text then serves, with no copy of the URL built.
    if (url.encodedQuery() == null && url.encodedFragment() == null) return url.toString();
    return url.newBuilder().query(null).fragment(null).build().toString();
  }

  /** The open attempt ended: an answer with {@code status}, or none (0); once per attempt. */
  void attemptEnd(int status, ErrorKind kind) {
    if (call == null) return;
    synchronized (this) {
      if (ended || url == null) return;
      String m = method;
      String u = url;
      int n = attempt;
      Duration took = Duration.ofNanos(clock.nanoTime() - attemptStart);
      method = null;
      url = null;
      fire("attemptEnd", () -> listener.attemptEnd(call, m, u, n, status, took, kind));
    }
  }

  /** Another attempt follows {@code last} after {@code waitMillis}. */
  void retry(long waitMillis, Attempt last) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      String reason = reason(last);
      fire("retry", () -> listener.retry(call, Duration.ofMillis(waitMillis), reason));
    }
  }

  /** Why {@code a} is retried, as {@link CancelListener#retry} names it. */
  private static String reason(Attempt a) {
    if (!a.isAnswer()) return a.errorKind == ErrorKind.TIMEOUT ? "timeout" : "io";
    int status = a.answer.status();
    String base = status == 429 ? "429" : status >= 500 && status <= 599 ? "5xx" : String.valueOf(status);
    return a.vendorWait ? base + " Retry-After" : base;
  }

  /** The settling GET starts. */
  void settleStart() {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      settling = true;
      fire("settleStart", () -> listener.settleStart(call));
    }
  }

  /** The settling GET ended: the job it read, or null when the cancel answer stands. */
  void settleEnd(JobSnapshot job) {
    if (call == null) return;
    synchronized (this) {
      if (ended || !settling) return;
      settling = false;
      JobSnapshot masked = job == null ? null : redactor.mask(job);
      fire("settleEnd", () -> listener.settleEnd(call, masked));
    }
  }

  /** Poll {@code poll} of an await starts, {@code delayNanos} after the cancel or the poll before. */
  void pollStart(int poll, long delayNanos) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      fire("pollStart", () -> listener.pollStart(call, poll, Duration.ofNanos(delayNanos)));
    }
  }

  /** Poll {@code poll} ended: the job it read, or null with the error. */
  void pollEnd(int poll, JobSnapshot job, CancelError error) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      JobSnapshot masked = job == null ? null : redactor.mask(job);
      CancelError maskedError = error == null ? null : redactor.mask(error);
      fire("pollEnd", () -> listener.pollEnd(call, poll, masked, maskedError));
    }
  }

  /** The call ended with {@code outcome}, already masked; closes what is open; the last event. */
  void callEnd(CancelOutcome outcome) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      closeOpen(outcome instanceof Failed f ? f.error().kind() : null);
      ended = true;
      fire("callEnd", () -> listener.callEnd(call, outcome));
    }
  }

  /** A status call ended: the job as returned, or the error as thrown (both already masked). */
  void statusEnd(JobSnapshot job, CancelError error) {
    if (call == null) return;
    synchronized (this) {
      if (ended) return;
      closeOpen(error != null ? error.kind() : null);
      ended = true;
      fire("statusEnd", () -> listener.statusEnd(call, job, error));
    }
  }

  /** An async call that ends while an attempt is in flight (its deadline, its abort) ends it too. */
  private void closeOpen(ErrorKind kind) {
    if (url != null) attemptEnd(0, kind);
    if (settling) settleEnd(null);
  }

  /** Runs one callback; a listener that throws is logged once per canceller and never breaks a call. */
  private void fire(String event, Runnable callback) {
    try {
      callback.run();
    } catch (Throwable t) {
      if (warned.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            redactor.mask(
                "CancelListener " + listener.getClass().getName() + " threw in " + event
                    + "; the call goes on, and further failures of this listener are not logged"),
            t);
      }
    }
  }
}
