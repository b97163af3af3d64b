package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Streaming;

/** The engine's {@link CancelListener} events: which, in what order, with what, on which calls. */
class ListenerTest extends ServerFixture {
  /** Every event as one line, and every value the events carried. */
  static final class Recorder implements CancelListener {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<Object> values = Collections.synchronizedList(new ArrayList<>());
    final Set<Call> calls = Collections.newSetFromMap(new ConcurrentHashMap<>());
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final List<Duration> retryWaits = Collections.synchronizedList(new ArrayList<>());
    volatile CancelOutcome outcome;
    volatile JobSnapshot statusSnapshot;
    volatile CancelError statusError;

    private void add(Call call, String line, Object... carried) {
      calls.add(call);
      threads.add(Thread.currentThread().getName());
      values.add(call);
      values.addAll(Arrays.asList(carried));
      lines.add(line);
    }

    @Override
    public void callStart(Call call) {
      add(call, "callStart " + call.operation() + " " + call.provider() + " " + call.jobId());
    }

    @Override
    public void callEnd(Call call, CancelOutcome outcome) {
      this.outcome = outcome;
      add(call, "callEnd " + outcome.getClass().getSimpleName() + " " + outcome.response().attempts(), outcome);
    }

    @Override
    public void statusEnd(Call call, JobSnapshot snapshot, CancelError error) {
      statusSnapshot = snapshot;
      statusError = error;
      String what = snapshot != null ? snapshot.providerStatus() : "error " + error.kind();
      add(call, "statusEnd " + what, snapshot, error);
    }

    @Override
    public void attemptStart(Call call, String method, String url, int attempt) {
      add(call, "attemptStart " + attempt + " " + method + " " + url, method, url);
    }

    @Override
    public void attemptEnd(
        Call call, String method, String url, int attempt, int status, Duration duration, ErrorKind errorKind) {
      if (duration.isNegative()) throw new AssertionError("negative duration " + duration);
      add(call, "attemptEnd " + attempt + " " + method + " " + status + " " + errorKind, method, url, duration);
    }

    @Override
    public void retry(Call call, Duration wait, String reason) {
      retryWaits.add(wait);
      add(call, "retry " + wait + " " + reason, wait, reason);
    }

    @Override
    public void settleStart(Call call) {
      add(call, "settleStart");
    }

    @Override
    public void settleEnd(Call call, JobSnapshot snapshot) {
      add(call, "settleEnd " + (snapshot != null ? snapshot.providerStatus() : null), snapshot);
    }

    @Override
    public void pollStart(Call call, int poll, Duration delay) {
      add(call, "pollStart " + poll + " " + delay, delay);
    }

    @Override
    public void pollEnd(Call call, int poll, JobSnapshot snapshot, CancelError error) {
      String what = snapshot != null ? snapshot.providerStatus() : "error " + error.kind();
      add(call, "pollEnd " + poll + " " + what, snapshot, error);
    }

    @Override
    public void laneWait(Call call, Duration wait) {
      add(call, "laneWait " + wait, wait);
    }

    @Override
    public void lanePaused(Call call, Duration pause) {
      add(call, "lanePaused " + pause, pause);
    }
  }

  private final Recorder recorder = new Recorder();

  private Engine listened() {
    return builder().listener(recorder).build(clock);
  }

  /** The URL of {@code path} under the test server's prefix, as events name it. */
  private String url(String path) {
    return server.url("/prefix/" + path).toString();
  }

  private String cancelUrl(String jobId) {
    return url("v1/things/" + jobId + "/cancel");
  }

  private String jobUrl(String jobId) {
    return url("v1/things/" + jobId);
  }

  private static MockResponse job(String status) {
    return json(200, "{\"id\":\"j1\",\"status\":\"" + status + "\"}");
  }

  // ---- the shapes of calls ----------------------------------------------------------------------

  @Test
  void anAcceptedCancelIsOneAttemptAndEndsWithTheOutcomeReturned() {
    server.enqueue(json(202, "{}"));

    CancelOutcome outcome = listened().cancel("j1");

    assertEquals(
        List.of(
            "callStart CANCEL test j1",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST 202 null",
            "callEnd CancelPending 1"),
        recorder.lines);
    assertSame(outcome, recorder.outcome, "the very outcome the caller got");
    assertEquals(1, recorder.calls.size(), "one Call for all of a call's events");
  }

  /** A first answer that is retried, by name: {@code 503}, {@code 429}, with {@code +RA} for Retry-After 1. */
  private static MockResponse retried(String first) {
    if (first.equals("reset")) return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    MockResponse answer = json(Integer.parseInt(first.replace("+RA", "")), "{}");
    return first.endsWith("+RA") ? answer.setHeader("Retry-After", "1") : answer;
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource({
    // The backoff: 1 ms initial, full jitter at the virtual clock's fixed 0.5.
    "503,    503 PROVIDER_ERROR, retry PT0.001S 5xx",
    "503+RA, 503 PROVIDER_ERROR, retry PT1S 5xx Retry-After",
    "429+RA, 429 RATE_LIMITED,   retry PT1S 429 Retry-After",
    "429,    429 RATE_LIMITED,   retry PT0.001S 429",
    "reset,  0 NETWORK,          retry PT0.001S io",
  })
  void aRetryIsHeardWithItsWaitAndReason(String first, String firstEnd, String retry) {
    server.enqueue(retried(first));
    server.enqueue(json(202, "{}"));

    listened().cancel("j1");

    assertEquals(
        List.of(
            "callStart CANCEL test j1",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST " + firstEnd,
            retry,
            "attemptStart 2 POST " + cancelUrl("j1"),
            "attemptEnd 2 POST 202 null",
            "callEnd CancelPending 2"),
        recorder.lines);
    assertEquals(recorder.retryWaits, clock.waits(), "the wait heard is the wait spent");
  }

  @Test
  void aSettlingGetIsHeardBetweenItsStartAndEnd() {
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\"}}"));
    server.enqueue(job("done"));

    CancelOutcome outcome = listened().cancel("j1");

    assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(
        List.of(
            "callStart CANCEL test j1",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST 409 null",
            "settleStart",
            "attemptStart 2 GET " + jobUrl("j1"),
            "attemptEnd 2 GET 200 null",
            "settleEnd done",
            "callEnd AlreadyFinished 2"),
        recorder.lines);
  }

  @Test
  void anAwaitHearsEachPollWithItsDelay() {
    server.enqueue(json(202, "{}"));
    server.enqueue(job("running"));
    server.enqueue(job("cancelled"));

    CancelOutcome outcome = listened().cancelAndAwait("j1", Duration.ofMinutes(1));

    assertInstanceOf(Cancelled.class, outcome);
    // The poll delays: 2 ms, then 2.6 ms rounded to whole milliseconds, ±10 % jitter at 0.5.
    assertEquals(List.of(Duration.ofMillis(2), Duration.ofMillis(2)), clock.waits());
    assertEquals(
        List.of(
            "callStart AWAIT test j1",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST 202 null",
            "pollStart 1 PT0.002S",
            "attemptStart 2 GET " + jobUrl("j1"),
            "attemptEnd 2 GET 200 null",
            "pollEnd 1 running",
            "pollStart 2 PT0.002S",
            "attemptStart 3 GET " + jobUrl("j1"),
            "attemptEnd 3 GET 200 null",
            "pollEnd 2 cancelled",
            "callEnd Cancelled 3"),
        recorder.lines);
    assertSame(outcome, recorder.outcome);
  }

  @Test
  void aStatusEndsWithTheSnapshotReturnedOrTheErrorThrown() {
    server.enqueue(job("running"));
    server.enqueue(json(404, "{}"));
    Engine canceller = listened();

    JobSnapshot job = canceller.status("j1");
    assertSame(job, recorder.statusSnapshot, "the very snapshot returned");
    JobCancelException thrown = assertThrows(JobCancelException.class, () -> canceller.status("j2"));
    assertSame(thrown.error(), recorder.statusError, "the very error thrown");

    assertEquals(
        List.of(
            "callStart STATUS test j1",
            "attemptStart 1 GET " + jobUrl("j1"),
            "attemptEnd 1 GET 200 null",
            "statusEnd running",
            "callStart STATUS test j2",
            "attemptStart 1 GET " + jobUrl("j2"),
            "attemptEnd 1 GET 404 null",
            "statusEnd error NOT_FOUND"),
        recorder.lines);
    assertEquals(2, recorder.calls.size(), "two calls of the same canceller are two Calls");
  }

  // ---- async ------------------------------------------------------------------------------------

  @Test
  void asyncEventsAreTheSyncSequenceAndEndBeforeTheFutureCompletes() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(202, "{}"));
    listened().cancel("j1");
    List<String> sync = List.copyOf(recorder.lines);
    recorder.lines.clear();
    CountDownLatch answers = holdAnswers();
    server.enqueue(json(503, "{}"));
    server.enqueue(json(202, "{}"));

    CompletableFuture<CancelOutcome> future = listened().cancelAsync("j1");
    // Attached before the future can complete: what the listener had heard by then.
    CompletableFuture<List<String>> heardBefore = future.thenApply(o -> List.copyOf(recorder.lines));
    answers.countDown();
    CancelOutcome outcome = future.get(5, TimeUnit.SECONDS);

    assertEquals(sync, heardBefore.get(5, TimeUnit.SECONDS), "every event, callEnd last, before completion");
    assertSame(outcome, recorder.outcome);
    assertTrue(recorder.threads.size() >= 2, "one sequence across threads: " + recorder.threads);
  }

  /**
   * A client that opens {@code idle} once its calls are all done: after an aborted call's callback
   * has returned, so every step of the engine is done.
   */
  private static OkHttpClient signallingIdle(CountDownLatch idle) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setIdleCallback(idle::countDown);
    return new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }

  @Test
  void anAsyncDeadlineEndsTheAttemptInFlightAndNothingIsHeardAfterTheCallEnds() throws Exception {
    CountDownLatch idle = new CountDownLatch(1);
    OkHttpClient client = signallingIdle(idle);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    Engine canceller =
        builder().listener(recorder).okHttpClient(client).timeout(Duration.ofSeconds(10)).build(clock);

    CompletableFuture<CancelOutcome> future = canceller.cancelAsync("j1");
    take();
    clock.advance(Duration.ofSeconds(10));
    Failed failed = assertInstanceOf(Failed.class, future.get(5, TimeUnit.SECONDS));
    assertTrue(idle.await(5, TimeUnit.SECONDS), "the aborted attempt ended");

    assertEquals(ErrorKind.TIMEOUT, failed.error().kind());
    assertEquals(
        List.of(
            "callStart CANCEL test j1",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST 0 TIMEOUT",
            "callEnd Failed 1"),
        recorder.lines,
        "the attempt's own failure, after the call ended, is not heard");
  }

  @Test
  void aFutureCancelledByItsCallerEndsAsAbortedLocally() throws Exception {
    CountDownLatch idle = new CountDownLatch(1);
    OkHttpClient client = signallingIdle(idle);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    Engine canceller = builder().listener(recorder).okHttpClient(client).build(clock);

    CompletableFuture<CancelOutcome> future = canceller.cancelAsync("j1");
    take();
    assertTrue(future.cancel(true));
    assertTrue(idle.await(5, TimeUnit.SECONDS), "the aborted attempt ended");

    assertEquals(
        List.of(
            "callStart CANCEL test j1",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST 0 NETWORK",
            "callEnd Failed 1"),
        recorder.lines);
    Failed aborted = assertInstanceOf(Failed.class, recorder.outcome);
    assertEquals(ErrorKind.NETWORK, aborted.error().kind());
    assertTrue(aborted.error().message().contains("aborted by the caller"), aborted.error().message());
  }

  // ---- a listener that throws, secrets, cost ----------------------------------------------------

  /** Throws from every event, and counts them. */
  static final class Throwing implements CancelListener {
    final AtomicInteger heard = new AtomicInteger();

    private void fail() {
      heard.incrementAndGet();
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void callStart(Call call) {
      fail();
    }

    @Override
    public void callEnd(Call call, CancelOutcome outcome) {
      fail();
    }

    @Override
    public void attemptStart(Call call, String method, String url, int attempt) {
      fail();
    }

    @Override
    public void attemptEnd(
        Call call, String method, String url, int attempt, int status, Duration duration, ErrorKind errorKind) {
      fail();
    }

    @Override
    public void retry(Call call, Duration wait, String reason) {
      fail();
    }
  }

  @Test
  void aListenerThatThrowsIsLoggedOnceAndChangesNoOutcome() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(json(503, "{}"));
      server.enqueue(json(202, "{}"));
    }
    Throwing throwing = new Throwing();
    Engine canceller = builder().listener(throwing).build(clock);
    String log;
    CancelOutcome sync;
    CancelOutcome async;
    try (LogCapture capture = new LogCapture()) {
      sync = canceller.cancel("j1");
      async = canceller.cancelAsync("j2").get(5, TimeUnit.SECONDS);
      log = capture.text();
    }

    for (CancelOutcome outcome : List.of(sync, async)) {
      assertEquals(2, assertInstanceOf(CancelPending.class, outcome).response().attempts(), "as with no listener");
    }
    // callStart, two attempts' starts and ends, a retry, callEnd: seven a call, each one attempted.
    assertEquals(14, throwing.heard.get());
    long warnings = log.lines().filter(l -> l.contains("CancelListener")).count();
    assertEquals(1, warnings, log);
    assertTrue(log.contains(Throwing.class.getName() + " threw in callStart"), log);
  }

  /** The test vendor's endpoints with the key in a query parameter, as some APIs take it. */
  interface QueryApi {
    @Streaming
    @POST("v1/things/{id}/cancel")
    Call<ResponseBody> cancel(@Path("id") String id, @Query("token") String token);

    @Streaming
    @GET("v1/things/{id}")
    Call<ResponseBody> get(@Path("id") String id, @Query("token") String token);
  }

  @Test
  void noEventCarriesTheKeyWhereverTheVendorEchoesIt() throws Exception {
    server.enqueue(
        json(401, "{\"error\":{\"code\":\"" + KEY + "\",\"message\":\"bad key " + KEY + "\",\"requestId\":\"" + KEY + "\"}}")
            .setHeader("X-Echo", KEY));
    server.enqueue(json(200, "{\"id\":\"j1\",\"status\":\"running\",\"stage\":\"" + KEY + "\",\"note\":\"" + KEY + "\"}"));
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\",\"message\":\"" + KEY + "\"}}"));
    server.enqueue(json(200, "{\"id\":\"j1\",\"status\":\"done\",\"note\":\"" + KEY + "\"}"));
    ClientSettings settings = builder().listener(recorder).settings(clock);
    QueryApi api = HttpClients.retrofit(settings, Auth.bearer()).create(QueryApi.class);
    Engine canceller =
        new Engine(
            settings,
            new TestVendor.Mapper(TestVendor.PROVIDER),
            VendorCalls.of((id, idempotencyKey) -> api.cancel(id, KEY), (id, etag) -> api.get(id, KEY)));

    canceller.cancel("j1");
    canceller.status("j1");
    canceller.cancel("j1");

    assertTrue(take().getPath().contains("token=" + KEY), "the key went in the query: the test can fail");
    assertTrue(recorder.lines.contains("attemptStart 1 POST " + cancelUrl("j1")), "URLs without their query: " + recorder.lines);
    for (Object value : recorder.values) {
      assertFalse(String.valueOf(value).contains(KEY), "an event carried the key: " + value);
    }
    for (String line : recorder.lines) assertFalse(line.contains(KEY), line);
  }

  @Test
  void withoutAListenerNoCallIsMade() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(json(202, "{}"));
      server.enqueue(job("running"));
      server.enqueue(json(202, "{}"));
      server.enqueue(job("cancelled"));
    }
    long before = CallEvents.CALLS_MADE.get();

    Engine none = canceller(); // CancelListener.NONE, the default
    none.cancel("j1");
    none.status("j1");
    none.cancelAsync("j1").get(5, TimeUnit.SECONDS);
    none.cancelAndAwait("j1", Duration.ofMinutes(1));
    long afterNone = CallEvents.CALLS_MADE.get();
    Engine some = listened();
    some.cancel("j1");
    some.status("j1");
    some.cancelAsync("j1").get(5, TimeUnit.SECONDS);
    some.cancelAndAwait("j1", Duration.ofMinutes(1));

    assertEquals(before, afterNone, "NONE made a Call");
    assertEquals(afterNone + 4, CallEvents.CALLS_MADE.get(), "a listener: one Call a call, so the count can fail");
  }

  // ---- lanes ------------------------------------------------------------------------------------

  @Test
  void aLanesWaitsAndA429sPauseAreHeard() {
    server.enqueue(json(429, "{}").setHeader("Retry-After", "1"));
    server.enqueue(json(202, "{}"));
    Engine once = builder().listener(recorder).maxAttempts(1).build(clock);
    Gate.Scope scope = Gate.of("test", List.of(), clock).enter();
    try {
      once.cancel("j1");
      once.cancel("j2");
    } finally {
      scope.close();
    }

    assertEquals(
        List.of(
            "callStart CANCEL test j1",
            "laneWait PT0S",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST 429 RATE_LIMITED",
            "lanePaused PT1S",
            "callEnd Failed 1",
            "callStart CANCEL test j2",
            // Held by the pause, which takes no permit; then the permit, at once.
            "laneWait PT1S",
            "laneWait PT0S",
            "attemptStart 1 POST " + cancelUrl("j2"),
            "attemptEnd 1 POST 202 null",
            "callEnd CancelPending 1"),
        recorder.lines);
  }

  @Test
  void outsideALaneNoLaneEventIsHeard() {
    server.enqueue(json(429, "{}").setHeader("Retry-After", "1"));

    builder().listener(recorder).maxAttempts(1).build(clock).cancel("j1");

    assertEquals(
        List.of(
            "callStart CANCEL test j1",
            "attemptStart 1 POST " + cancelUrl("j1"),
            "attemptEnd 1 POST 429 RATE_LIMITED",
            "callEnd Failed 1"),
        recorder.lines);
  }
}
