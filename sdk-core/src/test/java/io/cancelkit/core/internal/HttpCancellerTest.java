package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.internal.http.DatesKt;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpCancellerTest {
  static final String KEY = "sk_test_5ecret_K3y";

  MockWebServer server;
  String baseUrl;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    // A path prefix without a trailing slash: the engine must keep it.
    baseUrl = server.url("/prefix").toString();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  TestVendor.Builder builder() {
    return TestVendor.builder()
        .apiKey(KEY)
        .baseUrl(baseUrl)
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(2));
  }

  HttpCanceller canceller() {
    return builder().build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) throw new AssertionError("no request arrived");
    return request;
  }

  // ---- the vendor's own answers -----------------------------------------------------------------

  @Test
  void acceptedMapsToPendingAndSendsTheRequestUnderThePrefix() throws Exception {
    server.enqueue(json(202, "{}"));

    CancelOutcome outcome = canceller().cancel("job_1");

    CancelPending pending = assertInstanceOf(CancelPending.class, outcome);
    assertEquals("test", pending.provider());
    assertEquals("job_1", pending.jobId());
    assertEquals(202, pending.response().httpStatus());
    assertEquals(1, pending.response().attempts());
    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/prefix/v1/things/job_1/cancel", request.getPath());
    assertEquals("Bearer " + KEY, request.getHeader("Authorization"));
    assertEquals("cancelkit-java", request.getHeader("User-Agent"));
  }

  @Test
  void jobWithCancelledStatusMapsToCancelledWithSnapshot() {
    server.enqueue(
        json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\",\"stage\":\"s2\",\"updatedAt\":\"2026-01-27T15:30:28Z\",\"extra\":{\"n\":1}}"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller().cancel("job_1"));

    JobSnapshot job = cancelled.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("cancelled", job.providerStatus());
    assertEquals("s2", job.stage());
    assertEquals(Instant.parse("2026-01-27T15:30:28Z"), job.updatedAt());
    assertEquals(java.util.Map.of("n", 1.0), job.attributes().get("extra"));
  }

  @Test
  void unknownStatusWordIsUnknownNotAnException() {
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"paused_by_vendor\"}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"paused_by_vendor\"}"));
    HttpCanceller canceller = canceller();

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller.cancel("job_1"));
    assertEquals(JobState.UNKNOWN, pending.snapshot().orElseThrow().state());
    assertEquals(JobState.UNKNOWN, canceller.status("job_1").state());
  }

  // ---- the default mapping ----------------------------------------------------------------------

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "401, AUTHENTICATION",
    "403, PERMISSION",
    "400, INVALID_REQUEST",
    "422, INVALID_REQUEST",
    "409, UNEXPECTED_RESPONSE",
    "418, UNEXPECTED_RESPONSE",
    "410, UNEXPECTED_RESPONSE",
    "301, UNEXPECTED_RESPONSE",
  })
  void defaultMappingOfStatuses(int status, ErrorKind kind) throws Exception {
    server.enqueue(
        json(status, "{\"error\":{\"code\":\"C" + status + "\",\"message\":\"said " + status + "\",\"requestId\":\"req_9\"}}"));

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job_1"));

    assertEquals(kind, failed.error().kind());
    assertEquals(status, failed.error().httpStatus());
    assertEquals(status, failed.response().httpStatus());
    assertEquals("C" + status, failed.error().providerCode());
    assertEquals("req_9", failed.error().requestId());
    assertEquals("req_9", failed.response().requestId());
    assertEquals(1, failed.response().attempts(), "a 4xx or 3xx is never retried");
    assertEquals(1, server.getRequestCount());
    if (kind != ErrorKind.UNEXPECTED_RESPONSE) {
      assertTrue(failed.error().message().contains("said " + status), failed.error().message());
    } else {
      assertTrue(failed.error().message().contains("C" + status), "snippet of the body: " + failed.error().message());
    }
  }

  @Test
  void aCodeThatIsTheStatusIsSaidOnce() {
    server.enqueue(json(403, "{\"error\":\"403\",\"message\":\"Permission denied.\"}"));

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job_1"));

    assertEquals("HTTP 403: Permission denied.", failed.error().message());
    assertEquals("403", failed.error().providerCode());
  }

  @Test
  void notFoundIsAnOutcomeNotAFailure() {
    server.enqueue(json(404, "{\"error\":\"not found\"}"));

    NotFound notFound = assertInstanceOf(NotFound.class, canceller().cancel("job_1"));

    assertEquals(404, notFound.response().httpStatus());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html>Bad gateway</html>", "{\"status\": 7}", "{\"id\":\"x\"}", "{\"status\":\"cancelled\"", "null", ""})
  void garbage2xxIsUnexpectedResponseWithSnippetNeverSuccess(String body) {
    server.enqueue(json(200, body));

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job_1"));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals(200, failed.error().httpStatus());
    if (!body.isEmpty()) {
      String start = body.substring(0, Math.min(10, body.length()));
      assertTrue(failed.error().message().contains(start), failed.error().message());
    }
  }

  @Test
  void undocumented2xxIsUnexpectedResponse() {
    server.enqueue(json(204, ""));

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job_1"));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals(204, failed.response().httpStatus());
  }

  @Test
  void redirectIsNotFollowedEvenWithACallerClientThatFollows() throws Exception {
    MockWebServer elsewhere = new MockWebServer();
    elsewhere.start();
    try {
      server.enqueue(
          new MockResponse().setResponseCode(307).setHeader("Location", elsewhere.url("/steal")));
      OkHttpClient follows = new OkHttpClient.Builder().followRedirects(true).build();

      Failed failed =
          assertInstanceOf(Failed.class, builder().okHttpClient(follows).build().cancel("job_1"));

      assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
      assertEquals(307, failed.error().httpStatus());
      assertTrue(failed.error().message().contains("redirect not followed"));
      assertEquals(1, server.getRequestCount());
      assertEquals(0, elsewhere.getRequestCount(), "the key never travels to another host");
    } finally {
      elsewhere.shutdown();
    }
  }

  // ---- retries ------------------------------------------------------------------------------------

  @Test
  void retriesAfter429WithRetryAfterSeconds() throws Exception {
    server.enqueue(json(429, "{}").setHeader("Retry-After", "0"));
    server.enqueue(json(202, "{}"));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller().cancel("job_1"));

    assertEquals(2, pending.response().attempts());
    assertEquals(202, pending.response().httpStatus());
    String key1 = take().getHeader("Idempotency-Key");
    String key2 = take().getHeader("Idempotency-Key");
    assertEquals(key1, key2, "one idempotency key per logical cancel");
  }

  @Test
  void retriesAfter429WithRetryAfterAsHttpDate() {
    String past = DatesKt.toHttpDateString(new Date(System.currentTimeMillis() - 5_000));
    server.enqueue(json(429, "{}").setHeader("Retry-After", past));
    server.enqueue(json(202, "{}"));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller().cancel("job_1"));

    assertEquals(2, pending.response().attempts());
  }

  @Test
  void rateLimitedWhenAttemptsRunOutCarriesRetryAfter() {
    server.enqueue(json(429, "{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\"}").setHeader("Retry-After", "7"));

    Failed failed =
        assertInstanceOf(Failed.class, builder().maxAttempts(1).build().cancel("job_1"));

    assertEquals(ErrorKind.RATE_LIMITED, failed.error().kind());
    assertEquals("RATE_LIMITED", failed.error().providerCode());
    assertEquals(Duration.ofSeconds(7), failed.error().retryAfter().orElseThrow());
    assertEquals(1, failed.response().attempts());
  }

  @Test
  void rateLimitedRetryAfterAsDateIsReported() {
    String later = DatesKt.toHttpDateString(new Date(System.currentTimeMillis() + 120_000));
    server.enqueue(json(429, "{}").setHeader("Retry-After", later));

    Failed failed =
        assertInstanceOf(Failed.class, builder().maxAttempts(1).build().cancel("job_1"));

    Duration retryAfter = failed.error().retryAfter().orElseThrow();
    assertTrue(retryAfter.getSeconds() > 100 && retryAfter.getSeconds() <= 120, retryAfter.toString());
  }

  @Test
  void serverErrorThenSuccess() {
    server.enqueue(json(503, "{\"error\":{\"code\":\"KILL_SWITCH\"}}"));
    server.enqueue(json(202, "{}"));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller().cancel("job_1"));

    assertEquals(2, pending.response().attempts());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void serverErrorsUntilAttemptsRunOut() {
    for (int i = 0; i < 4; i++) server.enqueue(json(500, "{\"message\":\"boom " + i + "\"}"));

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job_1"));

    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertEquals(500, failed.error().httpStatus());
    assertTrue(failed.error().message().contains("boom 2"), failed.error().message());
    assertEquals(3, failed.response().attempts());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void maxAttemptsOneNeverRetries() {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(202, "{}"));

    Failed failed =
        assertInstanceOf(Failed.class, builder().maxAttempts(1).build().cancel("job_1"));

    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void disconnectBeforeTheAnswerIsRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(202, "{}"));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller().cancel("job_1"));

    assertEquals(2, pending.response().attempts());
    assertEquals(take().getHeader("Idempotency-Key"), take().getHeader("Idempotency-Key"));
  }

  @Test
  void disconnectMidBodyIsRetried() {
    server.enqueue(
        json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\",\"padding\":\"" + "x".repeat(64 * 1024) + "\"}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller().cancel("job_1"));

    assertEquals(2, cancelled.response().attempts());
  }

  @Test
  void networkFailureWhenEveryAttemptDisconnects() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job_1"));

    assertEquals(ErrorKind.NETWORK, failed.error().kind());
    assertEquals(0, failed.error().httpStatus());
    assertEquals(3, failed.response().attempts());
    assertTrue(failed.error().cause().isPresent());
  }

  @Test
  void deadlineCutsRetriesShortWhenRetryAfterIsLonger() {
    server.enqueue(json(429, "{}").setHeader("Retry-After", "30"));
    server.enqueue(json(202, "{}"));

    Failed failed =
        assertInstanceOf(
            Failed.class, builder().timeout(Duration.ofSeconds(2)).build().cancel("job_1"));

    assertEquals(ErrorKind.RATE_LIMITED, failed.error().kind());
    assertEquals(Duration.ofSeconds(30), failed.error().retryAfter().orElseThrow());
    assertEquals(1, failed.response().attempts());
    assertEquals(1, server.getRequestCount());
    assertTrue(failed.error().message().contains("deadline"), failed.error().message());
  }

  @Test
  void serviceUnavailableHonoursRetryAfterToo() {
    server.enqueue(json(503, "{}").setHeader("Retry-After", "30"));
    server.enqueue(json(202, "{}"));

    Failed failed =
        assertInstanceOf(
            Failed.class, builder().timeout(Duration.ofSeconds(2)).build().cancel("job_1"));

    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertEquals(1, server.getRequestCount(), "a 30 s Retry-After does not fit a 2 s deadline");
  }

  @Test
  void toStringNamesTheVendorAndSettings() {
    String text = canceller().toString();
    assertTrue(text.startsWith("TestCanceller{baseUrl=" + baseUrl + "/"), text);
  }

  @Test
  void aCallBuiltAfterTheDeadlineIsATimeoutAndIsNotSent() {
    ClientSettings settings = builder().timeout(Duration.ofMillis(20)).settingsForTest();
    TestVendor.Api api = HttpClients.retrofit(settings).create(TestVendor.Api.class);
    // A vendor whose call construction outlasts the deadline (Retrofit parses a method on first use).
    TestVendor slow =
        new TestVendor(api, KEY) {
          @Override
          protected retrofit2.Call<okhttp3.ResponseBody> cancelCall(String jobId, String key) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
            while (System.nanoTime() < until) Thread.onSpinWait();
            return super.cancelCall(jobId, key);
          }
        };
    HttpCanceller canceller = new HttpCanceller(settings, slow);

    Failed sync = assertInstanceOf(Failed.class, canceller.cancel("job_1"));
    Failed async = assertInstanceOf(Failed.class, canceller.cancelAsync("job_1").join());

    assertEquals(ErrorKind.TIMEOUT, sync.error().kind());
    assertEquals(ErrorKind.TIMEOUT, async.error().kind());
    assertEquals(0, sync.response().attempts());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void deadlineEndsASlowAttemptAsTimeoutWithoutRetry() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(json(202, "{}"));

    Failed failed =
        assertInstanceOf(
            Failed.class, builder().timeout(Duration.ofMillis(300)).build().cancel("job_1"));

    assertEquals(ErrorKind.TIMEOUT, failed.error().kind());
    assertEquals(1, failed.response().attempts());
  }

  // ---- the resolving GET ------------------------------------------------------------------------

  @ParameterizedTest(name = "GET says {0}")
  @CsvSource({"cancelled, Cancelled, CANCELLED", "done, AlreadyFinished, COMPLETED", "failed, AlreadyFinished, FAILED", "running, NotCancellable, RUNNING"})
  void ambiguousAnswerIsResolvedByOneGet(String word, String type, JobState state) throws Exception {
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\",\"message\":\"job is over\"}}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"" + word + "\",\"stage\":\"writing\"}"));

    CancelOutcome outcome = canceller().cancel("job_1");

    assertEquals(type, outcome.getClass().getSimpleName());
    assertEquals(2, outcome.response().attempts());
    assertEquals(200, outcome.response().httpStatus(), "the last answer is the GET's");
    if (outcome instanceof AlreadyFinished finished) {
      assertEquals(state, finished.finalState());
      assertEquals(word, finished.providerStatus());
    } else if (outcome instanceof NotCancellable refused) {
      assertEquals("writing", refused.stage());
      assertEquals("job is over", refused.reason());
    } else {
      assertEquals(state, ((Cancelled) outcome).snapshot().orElseThrow().state());
    }
    assertEquals("POST", take().getMethod());
    RecordedRequest get = take();
    assertEquals("GET", get.getMethod());
    assertEquals("/prefix/v1/things/job_1", get.getPath());
    assertEquals("Bearer " + KEY, get.getHeader("Authorization"));
  }

  @Test
  void failedResolvingGetLeavesTheCancelAnswersBestReading() {
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\"}}"));
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "{}"));

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancel("job_1"));

    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertEquals(409, finished.response().httpStatus());
    assertEquals(4, finished.response().attempts());
  }

  @Test
  void lostAnswerThenTerminalErrorResolvesToCancelled() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\"}}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller().cancel("job_1"));

    assertEquals(3, cancelled.response().attempts());
  }

  // ---- bounds and secrets -----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {200, 500})
  void twoMebibyteBodyIsReadNoFurtherThanTheBound(int status) {
    AtomicLong bodyBytes = new AtomicLong(-1);
    OkHttpClient counting =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void responseBodyEnd(Call call, long byteCount) {
                    bodyBytes.set(byteCount);
                  }
                })
            .build();
    Buffer huge = new Buffer().writeUtf8("{\"status\":\"cancelled\",\"pad\":\"");
    huge.writeUtf8("y".repeat(2 * 1024 * 1024)).writeUtf8("\"}");
    server.enqueue(new MockResponse().setResponseCode(status).setBody(huge));

    Failed failed =
        assertInstanceOf(
            Failed.class, builder().maxAttempts(1).okHttpClient(counting).build().cancel("job_1"));

    if (status == 200) {
      assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
      assertTrue(failed.error().message().contains("exceeds"), failed.error().message());
    } else {
      assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    }
    assertTrue(failed.error().message().length() < 600, "the message carries a snippet only");
    long limit = ClientSettings.MAX_BODY_BYTES;
    assertTrue(bodyBytes.get() > 0 && bodyBytes.get() <= limit + 64 * 1024, "read " + bodyBytes.get());
  }

  @Test
  void keyNeverAppearsInToStringOrMessages() {
    server.enqueue(json(401, "{\"message\":\"key " + KEY + " is revoked\"}"));
    server.enqueue(json(401, "{\"message\":\"key " + KEY + " is revoked\"}"));
    TestVendor.Builder builder = builder();
    HttpCanceller canceller = builder.build();

    Failed failed = assertInstanceOf(Failed.class, canceller.cancel("job_1"));
    JobCancelException thrown = assertThrows(JobCancelException.class, () -> canceller.status("job_1"));

    assertEquals(ErrorKind.AUTHENTICATION, failed.error().kind());
    assertEquals(ErrorKind.AUTHENTICATION, thrown.error().kind());
    for (String text :
        new String[] {
          builder.toString(),
          canceller.toString(),
          canceller.settings().toString(),
          failed.toString(),
          failed.error().message(),
          thrown.getMessage(),
          thrown.error().toString()
        }) {
      assertFalse(text.contains(KEY), text);
    }
    assertTrue(failed.error().message().contains("██"), failed.error().message());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "a/b", "/", ".", "..", "job\n1", "job\u00001", "\tjob"})
  void malformedIdsAreRefusedBeforeAnyRequest(String id) {
    HttpCanceller canceller = canceller();

    assertThrows(IllegalArgumentException.class, () -> canceller.cancel(id));
    assertThrows(IllegalArgumentException.class, () -> canceller.cancelAsync(id));
    assertThrows(IllegalArgumentException.class, () -> canceller.status(id));
    assertThrows(
        IllegalArgumentException.class, () -> canceller.cancelAndAwait(id, Duration.ofSeconds(1)));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void idsAreEncodedAsOnePathSegment() throws Exception {
    server.enqueue(json(202, "{}"));

    canceller().cancel("a b?c#d%");

    assertEquals("/prefix/v1/things/a%20b%3Fc%23d%25/cancel", take().getPath());
  }

  // ---- async --------------------------------------------------------------------------------------

  @Test
  void asyncCancelRetriesAndCompletes() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    CancelOutcome outcome = canceller().cancelAsync("job_1").get(5, TimeUnit.SECONDS);

    Cancelled cancelled = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(2, cancelled.response().attempts());
  }

  @Test
  void asyncResolvesAmbiguousAnswers() throws Exception {
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\"}}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"done\"}"));

    CancelOutcome outcome = canceller().cancelAsync("job_1").get(5, TimeUnit.SECONDS);

    assertEquals(JobState.COMPLETED, assertInstanceOf(AlreadyFinished.class, outcome).finalState());
  }

  @Test
  void asyncFailuresAreOutcomesNotExceptions() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }

    CancelOutcome outcome = canceller().cancelAsync("job_1").get(5, TimeUnit.SECONDS);

    assertEquals(ErrorKind.NETWORK, assertInstanceOf(Failed.class, outcome).error().kind());
    assertEquals(3, outcome.response().attempts());
  }

  @Test
  void cancellingTheFutureAbortsTheCallInFlight() throws Exception {
    CountDownLatch canceled = new CountDownLatch(1);
    OkHttpClient listening =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void canceled(Call call) {
                    canceled.countDown();
                  }
                })
            .build();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    HttpCanceller canceller = builder().okHttpClient(listening).build();

    CompletableFuture<CancelOutcome> future = canceller.cancelAsync("job_1");
    take();
    assertTrue(future.cancel(true));

    assertTrue(canceled.await(5, TimeUnit.SECONDS), "the HTTP call was cancelled");
    assertThrows(CancellationException.class, future::join);
    assertEquals(1, server.getRequestCount(), "no retry after a local abort");
  }

  // ---- status and await ---------------------------------------------------------------------------

  @Test
  void statusReadsTheJob() throws Exception {
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"running\",\"stage\":\"render\"}"));

    JobSnapshot job = canceller().status("job_1");

    assertEquals(JobState.RUNNING, job.state());
    assertEquals("render", job.stage());
    RecordedRequest get = take();
    assertEquals("GET", get.getMethod());
    assertEquals("/prefix/v1/things/job_1", get.getPath());
    assertNull(get.getHeader("If-None-Match"));
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({"404, NOT_FOUND", "401, AUTHENTICATION", "403, PERMISSION", "500, PROVIDER_ERROR", "200, UNEXPECTED_RESPONSE"})
  void statusFailuresThrowWithTheirKind(int status, ErrorKind kind) {
    for (int i = 0; i < 3; i++) server.enqueue(json(status, "not json"));

    JobCancelException thrown =
        assertThrows(JobCancelException.class, () -> canceller().status("job_1"));

    assertEquals(kind, thrown.error().kind());
    assertEquals(status, thrown.error().httpStatus());
  }

  @Test
  void awaitReturnsCancelledWhenTheJobFlips() throws Exception {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"running\"}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    CancelOutcome outcome = canceller().cancelAndAwait("job_1", Duration.ofSeconds(10));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, cancelled.snapshot().orElseThrow().state());
    assertEquals(3, cancelled.response().attempts());
    assertEquals(200, cancelled.response().httpStatus());
  }

  @Test
  void requestIdsComeFromHeadersElseFromTheBodyOnEveryAnswer() {
    server.enqueue(json(202, "{\"requestId\":\"req_body\"}").setHeader("X-Request-Id", "req_header"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\",\"correlation_id\":\"corr_7\"}"));

    CancelOutcome outcome = canceller().cancelAndAwait("job_1", Duration.ofSeconds(10));

    assertEquals("corr_7", assertInstanceOf(Cancelled.class, outcome).response().requestId());
    server.enqueue(json(202, "{\"requestId\":\"req_body\"}").setHeader("X-Request-Id", "req_header"));
    assertEquals("req_header", canceller().cancel("job_1").response().requestId());
  }

  @Test
  void awaitReturnsAlreadyFinishedWhenTheJobEndsOtherwise() {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"done\"}"));

    AlreadyFinished finished =
        assertInstanceOf(
            AlreadyFinished.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(10)));

    assertEquals(JobState.COMPLETED, finished.finalState());
    assertEquals("done", finished.providerStatus());
  }

  @Test
  void awaitReturnsPendingAtTheDeadline() {
    server.enqueue(json(202, "{}"));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return request.getMethod().equals("POST")
                ? json(202, "{}")
                : json(200, "{\"id\":\"job_1\",\"status\":\"running\"}");
          }
        });

    CancelPending pending =
        assertInstanceOf(
            CancelPending.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(1)));

    assertEquals(JobState.RUNNING, pending.snapshot().orElseThrow().state());
    assertTrue(pending.response().attempts() >= 2, "polled at least once");
    assertEquals(pending.response().attempts(), server.getRequestCount());
  }

  @Test
  void awaitReturnsTheCancelsOwnOutcomeStraightAway() {
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(10)));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void awaitSurvivesATransientPollFailure() {
    server.enqueue(json(202, "{}"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled =
        assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(10)));

    assertEquals(5, cancelled.response().attempts());
  }

  @Test
  void awaitStopsPollingWhenTheVendorAsksForQuietPastTheDeadline() {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(429, "{}").setHeader("Retry-After", "30"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    CancelPending pending =
        assertInstanceOf(
            CancelPending.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(2)));

    assertEquals(2, server.getRequestCount(), "no poll inside the rate-limit window");
    assertEquals(2, pending.response().attempts());
    assertEquals(429, pending.response().httpStatus());
  }

  @Test
  void awaitWaitsOutAShortRetryAfterBetweenPolls() {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(429, "{}").setHeader("Retry-After", "0"));
    server.enqueue(json(429, "{}").setHeader("Retry-After", "0"));
    server.enqueue(json(429, "{}").setHeader("Retry-After", "0"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled =
        assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(10)));

    assertEquals(5, cancelled.response().attempts());
  }

  @Test
  void awaitStopsPollingWhenPollsCannotSucceed() {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(401, "{}"));

    CancelPending pending =
        assertInstanceOf(
            CancelPending.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(10)));

    assertEquals(2, pending.response().attempts());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void pollingSendsIfNoneMatchAndReusesTheSnapshotOn304() throws Exception {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"running\",\"stage\":\"a\"}").setHeader("ETag", "\"v1\""));
    server.enqueue(new MockResponse().setResponseCode(304).setHeader("ETag", "\"v1\""));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}").setHeader("ETag", "\"v2\""));

    Cancelled cancelled =
        assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", Duration.ofSeconds(10)));

    assertEquals(4, cancelled.response().attempts());
    take();
    assertNull(take().getHeader("If-None-Match"));
    assertEquals("\"v1\"", take().getHeader("If-None-Match"));
    assertEquals("\"v1\"", take().getHeader("If-None-Match"));
  }

  @Test
  void awaitRefusesANonPositiveTimeout() {
    HttpCanceller canceller = canceller();
    assertThrows(IllegalArgumentException.class, () -> canceller.cancelAndAwait("job_1", Duration.ZERO));
    assertThrows(NullPointerException.class, () -> canceller.cancelAndAwait("job_1", null));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void separateCancelsUseSeparateIdempotencyKeys() throws Exception {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(202, "{}"));
    HttpCanceller canceller = canceller();

    canceller.cancel("job_1");
    canceller.cancel("job_1");

    assertNotEquals(take().getHeader("Idempotency-Key"), take().getHeader("Idempotency-Key"));
  }

  // ---- found in review ----------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HTTP_1_1", "H2_PRIOR_KNOWLEDGE"})
  void aReadTimeoutIsRetriedOverHttp1AndHttp2(String protocol) {
    // OkHttp negotiates HTTP/2 with https vendors; its stream timeouts also read just "timeout".
    List<Protocol> protocols =
        protocol.equals("HTTP_1_1")
            ? List.of(Protocol.HTTP_1_1)
            : List.of(Protocol.H2_PRIOR_KNOWLEDGE);
    server.setProtocols(protocols);
    server.enqueue(json(202, "{}").setHeadersDelay(1500, TimeUnit.MILLISECONDS));
    server.enqueue(json(202, "{}"));
    OkHttpClient shortRead =
        new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).protocols(protocols).build();

    CancelOutcome outcome =
        builder().timeout(Duration.ofSeconds(10)).okHttpClient(shortRead).build().cancel("job_1");

    assertInstanceOf(CancelPending.class, outcome, outcome.toString());
    assertEquals(2, outcome.response().attempts());
  }

  @Test
  void aKeyEchoedInAnyBodyNeverReachesAMessage() {
    String echo = "<html>debug: Authorization: Bearer " + KEY + "</html>";
    server.enqueue(json(200, echo));
    server.enqueue(json(200, echo));
    HttpCanceller canceller = canceller();

    JobCancelException thrown = assertThrows(JobCancelException.class, () -> canceller.status("job_1"));
    CancelOutcome outcome = canceller.cancel("job_1");

    assertFalse(thrown.getMessage().contains(KEY), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("Bearer ██"), thrown.getMessage());
    assertFalse(outcome.toString().contains(KEY), outcome.toString());
  }

  @Test
  void asyncDeadlineHoldsWhileTheCallWaitsInOkHttpsQueue() throws Exception {
    okhttp3.Dispatcher oneAtATime = new okhttp3.Dispatcher();
    oneAtATime.setMaxRequestsPerHost(1);
    OkHttpClient client = new OkHttpClient.Builder().dispatcher(oneAtATime).build();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    HttpCanceller slow = builder().timeout(Duration.ofSeconds(20)).okHttpClient(client).build();
    HttpCanceller quick = builder().timeout(Duration.ofMillis(300)).okHttpClient(client).build();
    CompletableFuture<CancelOutcome> first = slow.cancelAsync("job_1");
    take(); // the first call now holds the only slot for this host

    CancelOutcome outcome = quick.cancelAsync("job_2").get(5, TimeUnit.SECONDS);

    Failed failed = assertInstanceOf(Failed.class, outcome);
    assertEquals(ErrorKind.TIMEOUT, failed.error().kind());
    assertEquals(1, server.getRequestCount(), "the queued call was never sent");
    first.cancel(true);
  }

  @Test
  void asyncCompletesWhenACallFactoryThrowsOnARetry() throws Exception {
    server.enqueue(json(503, "{}"));
    ClientSettings settings = builder().settingsForTest();
    TestVendor.Api api = HttpClients.retrofit(settings).create(TestVendor.Api.class);
    java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
    TestVendor flaky =
        new TestVendor(api, KEY) {
          @Override
          protected retrofit2.Call<okhttp3.ResponseBody> cancelCall(String jobId, String key) {
            if (built.incrementAndGet() > 1) throw new IllegalStateException("factory failed");
            return super.cancelCall(jobId, key);
          }
        };
    HttpCanceller canceller = new HttpCanceller(settings, flaky);

    CancelOutcome async = canceller.cancelAsync("job_1").get(5, TimeUnit.SECONDS);
    built.set(1);
    CancelOutcome sync = canceller.cancel("job_1");

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, assertInstanceOf(Failed.class, async).error().kind());
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, assertInstanceOf(Failed.class, sync).error().kind());
  }
}
