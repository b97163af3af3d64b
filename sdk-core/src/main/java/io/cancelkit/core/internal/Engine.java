package io.cancelkit.core.internal;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelListener.Operation;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.ResponseInfo;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * The shared engine behind every vendor's {@link JobCanceller}: one vendor's {@link VendorMapper}
 * and {@link VendorCalls} plus retries, deadlines, bounded bodies, settling GETs, polling, and
 * redaction of the key in all that leaves it.
 *
 * <p>A synchronous and an asynchronous call run the same steps; only how an attempt is sent
 * ({@code execute} or {@code enqueue}) and how a wait is spent (a sleep, or a timer) differ.
 * resilience4j decides every retry and its interval ({@link Retry.AsyncContext}); the wait itself
 * runs on the settings' {@link EngineClock}, so tests run on virtual time. Async futures complete on
 * the settings' callback executor, never on an OkHttp or timer thread. The settings' listener hears
 * each call's steps as they happen ({@link CallEvents}); without one, no event is built.
 *
 * <p>Immutable and thread-safe. Not API: vendor modules configure it, applications use the vendor
 * classes.
 */
public final class Engine implements JobCanceller {
  private static final System.Logger LOG = System.getLogger("io.cancelkit");

  private static final String DEADLINE_NOTE =
      " (retries stopped: the next attempt would start after the deadline)";

  private static final String GATE_NOTE =
      " (retries stopped: the lane's rate limit would start the next attempt after the deadline)";

  private final ClientSettings settings;
  private final VendorMapper mapper;
  private final VendorCalls calls;
  private final Redactor redactor;
  private final EngineClock clock;
  private final Retry retry;
  private final Function<Exchange, Call<ResponseBody>> cancelCall;
  /** Shared with the engines {@link #withCalls} makes: they send to the same host. */
  private final HostQueue hostQueue;
  /** Set once this canceller's listener threw: it is logged once, not on every event. */
  private final AtomicBoolean listenerWarned;

  /** The engine for {@code mapper}'s vendor, sending {@code calls}, with {@code settings}. */
  public Engine(ClientSettings settings, VendorMapper mapper, VendorCalls calls) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    this.calls = Objects.requireNonNull(calls, "calls == null");
    this.redactor = settings.redactor();
    this.clock = settings.clock();
    RetryConfig config =
        RetryConfig.<Attempt>custom()
            .maxAttempts(settings.maxAttempts())
            .retryOnResult(Attempt::retryable)
            .retryOnException(e -> false)
            .intervalBiFunction((n, either) -> either.isRight() ? either.get().waitMillis : 0L)
            .failAfterMaxAttempts(false)
            .build();
    this.retry = Retry.of("cancelkit-" + mapper.provider(), config);
    this.cancelCall = x -> calls.cancel(x.jobId, x.idempotencyKey);
    this.hostQueue = new HostQueue(HttpClients.client(settings).dispatcher());
    this.listenerWarned = new AtomicBoolean();
  }

  private Engine(Engine base, VendorCalls calls) {
    this.settings = base.settings;
    this.mapper = base.mapper;
    this.calls = Objects.requireNonNull(calls, "calls == null");
    this.redactor = base.redactor;
    this.clock = base.clock;
    this.retry = base.retry;
    this.cancelCall = x -> calls.cancel(x.jobId, x.idempotencyKey);
    this.hostQueue = base.hostQueue;
    this.listenerWarned = base.listenerWarned;
  }

  /**
   * This engine sending other calls (another Scale project), with the same settings and mapper. It
   * shares this one's retry policy and host queue: Scale makes one per project call, and every
   * project's attempts count against the one host's limit.
   */
  public Engine withCalls(VendorCalls calls) {
    return new Engine(this, calls);
  }

  /** The settings this engine runs with. */
  public ClientSettings settings() {
    return settings;
  }

  @Override
  public String provider() {
    return mapper.provider();
  }

  @Override
  public CancelOutcome cancel(String jobId) {
    mapper.checkJobId(jobId);
    Gate gate = Gate.current();
    CallEvents events = events(jobId, Operation.CANCEL);
    CancelOutcome refused = firstPermit(jobId, gate, true, events);
    if (refused != null) return finish(refused, events);
    Exchange x =
        exchange(jobId, true, deadline(settings.timeout()), new AtomicInteger(), gate, events);
    // A sync exchange completes every step inline, so this join never waits on another thread.
    return finish(cancelSteps(x).exceptionally(e -> engineFailure(x, e)).join(), events);
  }

  /** A call's events, fired as it runs; {@link CallEvents#OFF} (nothing made) without a listener. */
  private CallEvents events(String jobId, Operation operation) {
    return CallEvents.start(
        settings.listener(), provider(), jobId, operation, redactor, clock, listenerWarned);
  }

  /**
   * Waits for the lane's first permit before the call's deadline starts, so that a queue for the
   * rate limit never eats a call's own timeout; null when admitted, else why not. A pause takes no
   * permit: the call waits it out, then asks for one.
   */
  private CancelOutcome firstPermit(String jobId, Gate gate, boolean write, CallEvents events) {
    while (true) {
      long admitted = gate.admit(write, Long.MAX_VALUE);
      long wait = Math.abs(admitted);
      if (gate != Gate.OPEN) events.laneWait(wait);
      if (admitted == 0) return null;
      try {
        clock.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted =
            new InterruptedIOException("interrupted while waiting for the rate limit; nothing was sent");
        Exchange x =
            exchange(jobId, true, deadline(settings.timeout()), new AtomicInteger(), gate, events);
        return engineFailure(x, interrupted);
      }
      if (admitted > 0) return null;
    }
  }

  @Override
  public CompletableFuture<CancelOutcome> cancelAsync(String jobId) {
    mapper.checkJobId(jobId);
    Gate gate = Gate.current();
    CallEvents events = events(jobId, Operation.CANCEL);
    CompletableFuture<CancelOutcome> result = new CompletableFuture<>();
    admitAsync(jobId, gate, events, result);
    return result;
  }

  /** {@link #firstPermit} on the clock's timer: no thread waits for the lane. */
  private void admitAsync(
      String jobId, Gate gate, CallEvents events, CompletableFuture<CancelOutcome> result) {
    if (abortedWhileWaiting(jobId, gate, events, result)) return;
    long admitted = gate.admit(true, Long.MAX_VALUE);
    if (gate != Gate.OPEN) events.laneWait(Math.abs(admitted));
    if (admitted == 0) {
      startAsync(jobId, gate, events, result);
      return;
    }
    if (admitted > 0) clock.delay(() -> startAsync(jobId, gate, events, result), admitted);
    else clock.delay(() -> admitAsync(jobId, gate, events, result), -admitted);
  }

  /** True when the caller cancelled the future while the call waited for its lane: it ends unsent. */
  private boolean abortedWhileWaiting(
      String jobId, Gate gate, CallEvents events, CompletableFuture<CancelOutcome> result) {
    if (!result.isDone()) return false;
    if (events != CallEvents.OFF) {
      Exchange x = exchange(jobId, false, clock.nanoTime(), new AtomicInteger(), gate, events);
      events.callEnd(redactor.mask(aborted(x)));
    }
    return true;
  }

  private void startAsync(
      String jobId, Gate gate, CallEvents events, CompletableFuture<CancelOutcome> result) {
    if (abortedWhileWaiting(jobId, gate, events, result)) return;
    Exchange x =
        exchange(jobId, false, deadline(settings.timeout()), new AtomicInteger(), gate, events);
    // OkHttp starts a call's timeout only when the call leaves its dispatcher queue; this timer keeps
    // the overall deadline while queued too. It only completes the future and aborts the call.
    EngineClock.Timer deadline =
        clock.deadline(
            () -> {
              if (x.settle()) {
                // Heard before the abort, so the attempt in flight ends as the deadline's.
                CancelOutcome timedOut = finish(deadlineFailure(x), events);
                x.abort();
                deliver(result, timedOut);
              }
            },
            settings.timeout().toNanos());
    cancelSteps(x)
        .whenComplete(
            (outcome, error) -> {
              if (!x.settle()) return;
              deadline.cancel();
              deliver(result, finish(outcome != null ? outcome : engineFailure(x, error), events));
            });
    result.whenComplete(
        (outcome, error) -> {
          // Local abort only: the vendor's job is not touched, and the future reports no outcome.
          if (result.isCancelled()) {
            // Claims the call's one result, so the aborted attempt delivers and logs nothing.
            boolean claimed = x.settle();
            deadline.cancel();
            if (claimed && events != CallEvents.OFF) events.callEnd(redactor.mask(aborted(x)));
            x.abort();
          }
        });
  }

  /** Completes {@code result} on the callback executor, so no caller code runs on our threads. */
  private void deliver(CompletableFuture<CancelOutcome> result, CancelOutcome outcome) {
    try {
      settings.callbackExecutor().execute(() -> result.complete(outcome));
    } catch (RejectedExecutionException e) {
      // A shut-down executor must not lose the outcome; completing here is the lesser harm.
      result.complete(outcome);
    }
  }

  @Override
  public JobSnapshot status(String jobId) {
    mapper.checkJobId(jobId);
    Gate gate = Gate.current();
    CallEvents events = events(jobId, Operation.STATUS);
    CancelOutcome refused = firstPermit(jobId, gate, false, events);
    if (refused != null) throw statusFailure(((Failed) refused).error(), events);
    Exchange x =
        exchange(jobId, true, deadline(settings.timeout()), new AtomicInteger(), gate, events);
    Poll poll = poll(x, null, null);
    if (poll.error != null) throw statusFailure(poll.error, events);
    JobSnapshot job = redactor.mask(poll.snapshot);
    events.statusEnd(job, null);
    return job;
  }

  /** The boundary of a status call that failed: the error masked, heard, then thrown. */
  private JobCancelException statusFailure(CancelError error, CallEvents events) {
    CancelError masked = redactor.mask(error);
    events.statusEnd(null, masked);
    return new JobCancelException(masked);
  }

  @Override
  public CancelOutcome cancelAndAwait(String jobId, Duration timeout) {
    mapper.checkJobId(jobId);
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    Gate gate = Gate.current();
    CallEvents events = events(jobId, Operation.AWAIT);
    CancelOutcome refused = firstPermit(jobId, gate, true, events);
    if (refused != null) return finish(refused, events);
    long deadline = deadline(timeout);
    AtomicInteger attempts = new AtomicInteger();
    Exchange first =
        exchange(
            jobId, true, Math.min(deadline(settings.timeout()), deadline), attempts, gate, events);
    CancelOutcome outcome = cancelSteps(first).exceptionally(e -> engineFailure(first, e)).join();
    if (!(outcome instanceof CancelPending pending)) return finish(outcome, events);
    return finish(await(jobId, pending, deadline, attempts, gate, events), events);
  }

  /** Polls until the job is terminal or {@code deadline} passes; the pending outcome stands then. */
  private CancelOutcome await(
      String jobId,
      CancelPending pending,
      long deadline,
      AtomicInteger attempts,
      Gate gate,
      CallEvents events) {
    JobSnapshot last = pending.snapshot().orElse(null);
    ResponseInfo info = pending.response();
    String etag = null;
    Duration delay = settings.pollInterval();
    long notBefore = 0; // milliseconds a vendor's Retry-After asked the next poll to wait
    int polls = 0;
    while (true) {
      long remaining = deadline - clock.nanoTime();
      if (remaining <= 0) break;
      long sleep = Math.max(RetryTiming.jitteredPollMillis(delay, clock.random()), notBefore);
      notBefore = 0;
      long slept = Math.min(TimeUnit.MILLISECONDS.toNanos(sleep), remaining);
      try {
        clock.sleep(slept);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      delay = RetryTiming.nextPoll(delay);
      if (deadline - clock.nanoTime() <= 0) break;
      Exchange x =
          exchange(
                  jobId,
                  true,
                  Math.min(deadline(settings.timeout()), deadline),
                  attempts,
                  gate,
                  events)
              .unpaid();
      int n = ++polls;
      events.pollStart(n, slept);
      Poll poll = poll(x, etag, last);
      events.pollEnd(n, poll.snapshot, poll.error);
      if (poll.error != null) {
        // A poll with no answer keeps the last answer's facts: httpStatus is the last one that came.
        if (x.lastStatus() != 0) info = new ResponseInfo(x.lastStatus(), x.lastRequestId(), attempts.get());
        if (debugging()) debug(provider() + " poll of " + jobId + " failed: " + poll.error.message());
        // The cancel was accepted; a poll that cannot succeed must not turn that into a failure.
        if (!isTransient(poll.error.kind())) break;
        Duration retryAfter = poll.error.retryAfter().orElse(Duration.ZERO);
        // The vendor asked for quiet until after the deadline: polling sooner would only be refused.
        if (retryAfter.toNanos() >= deadline - clock.nanoTime()) break;
        notBefore = Math.min(retryAfter.toMillis(), ClientSettings.MAX_RETRY_AFTER.toMillis());
        continue;
      }
      last = poll.snapshot;
      info = poll.info;
      if (poll.etag != null) etag = poll.etag;
      if (last.state() == JobState.CANCELLED) {
        return new Cancelled(provider(), jobId, info, Optional.of(last));
      }
      if (last.state().isTerminal()) {
        return new AlreadyFinished(provider(), jobId, info, last.state(), last.providerStatus());
      }
    }
    ResponseInfo total = new ResponseInfo(info.httpStatus(), info.requestId(), attempts.get());
    return new CancelPending(provider(), jobId, total, Optional.ofNullable(last));
  }

  private static boolean isTransient(ErrorKind kind) {
    return kind == ErrorKind.NETWORK
        || kind == ErrorKind.TIMEOUT
        || kind == ErrorKind.PROVIDER_ERROR
        || kind == ErrorKind.RATE_LIMITED;
  }

  // ---- the steps of a cancel --------------------------------------------------------------------

  /** The cancel, and the one settling GET when the mapper asks for it. */
  private CompletableFuture<CancelOutcome> cancelSteps(Exchange x) {
    return attempts(x, cancelCall, true)
        .thenCompose(
            last -> {
              Verdict verdict = verdict(x, last);
              if (!verdict.settles()) return CompletableFuture.completedFuture(verdict.outcome());
              x.events.settleStart();
              return attempts(x, y -> calls.status(y.jobId, null), false)
                  .thenApply(get -> settled(x, last.answer, verdict.outcome(), get));
            });
  }

  private Verdict verdict(Exchange x, Attempt attempt) {
    if (!attempt.isAnswer()) return Verdict.of(noAnswer(x, attempt));
    Answer answer = attempt.answer;
    if (answer.isSuccessful() && answer.truncated()) return Verdict.of(Defaults.tooLarge(answer));
    Verdict verdict;
    try {
      verdict = mapper.cancel(answer);
    } catch (IOException | RuntimeException e) {
      return Verdict.of(Defaults.unreadable(answer, e));
    }
    if (!verdict.settles() && verdict.outcome() instanceof Failed f && !attempt.stopNote.isEmpty()) {
      CancelError e = f.error();
      CancelError noted =
          new CancelError(e.kind(), e.httpStatus(), e.providerCode(), e.message() + attempt.stopNote,
              e.requestId(), e.retryAfter(), e.cause());
      return Verdict.of(new Failed(f.provider(), f.jobId(), f.response(), noted));
    }
    return verdict;
  }

  private CancelOutcome settled(Exchange x, Answer cancelAnswer, CancelOutcome fallback, Attempt get) {
    if (get.isAnswer() && get.answer.isSuccessful() && !get.answer.truncated()) {
      try {
        JobSnapshot job = mapper.snapshot(get.answer);
        CancelOutcome outcome = mapper.settle(cancelAnswer, job, get.answer.info());
        x.events.settleEnd(job);
        return outcome;
      } catch (IOException | RuntimeException e) {
        if (debugging()) debug(provider() + " settling GET unreadable: " + e);
      }
    }
    if (debugging()) debug(provider() + " settling GET failed; the cancel answer stands");
    x.events.settleEnd(null);
    ResponseInfo was = fallback.response();
    return withResponse(fallback, new ResponseInfo(was.httpStatus(), was.requestId(), x.attempts.get()));
  }

  private Poll poll(Exchange x, String etag, JobSnapshot last) {
    Attempt attempt = attempts(x, y -> calls.status(y.jobId, etag), false).join();
    if (!attempt.isAnswer()) return Poll.failed(noAnswer(x, attempt).error());
    Answer answer = attempt.answer;
    if (answer.status() == 304 && etag != null && last != null) {
      return new Poll(last, etag, answer.info(), null);
    }
    if (!answer.isSuccessful()) return Poll.failed(mapper.statusError(answer));
    if (answer.truncated()) return Poll.failed(Defaults.tooLarge(answer).error());
    try {
      return new Poll(mapper.snapshot(answer), answer.header("ETag"), answer.info(), null);
    } catch (IOException | RuntimeException e) {
      return Poll.failed(Defaults.unreadable(answer, e).error());
    }
  }

  private static final class Poll {
    final JobSnapshot snapshot;
    final String etag;
    final ResponseInfo info;
    final CancelError error;

    Poll(JobSnapshot snapshot, String etag, ResponseInfo info, CancelError error) {
      this.snapshot = snapshot;
      this.etag = etag;
      this.info = info;
      this.error = error;
    }

    static Poll failed(CancelError error) {
      return new Poll(null, null, null, error);
    }
  }

  private Failed noAnswer(Exchange x, Attempt attempt) {
    Throwable e = attempt.error;
    String message =
        (attempt.errorKind == ErrorKind.TIMEOUT ? "timed out: " : "no answer: ")
            + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
            + " after " + x.attempts.get() + " attempt(s)"
            + attempt.stopNote;
    CancelError error =
        new CancelError(
            attempt.errorKind, x.lastStatus(), null, message, x.lastRequestId(),
            Optional.empty(), Optional.of(e));
    ResponseInfo info = new ResponseInfo(x.lastStatus(), x.lastRequestId(), x.attempts.get());
    return new Failed(provider(), x.jobId, info, error);
  }

  private Failed deadlineFailure(Exchange x) {
    InterruptedIOException e =
        new InterruptedIOException("deadline of " + settings.timeout() + " passed before an answer");
    return noAnswer(x, Attempt.finalFailure(e, ErrorKind.TIMEOUT));
  }

  private Failed engineFailure(Exchange x, Throwable error) {
    return noAnswer(x, Attempt.finalFailure(error, ErrorKind.NETWORK));
  }

  /** What the listener hears of an async call whose caller cancelled its future. */
  private Failed aborted(Exchange x) {
    return noAnswer(x, Attempt.finalFailure(new IOException("aborted by the caller"), ErrorKind.NETWORK));
  }

  /**
   * The boundary: the key is masked in everything the outcome carries, then it is logged and heard
   * (before an async future completes with it).
   */
  private CancelOutcome finish(CancelOutcome outcome, CallEvents events) {
    CancelOutcome masked = redactor.mask(outcome);
    if (debugging()) debug(provider() + " cancel " + masked.jobId() + " -> " + describe(masked));
    events.callEnd(masked);
    return masked;
  }

  private static String describe(CancelOutcome outcome) {
    String name = outcome.getClass().getSimpleName();
    if (outcome instanceof Failed f) name += "(" + f.error().kind() + ": " + f.error().message() + ")";
    return name + " " + outcome.response();
  }

  /** {@code outcome} with other HTTP facts. */
  private static CancelOutcome withResponse(CancelOutcome outcome, ResponseInfo info) {
    if (outcome instanceof Cancelled o) {
      return new Cancelled(o.provider(), o.jobId(), info, o.snapshot());
    } else if (outcome instanceof CancelPending o) {
      return new CancelPending(o.provider(), o.jobId(), info, o.snapshot());
    } else if (outcome instanceof AlreadyFinished o) {
      return new AlreadyFinished(o.provider(), o.jobId(), info, o.finalState(), o.providerStatus());
    } else if (outcome instanceof NotCancellable o) {
      return new NotCancellable(o.provider(), o.jobId(), info, o.stage(), o.reason());
    } else if (outcome instanceof NotFound o) {
      return new NotFound(o.provider(), o.jobId(), info);
    }
    Failed o = (Failed) outcome;
    return new Failed(o.provider(), o.jobId(), info, o.error());
  }

  /** True when DEBUG is on: callers ask first, so that a line is built only to be logged. */
  private static boolean debugging() {
    return LOG.isLoggable(Level.DEBUG);
  }

  /** Logs {@code line} at DEBUG, with the key masked. */
  private void debug(String line) {
    LOG.log(Level.DEBUG, redactor.mask(line));
  }

  // ---- running attempts -------------------------------------------------------------------------

  /** A call's exchange; its first attempt's permit was already taken ({@link #firstPermit}). */
  private Exchange exchange(
      String jobId,
      boolean sync,
      long deadlineNanos,
      AtomicInteger attempts,
      Gate gate,
      CallEvents events) {
    return new Exchange(jobId, sync, clock, deadlineNanos, attempts, gate, events);
  }

  private long deadline(Duration timeout) {
    return clock.nanoTime() + timeout.toNanos();
  }

  /**
   * Attempts {@code build}'s call until resilience4j stops: the last attempt, never an exception. A
   * sync exchange completes inline on the caller's thread; an async one on OkHttp's dispatcher or
   * the clock's timer, which only ever start the next step.
   *
   * @param write true for the cancel, false for a status GET: the lane's gate counts them apart
   */
  private CompletableFuture<Attempt> attempts(
      Exchange x, Function<Exchange, Call<ResponseBody>> build, boolean write) {
    Run run = new Run(x, build, write);
    run.next(1, null);
    return run.done;
  }

  /** One call's attempts: resilience4j decides each retry and its wait; the clock spends it. */
  private final class Run {
    final Exchange x;
    final Function<Exchange, Call<ResponseBody>> build;
    final boolean write;
    final Retry.AsyncContext<Attempt> context = retry.asyncContext();
    final CompletableFuture<Attempt> done = new CompletableFuture<>();

    Run(Exchange x, Function<Exchange, Call<ResponseBody>> build, boolean write) {
      this.x = x;
      this.build = build;
      this.write = write;
    }

    /**
     * Sends attempt {@code attemptNo} once the lane's gate admits it: at once when it has no limit
     * and no pause. An admission that would come after the deadline takes no permit and sends
     * nothing: a retry then leaves {@code previous}, the vendor's last answer, as the result.
     */
    void next(int attemptNo, Attempt previous) {
      boolean prepaid = x.prepaid();
      // Negative: the rest of a pause, which took no permit. At the deadline or after, none is taken.
      long admitted = prepaid ? 0 : x.gate.admit(write, x.remainingNanos());
      long wait = Math.abs(admitted);
      if (wait > 0 && wait >= x.remainingNanos()) {
        if (previous != null) {
          context.onComplete();
          done.complete(previous.stopped(GATE_NOTE));
        } else {
          after(attemptNo, Attempt.finalFailure(
              new InterruptedIOException(
                  "the lane's rate limit would start the attempt after the deadline; nothing was sent"),
              ErrorKind.TIMEOUT));
        }
        return;
      }
      // The first attempt's permit was taken, and heard, before the call's deadline started.
      if (x.gate != Gate.OPEN && !prepaid) x.events.laneWait(wait);
      if (wait == 0) {
        send(x, build, attemptNo).thenAccept(attempt -> after(attemptNo, attempt));
        return;
      }
      // A pause took no permit: the attempt asks again once it is over.
      Runnable then =
          admitted < 0
              ? () -> next(attemptNo, previous)
              : () -> send(x, build, attemptNo).thenAccept(attempt -> after(attemptNo, attempt));
      wait(wait, then, "for the rate limit");
    }

    private void after(int attemptNo, Attempt attempt) {
      try {
        long waitMillis = context.onResult(attempt);
        if (waitMillis < 0 || x.aborted()) {
          context.onComplete();
          done.complete(attempt.transientFailure ? attempt.stopped(stopNote(attempt, attemptNo)) : attempt);
          return;
        }
        x.events.retry(waitMillis, attempt);
        wait(TimeUnit.MILLISECONDS.toNanos(waitMillis), () -> next(attemptNo + 1, attempt), "to retry");
      } catch (RuntimeException e) {
        // Whatever failed, the call must end: an exception here would leave its future pending.
        done.complete(Attempt.finalFailure(e, ErrorKind.NETWORK));
      }
    }

    /** Spends {@code nanos} as the exchange does (a sleep, or a timer), then runs {@code then}. */
    private void wait(long nanos, Runnable then, String why) {
      if (!x.sync) {
        clock.delay(then, nanos);
        return;
      }
      try {
        clock.sleep(nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting " + why);
        interrupted.initCause(e);
        done.complete(Attempt.finalFailure(interrupted, ErrorKind.NETWORK));
        return;
      }
      then.run();
    }
  }

  /**
   * Why a transient failure is the last attempt: the attempts ran out, or the next one would start
   * after the deadline. Attempts are checked first: with {@code maxAttempts(1)} no retry was ever due.
   */
  private String stopNote(Attempt attempt, int attemptNo) {
    int max = settings.maxAttempts();
    if (attemptNo >= max) {
      return max == 1 ? " (not retried: maxAttempts is 1)" : " (gave up after " + max + " attempts)";
    }
    return attempt.pastDeadline ? DEADLINE_NOTE : "";
  }

  /**
   * One attempt: checked, built, given the time left, sent; never throws.
   *
   * @param attemptNo this call's attempt number, from 1: the backoff grows with it
   */
  private CompletableFuture<Attempt> send(
      Exchange x, Function<Exchange, Call<ResponseBody>> build, int attemptNo) {
    if (x.aborted()) {
      return done(Attempt.finalFailure(new IOException("aborted by the caller"), ErrorKind.NETWORK));
    }
    if (x.remainingNanos() <= 0) return done(deadlinePassed());
    Call<ResponseBody> call;
    try {
      call = build.apply(x);
    } catch (RuntimeException e) {
      // A vendor's call factory failed: no request was sent, and another try would fail alike.
      return done(Attempt.finalFailure(e, ErrorKind.UNEXPECTED_RESPONSE));
    }
    // Building the call (Retrofit parses a method on first use) may have used the last of the time.
    long remaining = x.remainingNanos();
    if (remaining <= 0) return done(deadlinePassed());
    call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
    int n = x.begin(call);
    x.events.attemptStart(call, n);
    long start = clock.nanoTime();
    if (x.sync) {
      try {
        return done(answered(x, call.execute(), n, attemptNo, start));
      } catch (IOException | RuntimeException e) {
        return done(failedAttempt(x, e, n, attemptNo, start));
      }
    }
    AsyncAttempt attempt = new AsyncAttempt(x, call, n, attemptNo, start);
    hostQueue.submit(attempt);
    return attempt.future;
  }

  /** One enqueued attempt: hands its call to OkHttp when the host queue lets it, hears the answer. */
  private final class AsyncAttempt implements Runnable, Callback<ResponseBody> {
    final CompletableFuture<Attempt> future = new CompletableFuture<>();
    final Exchange x;
    final Call<ResponseBody> call;
    final int n;
    final int attemptNo;
    final long start;

    AsyncAttempt(Exchange x, Call<ResponseBody> call, int n, int attemptNo, long start) {
      this.x = x;
      this.call = call;
      this.n = n;
      this.attemptNo = attemptNo;
      this.start = start;
    }

    /** Never throws: the host queue runs it for whichever call ended, on that call's thread. */
    @Override
    public void run() {
      try {
        call.enqueue(this);
      } catch (RuntimeException e) {
        onFailure(call, e);
      }
    }

    @Override
    public void onResponse(Call<ResponseBody> c, Response<ResponseBody> response) {
      Attempt attempt;
      try {
        attempt = answered(x, response, n, attemptNo, start);
      } catch (IOException | RuntimeException e) {
        attempt = failedAttempt(x, e, n, attemptNo, start);
      }
      hostQueue.release();
      future.complete(attempt);
    }

    @Override
    public void onFailure(Call<ResponseBody> c, Throwable t) {
      hostQueue.release();
      future.complete(failedAttempt(x, t, n, attemptNo, start));
    }
  }

  private static CompletableFuture<Attempt> done(Attempt attempt) {
    return CompletableFuture.completedFuture(attempt);
  }

  private static Attempt deadlinePassed() {
    return Attempt.finalFailure(
        new InterruptedIOException("deadline passed before the attempt"), ErrorKind.TIMEOUT);
  }

  private Attempt answered(
      Exchange x, Response<ResponseBody> response, int n, int attemptNo, long start)
      throws IOException {
    okhttp3.Response raw = response.raw();
    ResponseBody body = response.isSuccessful() ? response.body() : response.errorBody();
    BoundedBody.Bytes bytes = BoundedBody.read(body, ClientSettings.MAX_BODY_BYTES);
    // Retrofit's copy of the response keeps the content type it parsed: no second parse here.
    Charset charset = BoundedBody.charset(raw.body() != null ? raw.body().contentType() : null);
    Answer answer =
        new Answer(
            provider(), x.jobId, raw.code(), raw.headers(), bytes.bytes(), charset, bytes.truncated(), n);
    answer = answer.withRequestId(mapper.requestId(answer));
    x.answered(raw.code(), answer.requestId());
    if (debugging()) {
      debug(
          provider() + " " + raw.request().method() + " " + raw.request().url() + " -> "
              + raw.code() + " in " + elapsedMillis(start) + " ms (attempt " + n + "); request "
              + Redactor.headers(raw.request().headers()) + "; response "
              + Redactor.headers(raw.headers()));
    }
    int code = raw.code();
    boolean transientFailure = mapper.retryable(answer);
    x.events.attemptEnd(code, transientFailure ? transientKind(code) : null);
    long wait = backoff(attemptNo);
    boolean vendorWait = false;
    // A 503 may carry Retry-After too (RFC 9110 §10.2.3); the vendor's own pace beats our guess.
    if (code == 429 || code == 503) {
      Duration retryAfter = RetryTiming.retryAfter(raw.headers(), clock.now());
      if (retryAfter != null) {
        wait = Math.min(retryAfter.toMillis(), ClientSettings.MAX_RETRY_AFTER.toMillis());
        vendorWait = true;
      }
    }
    // The vendor asked this key for quiet: every call in the same lane holds, not just this one.
    if (code == 429 && x.gate != Gate.OPEN) {
      long pause = TimeUnit.MILLISECONDS.toNanos(wait);
      x.gate.pause(pause);
      x.events.lanePaused(pause);
    }
    return Attempt.answered(answer, transientFailure, wait, vendorWait, x.remainingNanos());
  }

  /** What a retried answer means, for the listener: 429 is the vendor's limit, the rest its fault. */
  private static ErrorKind transientKind(int code) {
    return code == 429 ? ErrorKind.RATE_LIMITED : ErrorKind.PROVIDER_ERROR;
  }

  private Attempt failedAttempt(Exchange x, Throwable e, int n, int attemptNo, long start) {
    Attempt attempt = failure(x, e, n, attemptNo, start);
    x.events.attemptEnd(0, attempt.errorKind);
    return attempt;
  }

  private Attempt failure(Exchange x, Throwable e, int n, int attemptNo, long start) {
    if (debugging()) debug(provider() + " attempt " + n + " failed after " + elapsedMillis(start) + " ms: " + e);
    if (x.aborted() || !(e instanceof IOException)) return Attempt.finalFailure(e, ErrorKind.NETWORK);
    long remaining = x.remainingNanos();
    if (e instanceof InterruptedIOException) {
      // A socket or HTTP/2 stream read timeout (SocketTimeoutException) is worth retrying; the call
      // timeout, a plain InterruptedIOException, is the deadline: no time is left to retry.
      if (remaining <= 0 || !(e instanceof SocketTimeoutException)) {
        return Attempt.finalFailure(e, ErrorKind.TIMEOUT);
      }
      return Attempt.failed(e, ErrorKind.TIMEOUT, true, backoff(attemptNo), remaining);
    }
    return Attempt.failed(e, ErrorKind.NETWORK, true, backoff(attemptNo), remaining);
  }

  /** The wait after this call's attempt number {@code failedAttempts} failed. */
  private long backoff(int failedAttempts) {
    return RetryTiming.backoffMillis(failedAttempts, settings.initialBackoff(), clock.random());
  }

  private long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
  }

  @Override
  public String toString() {
    String name = provider();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Canceller" + settings;
  }
}
