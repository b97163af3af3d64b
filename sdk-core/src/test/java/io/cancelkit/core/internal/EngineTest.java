package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.internal.http.DatesKt;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine end to end on a MockWebServer: mapping, retries, deadlines, settling, bounds, ids. */
class EngineTest extends ServerFixture {
  static final String DEADLINE_NOTE =
      " (retries stopped: the next attempt would start after the deadline)";

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
    assertEquals(Map.of("n", 1.0), job.attributes().get("extra"));
  }

  @Test
  void unknownStatusWordInACancelAnswerIsFailedNeverSuccessWhileStatusReadsItAsUnknown() {
    // Issue 9 changed this on purpose: it was CancelPending, a success the answer never proved.
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"paused_by_vendor\"}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"paused_by_vendor\"}"));
    Engine canceller = canceller();

    Failed failed = assertInstanceOf(Failed.class, canceller.cancel("job_1"));
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertTrue(failed.error().message().contains("\"paused_by_vendor\""), failed.error().message());
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
  void defaultMappingOfStatuses(int status, ErrorKind kind) {
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
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start();
      server.enqueue(
          new MockResponse().setResponseCode(307).setHeader("Location", elsewhere.url("/steal")));
      OkHttpClient follows = new OkHttpClient.Builder().followRedirects(true).build();

      Failed failed =
          assertInstanceOf(Failed.class, builder().okHttpClient(follows).build(clock).cancel("job_1"));

      assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
      assertEquals(307, failed.error().httpStatus());
      assertTrue(failed.error().message().contains("redirect not followed"));
      assertEquals(1, server.getRequestCount());
      assertEquals(0, elsewhere.getRequestCount(), "the key never travels to another host");
    }
  }

  // ---- retries, on virtual time -----------------------------------------------------------------

  @Test
  void retriesAfter429WaitingRetryAfterSecondsWithOneIdempotencyKey() throws Exception {
    server.enqueue(json(429, "{}").setHeader("Retry-After", "3"));
    server.enqueue(json(202, "{}"));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller().cancel("job_1"));

    assertEquals(2, pending.response().attempts());
    assertEquals(202, pending.response().httpStatus());
    assertEquals(List.of(Duration.ofSeconds(3)), clock.waits());
    String key1 = take().getHeader("Idempotency-Key");
    String key2 = take().getHeader("Idempotency-Key");
    assertEquals(key1, key2, "one idempotency key per logical cancel");
  }

  @Test
  void retriesAfter429WaitingUntilARetryAfterHttpDate() {
    // The date is read against the engine's clock, so the wait is exact on virtual time.
    String in5s = DatesKt.toHttpDateString(Date.from(clock.now().plusSeconds(5)));
    server.enqueue(json(429, "{}").setHeader("Retry-After", in5s));
    server.enqueue(json(202, "{}"));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller().cancel("job_1"));

    assertEquals(2, pending.response().attempts());
    assertEquals(List.of(Duration.ofSeconds(5)), clock.waits());
  }

  @Test
  void aRetryAfterDateInThePastRetriesAtOnce() {
    String past = DatesKt.toHttpDateString(Date.from(clock.now().minusSeconds(5)));
    server.enqueue(json(429, "{}").setHeader("Retry-After", past));
    server.enqueue(json(202, "{}"));

    assertEquals(2, canceller().cancel("job_1").response().attempts());
    assertEquals(List.of(Duration.ZERO), clock.waits());
  }

  @Test
  void aRetryAfterLongerThanAMinuteIsCappedAtOne() {
    server.enqueue(json(429, "{}").setHeader("Retry-After", "3600"));
    server.enqueue(json(202, "{}"));

    assertInstanceOf(
        CancelPending.class, builder().timeout(Duration.ofMinutes(5)).build(clock).cancel("job_1"));
    assertEquals(List.of(ClientSettings.MAX_RETRY_AFTER), clock.waits());
  }

  @Test
  void rateLimitedWhenAttemptsRunOutCarriesRetryAfterAndSaysRetriesWereOff() {
    server.enqueue(json(429, "{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\"}").setHeader("Retry-After", "7"));

    Failed failed =
        assertInstanceOf(Failed.class, builder().maxAttempts(1).build(clock).cancel("job_1"));

    assertEquals(ErrorKind.RATE_LIMITED, failed.error().kind());
    assertEquals("RATE_LIMITED", failed.error().providerCode());
    assertEquals(Duration.ofSeconds(7), failed.error().retryAfter().orElseThrow());
    assertEquals(1, failed.response().attempts());
    assertEquals("HTTP 429 RATE_LIMITED: slow down (not retried: maxAttempts is 1)", failed.error().message());
  }

  @Test
  void maxAttemptsOneSaysSoEvenWhenRetryAfterPassesTheDeadline() {
    // The old engine blamed the deadline here, although no retry was ever due (issue 9, defect 5).
    server.enqueue(json(429, "{}").setHeader("Retry-After", "60"));

    Failed failed =
        assertInstanceOf(
            Failed.class,
            builder().maxAttempts(1).timeout(Duration.ofSeconds(2)).build(clock).cancel("job_1"));

    assertTrue(failed.error().message().endsWith(" (not retried: maxAttempts is 1)"), failed.error().message());
    assertFalse(failed.error().message().contains("deadline"), failed.error().message());
  }

  @Test
  void rateLimitedRetryAfterAsDateIsReportedAgainstTheWallClock() {
    // The hint is advice for the caller, who lives on the wall clock, not on the engine's.
    String later = DatesKt.toHttpDateString(new Date(System.currentTimeMillis() + 120_000));
    server.enqueue(json(429, "{}").setHeader("Retry-After", later));

    Failed failed =
        assertInstanceOf(Failed.class, builder().maxAttempts(1).build(clock).cancel("job_1"));

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
  void backoffDoublesWithJitterBetweenAttempts() {
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "{}"));

    builder().initialBackoff(Duration.ofMillis(100)).build(clock).cancel("job_1");

    // Full jitter at the clock's fixed draw of 0.5: half of 100 ms, then half of 200 ms.
    assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), clock.waits());
    assertEquals(Duration.ofMillis(150), clock.elapsed());
  }

  @Test
  void serverErrorsUntilAttemptsRunOutSayHowManyWereMade() {
    for (int i = 0; i < 4; i++) server.enqueue(json(500, "{\"message\":\"boom " + i + "\"}"));

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job_1"));

    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertEquals(500, failed.error().httpStatus());
    assertEquals("HTTP 500: boom 2 (gave up after 3 attempts)", failed.error().message());
    assertEquals(3, failed.response().attempts());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void maxAttemptsOneNeverRetries() {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(202, "{}"));

    Failed failed =
        assertInstanceOf(Failed.class, builder().maxAttempts(1).build(clock).cancel("job_1"));

    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertTrue(failed.error().message().endsWith(" (not retried: maxAttempts is 1)"), failed.error().message());
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), clock.waits());
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
    assertTrue(failed.error().message().endsWith(" after 3 attempt(s) (gave up after 3 attempts)"), failed.error().message());
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"429, RATE_LIMITED", "503, PROVIDER_ERROR"})
  void aRetryAfterPastTheDeadlineStopsRetriesAndSaysSo(int status, ErrorKind kind) {
    // A 503 may carry Retry-After too (RFC 9110); a 30 s wait does not fit a 2 s deadline.
    server.enqueue(json(status, "{}").setHeader("Retry-After", "30"));
    server.enqueue(json(202, "{}"));

    Failed failed =
        assertInstanceOf(
            Failed.class, builder().timeout(Duration.ofSeconds(2)).build(clock).cancel("job_1"));

    assertEquals(kind, failed.error().kind());
    assertEquals(1, failed.response().attempts());
    assertEquals(1, server.getRequestCount());
    assertTrue(failed.error().message().endsWith(DEADLINE_NOTE), failed.error().message());
    assertEquals(List.of(), clock.waits(), "no wait that could not end in time");
    if (status == 429) assertEquals(Duration.ofSeconds(30), failed.error().retryAfter().orElseThrow());
  }

  @Test
  void toStringNamesTheVendorAndSettings() {
    String text = canceller().toString();
    assertTrue(text.startsWith("TestCanceller{baseUrl=" + baseUrl + "/"), text);
  }

  // ---- deadlines --------------------------------------------------------------------------------

  @Test
  void aCallBuiltAfterTheDeadlineIsATimeoutAndIsNotSent() {
    // A vendor whose call construction outlasts the deadline (Retrofit parses a method on first use).
    Engine canceller =
        builder()
            .timeout(Duration.ofMillis(20))
            .build(
                clock,
                api ->
                    VendorCalls.of(
                        (id, key) -> {
                          clock.advance(Duration.ofMillis(40));
                          return api.cancel(id, key);
                        },
                        api::get));

    Failed sync = assertInstanceOf(Failed.class, canceller.cancel("job_1"));
    Failed async = assertInstanceOf(Failed.class, canceller.cancelAsync("job_1").join());

    assertEquals(ErrorKind.TIMEOUT, sync.error().kind());
    assertEquals(ErrorKind.TIMEOUT, async.error().kind());
    assertEquals(0, sync.response().attempts());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void deadlineEndsASlowAttemptAsTimeoutWithoutRetry() {
    // The deadline of an attempt in flight is OkHttp's call timeout, on real time: kept short.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(json(202, "{}"));

    Failed failed =
        assertInstanceOf(
            Failed.class, builder().timeout(Duration.ofMillis(200)).build(clock).cancel("job_1"));

    assertEquals(ErrorKind.TIMEOUT, failed.error().kind());
    assertEquals(1, failed.response().attempts());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HTTP_1_1", "H2_PRIOR_KNOWLEDGE"})
  void aReadTimeoutIsRetriedOverHttp1AndHttp2(String protocol) {
    // OkHttp negotiates HTTP/2 with https vendors; its stream timeouts also read just "timeout".
    List<Protocol> protocols =
        protocol.equals("HTTP_1_1")
            ? List.of(Protocol.HTTP_1_1)
            : List.of(Protocol.H2_PRIOR_KNOWLEDGE);
    server.setProtocols(protocols);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(json(202, "{}"));
    // A socket-level timeout, so real time, kept short.
    OkHttpClient shortRead =
        new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).protocols(protocols).build();

    CancelOutcome outcome =
        builder().timeout(Duration.ofSeconds(10)).okHttpClient(shortRead).build(clock).cancel("job_1");

    assertInstanceOf(CancelPending.class, outcome, outcome.toString());
    assertEquals(2, outcome.response().attempts());
  }

  // ---- the settling GET -------------------------------------------------------------------------

  @ParameterizedTest(name = "GET says {0}")
  @CsvSource({"cancelled, Cancelled, CANCELLED", "done, AlreadyFinished, COMPLETED", "failed, AlreadyFinished, FAILED", "running, NotCancellable, RUNNING"})
  void ambiguousAnswerIsSettledByOneGet(String word, String type, JobState state) throws Exception {
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
  void failedSettlingGetLeavesTheCancelAnswersBestReading() {
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\"}}"));
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "{}"));

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancel("job_1"));

    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertEquals(409, finished.response().httpStatus());
    assertEquals(4, finished.response().attempts());
  }

  @Test
  void lostAnswerThenTerminalErrorSettlesToCancelled() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\"}}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller().cancel("job_1"));

    assertEquals(3, cancelled.response().attempts());
  }

  // ---- bounds and ids ---------------------------------------------------------------------------

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
            Failed.class,
            builder().maxAttempts(1).okHttpClient(counting).build(clock).cancel("job_1"));

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

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "a/b", "/", ".", "..", "job\n1", "job\u00001", "\tjob"})
  void malformedIdsAreRefusedBeforeAnyRequest(String id) {
    assertRefusedBeforeAnyRequest(id);
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {257, 5_000})
  void idsLongerThan256CharactersAreRefusedBeforeAnyRequestWithAShortMessage(int length) {
    String id = "j".repeat(length);

    for (IllegalArgumentException e : assertRefusedBeforeAnyRequest(id)) {
      assertEquals("jobId is " + length + " characters long; at most 256 are accepted", e.getMessage());
    }
  }

  @Test
  void anIdOf256CharactersIsSent() throws Exception {
    server.enqueue(json(202, "{}"));
    String id = "j".repeat(256);

    assertInstanceOf(CancelPending.class, canceller().cancel(id));
    assertEquals("/prefix/v1/things/" + id + "/cancel", take().getPath());
  }

  private List<IllegalArgumentException> assertRefusedBeforeAnyRequest(String id) {
    Engine canceller = canceller();
    List<IllegalArgumentException> thrown =
        List.of(
            assertThrows(IllegalArgumentException.class, () -> canceller.cancel(id)),
            assertThrows(IllegalArgumentException.class, () -> canceller.cancelAsync(id)),
            assertThrows(IllegalArgumentException.class, () -> canceller.status(id)),
            assertThrows(
                IllegalArgumentException.class,
                () -> canceller.cancelAndAwait(id, Duration.ofSeconds(1))));
    assertEquals(0, server.getRequestCount());
    return thrown;
  }

  @Test
  void idsAreEncodedAsOnePathSegment() throws Exception {
    server.enqueue(json(202, "{}"));

    canceller().cancel("a b?c#d%");

    assertEquals("/prefix/v1/things/a%20b%3Fc%23d%25/cancel", take().getPath());
  }

  @Test
  void separateCancelsUseSeparateIdempotencyKeys() throws Exception {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(202, "{}"));
    Engine canceller = canceller();

    canceller.cancel("job_1");
    canceller.cancel("job_1");

    assertNotEquals(take().getHeader("Idempotency-Key"), take().getHeader("Idempotency-Key"));
  }
}
