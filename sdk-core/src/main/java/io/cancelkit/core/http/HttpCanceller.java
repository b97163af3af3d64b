package io.cancelkit.core.http;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.ResponseInfo;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * The shared engine: one vendor's {@link VendorSpec} plus retries, deadlines, bounded bodies,
 * default mapping, resolving GETs and polling, behind {@link JobCanceller}.
 *
 * <p>Instances are immutable and thread-safe. Part of the engine that vendor modules configure;
 * application code uses the vendor classes.
 */
public final class HttpCanceller implements JobCanceller {
  private static final System.Logger LOG = System.getLogger("io.cancelkit");

  /**
   * Schedules retries and deadlines of async calls; it only starts the next attempt or ends a
   * late one, it never waits on one.
   */
  private static final class Scheduler {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "cancelkit-scheduler");
                t.setDaemon(true);
                return t;
              });
      // Deadlines of calls that finished in time are cancelled; drop them rather than keep them.
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }

  private final ClientSettings settings;
  private final VendorSpec vendor;
  private final Retry retry;

  /** Creates the engine for {@code vendor} with {@code settings}. */
  public HttpCanceller(ClientSettings settings, VendorSpec vendor) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.vendor = Objects.requireNonNull(vendor, "vendor == null");
    RetryConfig config =
        RetryConfig.<Attempt>custom()
            .maxAttempts(settings.maxAttempts())
            .retryOnResult(attempt -> attempt.retryable)
            .retryOnException(e -> false)
            .intervalBiFunction((n, either) -> either.isRight() ? either.get().waitMillis : 0L)
            .failAfterMaxAttempts(false)
            .build();
    this.retry = Retry.of("cancelkit-" + vendor.provider(), config);
  }

  /** The settings this engine runs with. */
  public ClientSettings settings() {
    return settings;
  }

  @Override
  public String provider() {
    return vendor.provider();
  }

  @Override
  public CancelOutcome cancel(String jobId) {
    vendor.validateJobId(jobId);
    return cancel(jobId, newContext(settings.timeout().toNanos(), new AtomicInteger()));
  }

  private CancelOutcome cancel(String jobId, CallContext ctx) {
    Attempt last = executeSync(ctx, jobId, () -> vendor.cancelCall(jobId, ctx.idempotencyKey));
    Verdict verdict = verdict(jobId, last, ctx);
    if (!verdict.resolves()) return finish(verdict.outcome());
    Attempt get = executeSync(ctx, jobId, () -> vendor.statusCall(jobId, null));
    return finish(resolved(last.answer, verdict.outcome(), get, ctx));
  }

  @Override
  public CompletableFuture<CancelOutcome> cancelAsync(String jobId) {
    vendor.validateJobId(jobId);
    CallContext ctx = newContext(settings.timeout().toNanos(), new AtomicInteger());
    CompletableFuture<CancelOutcome> result = new CompletableFuture<>();
    executeAsync(ctx, jobId, () -> vendor.cancelCall(jobId, ctx.idempotencyKey))
        .thenCompose(
            last -> {
              Verdict verdict = verdict(jobId, last, ctx);
              if (!verdict.resolves()) return CompletableFuture.completedFuture(verdict.outcome());
              return executeAsync(ctx, jobId, () -> vendor.statusCall(jobId, null))
                  .thenApply(get -> resolved(last.answer, verdict.outcome(), get, ctx));
            })
        .whenComplete(
            (outcome, error) ->
                result.complete(
                    finish(outcome != null ? outcome : engineFailure(jobId, ctx, error))));
    // OkHttp starts a call's timeout only when the call leaves its dispatcher queue; this keeps
    // the overall deadline while queued too.
    ScheduledFuture<?> deadline =
        Scheduler.INSTANCE.schedule(
            () -> {
              if (result.complete(finish(deadlineFailure(jobId, ctx)))) ctx.abort();
            },
            settings.timeout().toNanos(),
            TimeUnit.NANOSECONDS);
    result.whenComplete(
        (outcome, error) -> {
          deadline.cancel(false);
          // Local abort only: the vendor's job is not touched, and the future reports no outcome.
          if (result.isCancelled()) ctx.abort();
        });
    return result;
  }

  @Override
  public JobSnapshot status(String jobId) {
    vendor.validateJobId(jobId);
    Poll poll = poll(jobId, newContext(settings.timeout().toNanos(), new AtomicInteger()), null, null);
    if (poll.error != null) throw new JobCancelException(poll.error);
    return poll.snapshot;
  }

  @Override
  public CancelOutcome cancelAndAwait(String jobId, Duration timeout) {
    vendor.validateJobId(jobId);
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    AtomicInteger attempts = new AtomicInteger();
    CancelOutcome first = cancel(jobId, contextUntil(deadline, attempts));
    if (!(first instanceof CancelPending)) return first;
    JobSnapshot last = ((CancelPending) first).snapshot().orElse(null);
    ResponseInfo info = first.response();
    String etag = null;
    Duration delay = settings.pollInterval();
    long notBefore = 0; // milliseconds a vendor's Retry-After asked the next poll to wait
    while (true) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) break;
      long sleep = RetryTiming.jitteredPollMillis(delay, ThreadLocalRandom.current().nextDouble());
      sleep = Math.max(sleep, notBefore);
      notBefore = 0;
      try {
        Thread.sleep(Math.min(sleep, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      delay = RetryTiming.nextPoll(delay);
      CallContext ctx = contextUntil(deadline, attempts);
      Poll poll = poll(jobId, ctx, etag, last);
      if (poll.error != null) {
        // A poll with no answer keeps the last answer's facts: httpStatus is the last one that came.
        if (ctx.lastStatus() != 0) info = new ResponseInfo(ctx.lastStatus(), ctx.lastRequestId(), attempts.get());
        LOG.log(Level.DEBUG, () -> provider() + " poll of " + jobId + " failed: " + poll.error.message());
        if (!isTransient(poll.error.kind())) {
          // The cancel was accepted; a poll that cannot succeed must not turn that into a failure.
          break;
        }
        Duration retryAfter = poll.error.retryAfter().orElse(Duration.ZERO);
        if (retryAfter.toNanos() >= deadline - System.nanoTime()) {
          // The vendor asked for quiet until after the deadline: polling sooner would only be refused.
          break;
        }
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

  // ---- reading answers ------------------------------------------------------------------------

  private Verdict verdict(String jobId, Attempt attempt, CallContext ctx) {
    if (!attempt.isAnswer()) return Verdict.of(noAnswer(jobId, attempt, ctx));
    Answer answer = attempt.answer;
    try {
      if (answer.isSuccessful() && answer.truncated()) return Verdict.of(tooLarge(answer));
      Verdict verdict = vendor.mapCancel(answer);
      if (verdict != null) return verdict;
      CancelOutcome outcome = Outcomes.defaults(answer, vendor.parseError(answer));
      if (outcome instanceof Failed f && attempt.stoppedByDeadline) {
        CancelError error = Outcomes.rewrite(f.error(), null, DEADLINE_NOTE);
        outcome = new Failed(f.provider(), f.jobId(), f.response(), error);
      }
      return Verdict.of(outcome);
    } catch (IOException | RuntimeException e) {
      return Verdict.of(unreadable(answer, e));
    }
  }

  private static final String DEADLINE_NOTE =
      " (retries stopped: the next attempt would start after the deadline)";

  private CancelOutcome resolved(Answer cancelAnswer, CancelOutcome fallback, Attempt get, CallContext ctx) {
    if (get.isAnswer() && get.answer.isSuccessful() && !get.answer.truncated()) {
      try {
        JobSnapshot job = vendor.parseStatus(get.answer);
        return vendor.resolve(cancelAnswer, job, get.answer.info());
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.DEBUG, () -> provider() + " resolving GET unreadable: " + e);
      }
    }
    LOG.log(Level.DEBUG, () -> provider() + " resolving GET failed; the cancel answer stands");
    ResponseInfo was = fallback.response();
    return Outcomes.withResponse(
        fallback, new ResponseInfo(was.httpStatus(), was.requestId(), ctx.attempts.get()));
  }

  private Poll poll(String jobId, CallContext ctx, String etag, JobSnapshot last) {
    Poll poll = pollOnce(jobId, ctx, etag, last);
    if (poll.error == null) return poll;
    return Poll.failed(Outcomes.rewrite(poll.error, settings.apiKey(), ""));
  }

  private Poll pollOnce(String jobId, CallContext ctx, String etag, JobSnapshot last) {
    Attempt attempt = executeSync(ctx, jobId, () -> vendor.statusCall(jobId, etag));
    if (!attempt.isAnswer()) return Poll.failed(noAnswer(jobId, attempt, ctx).error());
    Answer answer = attempt.answer;
    if (answer.status() == 304 && etag != null && last != null) {
      return new Poll(last, etag, answer.info(), null);
    }
    if (answer.isSuccessful()) {
      if (answer.truncated()) return Poll.failed(tooLarge(answer).error());
      try {
        return new Poll(vendor.parseStatus(answer), answer.header("ETag"), answer.info(), null);
      } catch (IOException | RuntimeException e) {
        return Poll.failed(unreadable(answer, e).error());
      }
    }
    CancelOutcome outcome = Outcomes.defaults(answer, vendor.parseError(answer));
    if (outcome instanceof NotFound) {
      return Poll.failed(
          CancelError.of(
              ErrorKind.NOT_FOUND, 404, vendor.parseError(answer).code(),
              "no job " + jobId + " for these credentials", outcome.response().requestId()));
    }
    return Poll.failed(((Failed) outcome).error());
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

  private Failed tooLarge(Answer answer) {
    return answer.failed(
        ErrorKind.UNEXPECTED_RESPONSE,
        null,
        "HTTP " + answer.status() + ": response body exceeds " + ClientSettings.MAX_BODY_BYTES
            + " bytes and was not read further: " + answer.snippet());
  }

  private Failed unreadable(Answer answer, Exception e) {
    return answer.failed(
        ErrorKind.UNEXPECTED_RESPONSE,
        null,
        "HTTP " + answer.status() + ": unreadable answer (" + e.getClass().getSimpleName() + ": "
            + e.getMessage() + "): " + answer.snippet());
  }

  private Failed noAnswer(String jobId, Attempt attempt, CallContext ctx) {
    Throwable e = attempt.error;
    String message =
        (attempt.errorKind == ErrorKind.TIMEOUT ? "timed out: " : "no answer: ")
            + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
            + " after " + ctx.attempts.get() + " attempt(s)"
            + (attempt.stoppedByDeadline ? DEADLINE_NOTE : "");
    CancelError error =
        new CancelError(
            attempt.errorKind, ctx.lastStatus(), null, message, ctx.lastRequestId(),
            Optional.empty(), Optional.of(e));
    ResponseInfo info = new ResponseInfo(ctx.lastStatus(), ctx.lastRequestId(), ctx.attempts.get());
    return new Failed(provider(), jobId, info, error);
  }

  private Failed deadlineFailure(String jobId, CallContext ctx) {
    InterruptedIOException e =
        new InterruptedIOException("deadline of " + settings.timeout() + " passed before an answer");
    return noAnswer(jobId, Attempt.failed(e, ErrorKind.TIMEOUT, false, 0, 0), ctx);
  }

  private Failed engineFailure(String jobId, CallContext ctx, Throwable error) {
    Attempt attempt = Attempt.failed(error, ErrorKind.NETWORK, false, 0, 0);
    return noAnswer(jobId, attempt, ctx);
  }

  /** Masks the key in any message, whatever a vendor or a library put there. */
  private CancelOutcome finish(CancelOutcome outcome) {
    if (outcome instanceof Failed f) {
      CancelError error = Outcomes.rewrite(f.error(), settings.apiKey(), "");
      if (error != f.error()) outcome = new Failed(f.provider(), f.jobId(), f.response(), error);
    }
    CancelOutcome done = outcome;
    LOG.log(Level.DEBUG, () -> provider() + " cancel " + done.jobId() + " -> " + describe(done));
    return outcome;
  }

  private static String describe(CancelOutcome outcome) {
    String name = outcome.getClass().getSimpleName();
    if (outcome instanceof Failed f) name += "(" + f.error().kind() + ")";
    return name + " " + outcome.response();
  }

  // ---- running attempts -----------------------------------------------------------------------

  private CallContext newContext(long timeoutNanos, AtomicInteger attempts) {
    return new CallContext(System.nanoTime() + timeoutNanos, attempts);
  }

  private CallContext contextUntil(long deadlineNanos, AtomicInteger attempts) {
    long own = System.nanoTime() + settings.timeout().toNanos();
    return new CallContext(Math.min(own, deadlineNanos), attempts);
  }

  private Attempt executeSync(CallContext ctx, String jobId, Supplier<Call<ResponseBody>> calls) {
    try {
      return retry.executeSupplier(() -> attemptSync(ctx, jobId, calls));
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // resilience4j ends a retry wait that was interrupted by throwing; the flag stays set.
        InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
        interrupted.initCause(e);
        return Attempt.failed(interrupted, ErrorKind.NETWORK, false, 0, 0);
      }
      return callNotBuilt(e);
    }
  }

  private Attempt attemptSync(CallContext ctx, String jobId, Supplier<Call<ResponseBody>> calls) {
    Attempt refused = precheck(ctx);
    if (refused != null) return refused;
    Call<ResponseBody> call;
    try {
      call = calls.get();
    } catch (RuntimeException e) {
      return callNotBuilt(e);
    }
    refused = armTimeout(ctx, call);
    if (refused != null) return refused;
    int n = ctx.begin(call);
    long start = System.nanoTime();
    try {
      return answered(ctx, jobId, call.execute(), n, start);
    } catch (IOException | RuntimeException e) {
      return failedAttempt(ctx, e, n, start);
    }
  }

  private CompletableFuture<Attempt> executeAsync(
      CallContext ctx, String jobId, Supplier<Call<ResponseBody>> calls) {
    return retry
        .executeCompletionStage(Scheduler.INSTANCE, () -> attemptAsync(ctx, jobId, calls))
        .toCompletableFuture();
  }

  private CompletableFuture<Attempt> attemptAsync(
      CallContext ctx, String jobId, Supplier<Call<ResponseBody>> calls) {
    Attempt refused = precheck(ctx);
    if (refused != null) return CompletableFuture.completedFuture(refused);
    Call<ResponseBody> call;
    try {
      call = calls.get();
    } catch (RuntimeException e) {
      // resilience4j runs async attempts unguarded: an exception here would never complete.
      return CompletableFuture.completedFuture(callNotBuilt(e));
    }
    refused = armTimeout(ctx, call);
    if (refused != null) return CompletableFuture.completedFuture(refused);
    CompletableFuture<Attempt> future = new CompletableFuture<>();
    int n = ctx.begin(call);
    long start = System.nanoTime();
    call.enqueue(
        new Callback<ResponseBody>() {
          @Override
          public void onResponse(Call<ResponseBody> c, Response<ResponseBody> response) {
            try {
              future.complete(answered(ctx, jobId, response, n, start));
            } catch (IOException | RuntimeException e) {
              future.complete(failedAttempt(ctx, e, n, start));
            }
          }

          @Override
          public void onFailure(Call<ResponseBody> c, Throwable t) {
            future.complete(failedAttempt(ctx, t, n, start));
          }
        });
    return future;
  }

  /** An attempt that must not start: aborted by the caller, or no time left. */
  private static Attempt precheck(CallContext ctx) {
    if (ctx.aborted()) {
      return Attempt.failed(new IOException("aborted by the caller"), ErrorKind.NETWORK, false, 0, 0);
    }
    return ctx.remainingNanos() <= 0 ? deadlinePassed() : null;
  }

  /**
   * Gives the call the time left; building it (Retrofit parses a method on first use) may have used
   * the last of it, and a call with no time left must not be sent.
   */
  private static Attempt armTimeout(CallContext ctx, Call<ResponseBody> call) {
    long remaining = ctx.remainingNanos();
    if (remaining <= 0) return deadlinePassed();
    call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
    return null;
  }

  /** A vendor's call factory failed: no request was sent, and another try would fail alike. */
  private static Attempt callNotBuilt(RuntimeException e) {
    return Attempt.failed(e, ErrorKind.UNEXPECTED_RESPONSE, false, 0, 0);
  }

  private static Attempt deadlinePassed() {
    return Attempt.failed(
        new InterruptedIOException("deadline passed before the attempt"), ErrorKind.TIMEOUT, false, 0, 0);
  }

  private Attempt answered(
      CallContext ctx, String jobId, Response<ResponseBody> response, int n, long start)
      throws IOException {
    okhttp3.Response raw = response.raw();
    ResponseBody body = response.isSuccessful() ? response.body() : response.errorBody();
    BoundedBody.Text text = BoundedBody.read(body, ClientSettings.MAX_BODY_BYTES);
    // A vendor that echoes the key (a debug page, a reflected header) must not put it in a message.
    String bodyText = Redaction.scrub(text.text(), settings.apiKey());
    String requestId = firstHeader(raw.headers(), "X-Request-Id", "Request-Id", "X-Correlation-Id");
    Answer answer =
        new Answer(provider(), jobId, raw.code(), raw.headers(), bodyText, text.truncated(), requestId, n);
    answer = answer.withRequestId(vendor.requestId(answer));
    ctx.answered(raw.code(), answer.requestId());
    LOG.log(
        Level.DEBUG,
        () ->
            provider() + " " + raw.request().method() + " " + raw.request().url() + " -> "
                + raw.code() + " in " + elapsedMillis(start) + " ms (attempt " + n + "); request "
                + Redaction.headers(raw.request().headers()) + "; response "
                + Redaction.headers(raw.headers()));
    int code = raw.code();
    boolean transientFailure = code == 429 || (code >= 500 && code <= 599);
    long wait = backoff(n);
    // A 503 may carry Retry-After too (RFC 9110 §10.2.3); the vendor's own pace beats our guess.
    if (code == 429 || code == 503) {
      Duration retryAfter = RetryTiming.retryAfter(raw.headers(), java.time.Instant.now());
      if (retryAfter != null) {
        wait = Math.min(retryAfter.toMillis(), ClientSettings.MAX_RETRY_AFTER.toMillis());
      }
    }
    return Attempt.answered(answer, transientFailure, wait, ctx.remainingNanos());
  }

  private Attempt failedAttempt(CallContext ctx, Throwable e, int n, long start) {
    LOG.log(
        Level.DEBUG,
        () -> provider() + " attempt " + n + " failed after " + elapsedMillis(start) + " ms: " + e);
    if (ctx.aborted()) return Attempt.failed(e, ErrorKind.NETWORK, false, 0, 0);
    if (!(e instanceof IOException)) return Attempt.failed(e, ErrorKind.NETWORK, false, 0, 0);
    long remaining = ctx.remainingNanos();
    if (e instanceof InterruptedIOException) {
      // A socket or HTTP/2 stream read timeout (SocketTimeoutException) is worth retrying; the call
      // timeout, a plain InterruptedIOException, is the deadline: no time is left to retry.
      boolean deadline = remaining <= 0 || !(e instanceof SocketTimeoutException);
      return Attempt.failed(e, ErrorKind.TIMEOUT, !deadline, backoff(n), remaining);
    }
    return Attempt.failed(e, ErrorKind.NETWORK, true, backoff(n), remaining);
  }

  private long backoff(int failedAttempts) {
    return RetryTiming.backoffMillis(
        failedAttempts, settings.initialBackoff(), ThreadLocalRandom.current().nextDouble());
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String firstHeader(okhttp3.Headers headers, String... names) {
    for (String name : names) {
      String value = headers.get(name);
      if (value != null && !value.isBlank()) return value;
    }
    return null;
  }

  @Override
  public String toString() {
    String name = provider();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Canceller" + settings;
  }
}
