package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.assertCancelRequest;
import static io.cancelkit.layers.LayersFixtures.builder;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static io.cancelkit.layers.LayersFixtures.json;
import static io.cancelkit.layers.LayersFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Layers cancel answer of DESIGN.md's table, with the Layers pages' own example JSON. */
class LayersCancelTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void shutdown() throws IOException {
    server.shutdown();
  }

  /** What a table row expects of the outcome. */
  @FunctionalInterface
  interface Expect {
    void check(CancelOutcome outcome);
  }

  static String alreadyTerminal(String reason) {
    return fixture("cancel-200-already-completed.json").replace("ALREADY_COMPLETED", reason);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            "202 accepted -> CancelPending",
            json(202, fixture("cancel-202-accepted.json")),
            (Expect)
                o -> {
                  CancelPending p = assertInstanceOf(CancelPending.class, o);
                  assertEquals(Optional.empty(), p.snapshot());
                  assertEquals(202, o.response().httpStatus());
                }),
        Arguments.of(
            "200 accepted:true -> CancelPending",
            json(200, fixture("cancel-202-accepted.json")),
            (Expect)
                o -> {
                  assertInstanceOf(CancelPending.class, o);
                  assertEquals(200, o.response().httpStatus());
                }),
        Arguments.of(
            "200 ALREADY_COMPLETED -> AlreadyFinished(COMPLETED)",
            json(200, fixture("cancel-200-already-completed.json")),
            alreadyFinished(JobState.COMPLETED, "ALREADY_COMPLETED")),
        Arguments.of(
            "200 ALREADY_CANCELED -> Cancelled",
            json(200, alreadyTerminal("ALREADY_CANCELED")),
            cancelled()),
        Arguments.of(
            "200 ALREADY_CANCELLED -> Cancelled",
            json(200, alreadyTerminal("ALREADY_CANCELLED")),
            cancelled()),
        Arguments.of(
            "200 already_canceled (lower case) -> Cancelled",
            json(200, alreadyTerminal("already_canceled")),
            cancelled()),
        Arguments.of(
            "200 ALREADY_FAILED -> AlreadyFinished(FAILED)",
            json(200, alreadyTerminal("ALREADY_FAILED")),
            alreadyFinished(JobState.FAILED, "ALREADY_FAILED")),
        Arguments.of(
            "200 unknown reason -> AlreadyFinished(UNKNOWN), reason verbatim",
            json(200, alreadyTerminal("ALREADY_ARCHIVED")),
            alreadyFinished(JobState.UNKNOWN, "ALREADY_ARCHIVED")),
        Arguments.of(
            "200 a reason denying cancel is no success -> AlreadyFinished(UNKNOWN)",
            json(200, alreadyTerminal("NOT_CANCELABLE")),
            alreadyFinished(JobState.UNKNOWN, "NOT_CANCELABLE")),
        Arguments.of(
            "200 accepted:false without reason -> AlreadyFinished(UNKNOWN)",
            json(200, "{\"jobId\":\"" + JOB + "\",\"accepted\":false}"),
            alreadyFinished(JobState.UNKNOWN, null)),
        Arguments.of(
            "409 CONFLICT JOB_CANCEL_UNAVAILABLE -> NotCancellable(opening_pr)",
            json(409, fixture("cancel-409-job-cancel-unavailable.json")),
            (Expect)
                o -> {
                  NotCancellable n = assertInstanceOf(NotCancellable.class, o);
                  assertEquals("opening_pr", n.stage());
                  assertEquals("Job cannot be canceled during this stage.", n.reason());
                  assertEquals("req_01HXA1NHZ4KYE8GP9Q2WX3BCDE", o.response().requestId());
                  assertEquals(409, o.response().httpStatus());
                }),
        Arguments.of(
            "409 CONFLICT STAGE_NOT_CANCELABLE -> NotCancellable(finalizing)",
            json(409, fixture("cancel-409-stage-not-cancelable.json")),
            (Expect)
                o -> {
                  NotCancellable n = assertInstanceOf(NotCancellable.class, o);
                  assertEquals("finalizing", n.stage());
                  assertEquals("Job cannot be canceled during the finalizing stage.", n.reason());
                  assertEquals("req_01HXA1P2Q8ZJ4M7N3B6V5C1X0W", o.response().requestId());
                }),
        Arguments.of(
            "409 code STAGE_NOT_CANCELABLE (no subcode) -> NotCancellable",
            json(
                409,
                "{\"error\":{\"code\":\"STAGE_NOT_CANCELABLE\",\"message\":\"refused\","
                    + "\"details\":{\"stage\":\"persisting\"}}}"),
            (Expect)
                o -> {
                  NotCancellable n = assertInstanceOf(NotCancellable.class, o);
                  assertEquals("persisting", n.stage());
                  assertEquals("refused", n.reason());
                }),
        Arguments.of(
            "409 IDEMPOTENCY_CONFLICT -> Failed(INVALID_REQUEST)",
            json(409, fixture("cancel-409-idempotency-conflict.json")),
            failed(
                ErrorKind.INVALID_REQUEST,
                409,
                "IDEMPOTENCY_CONFLICT",
                "req_01HXA1P7D3K9QW2E5R8T1Y4U6I")),
        Arguments.of(
            "409 CONFLICT with an undocumented subcode -> Failed(UNEXPECTED_RESPONSE)",
            json(
                409,
                fixture("cancel-409-job-cancel-unavailable.json")
                    .replace("JOB_CANCEL_UNAVAILABLE", "JOB_LOCKED")),
            (Expect)
                o -> {
                  CancelError e =
                      failed(
                              ErrorKind.UNEXPECTED_RESPONSE,
                              409,
                              "CONFLICT",
                              "req_01HXA1NHZ4KYE8GP9Q2WX3BCDE")
                          .error(o);
                  assertTrue(e.message().contains("JOB_LOCKED"), e.message());
                  assertTrue(e.message().contains("Job cannot be canceled"), e.message());
                }),
        Arguments.of(
            "409 with a body that is no envelope -> Failed(UNEXPECTED_RESPONSE)",
            json(409, "<html>conflict</html>"),
            (Expect)
                o -> {
                  CancelError e = failed(ErrorKind.UNEXPECTED_RESPONSE, 409, null, null).error(o);
                  assertTrue(e.message().contains("<html>conflict</html>"), e.message());
                }),
        Arguments.of(
            "404 -> NotFound",
            json(404, fixture("error-404-not-found.json")),
            (Expect)
                o -> {
                  assertInstanceOf(NotFound.class, o);
                  assertEquals(404, o.response().httpStatus());
                  assertEquals("req_01HXA1PH3X5C7V9B2N4M6Q8W0E", o.response().requestId());
                }),
        Arguments.of(
            "401 UNAUTHENTICATED -> Failed(AUTHENTICATION), not retried",
            json(401, fixture("error-401-unauthenticated.json")),
            failed(
                ErrorKind.AUTHENTICATION,
                401,
                "UNAUTHENTICATED",
                "req_01HXA1PB6N4M8L2K7J5H3G9F1D")),
        Arguments.of(
            "403 FORBIDDEN_SCOPE -> Failed(PERMISSION), not retried",
            json(403, fixture("error-403-forbidden-scope.json")),
            failed(ErrorKind.PERMISSION, 403, "FORBIDDEN_SCOPE", "req_01HXA1PE9S2D6F4G8H1J3K5L7Z")),
        Arguments.of(
            "400 VALIDATION -> Failed(INVALID_REQUEST)",
            json(
                400,
                "{\"error\":{\"code\":\"VALIDATION\",\"message\":\"bad jobId\","
                    + "\"requestId\":\"req_v\"}}"),
            failed(ErrorKind.INVALID_REQUEST, 400, "VALIDATION", "req_v")),
        Arguments.of(
            "302 -> Failed(UNEXPECTED_RESPONSE), redirect not followed",
            new MockResponse().setResponseCode(302).setHeader("Location", "https://evil.example/"),
            failed(ErrorKind.UNEXPECTED_RESPONSE, 302, null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void cancelAnswerMapsToOutcome(String row, MockResponse answer, Expect expect) throws Exception {
    server.enqueue(answer);
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    expect.check(outcome);
    assertEquals("layers", outcome.provider());
    assertEquals(JOB, outcome.jobId());
    assertEquals(1, outcome.response().attempts(), "one attempt: nothing here is retried");
    assertCancelRequest(take(server), JOB);
    assertEquals(1, server.getRequestCount());
  }

  static Expect cancelled() {
    return o -> {
      Cancelled c = assertInstanceOf(Cancelled.class, o);
      assertEquals(Optional.empty(), c.snapshot());
      assertEquals(200, o.response().httpStatus());
    };
  }

  static Expect alreadyFinished(JobState state, String providerStatus) {
    return o -> {
      AlreadyFinished a = assertInstanceOf(AlreadyFinished.class, o);
      assertEquals(state, a.finalState());
      assertEquals(providerStatus, a.providerStatus());
      assertEquals(200, o.response().httpStatus());
    };
  }

  /** Checks a Failed outcome; {@link #error} also hands its error back for further checks. */
  static FailedExpect failed(ErrorKind kind, int status, String providerCode, String requestId) {
    return new FailedExpect(kind, status, providerCode, requestId);
  }

  record FailedExpect(ErrorKind kind, int status, String providerCode, String requestId)
      implements Expect {
    @Override
    public void check(CancelOutcome outcome) {
      error(outcome);
    }

    CancelError error(CancelOutcome outcome) {
      Failed f = assertInstanceOf(Failed.class, outcome);
      CancelError e = f.error();
      assertEquals(kind, e.kind(), e.message());
      assertEquals(status, e.httpStatus());
      assertEquals(status, outcome.response().httpStatus());
      assertEquals(providerCode, e.providerCode());
      assertEquals(requestId, e.requestId());
      assertEquals(requestId, outcome.response().requestId());
      assertFalse(e.message().contains(LayersFixtures.API_KEY));
      return e;
    }
  }

  // ---- retried answers ------------------------------------------------------------------------

  @Test
  void rateLimitedWithOneAttemptKeepsRetryAfter() throws Exception {
    server.enqueue(json(429, fixture("error-429-rate-limited.json")).setHeader("Retry-After", "7"));
    CancelOutcome outcome = builder(server).maxAttempts(1).build().cancel(JOB);

    CancelError e =
        failed(ErrorKind.RATE_LIMITED, 429, "RATE_LIMITED", "req_01HXA1PK7R9T1Y3U5I7O9P2A4S")
            .error(outcome);
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertEquals(1, outcome.response().attempts());
    assertCancelRequest(take(server), JOB);
  }

  @Test
  void rateLimitedIsRetriedWithTheSameKeyThenFails() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          json(429, fixture("error-429-rate-limited.json")).setHeader("Retry-After", "0"));
    }
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    CancelError e =
        failed(ErrorKind.RATE_LIMITED, 429, "RATE_LIMITED", "req_01HXA1PK7R9T1Y3U5I7O9P2A4S")
            .error(outcome);
    assertEquals(Optional.of(Duration.ZERO), e.retryAfter());
    assertEquals(3, outcome.response().attempts());
    String key = assertCancelRequest(take(server), JOB);
    assertEquals(key, assertCancelRequest(take(server), JOB));
    assertEquals(key, assertCancelRequest(take(server), JOB));
  }

  @Test
  void rateLimitedThenAcceptedIsPending() throws Exception {
    server.enqueue(json(429, fixture("error-429-rate-limited.json")).setHeader("Retry-After", "0"));
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(202, outcome.response().httpStatus());
    assertEquals(2, outcome.response().attempts());
    String key = assertCancelRequest(take(server), JOB);
    assertEquals(key, assertCancelRequest(take(server), JOB));
  }

  @Test
  void killSwitchIsRetriedThenFailsAsProviderError() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(503, fixture("error-503-kill-switch.json")));
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    CancelError e =
        failed(ErrorKind.PROVIDER_ERROR, 503, "KILL_SWITCH", "req_01HXA1PN2D4F6G8H0J2K4L6Z8X")
            .error(outcome);
    assertTrue(e.message().contains("temporarily disabled"), e.message());
    assertEquals(3, outcome.response().attempts());
    String key = assertCancelRequest(take(server), JOB);
    assertEquals(key, assertCancelRequest(take(server), JOB));
    assertEquals(key, assertCancelRequest(take(server), JOB));
  }

  @Test
  void killSwitchThenAcceptedIsPending() throws Exception {
    server.enqueue(json(503, fixture("error-503-kill-switch.json")));
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(2, outcome.response().attempts());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void lostAnswerIsRetriedWithTheSameIdempotencyKey() throws Exception {
    // The server reads the cancel, then the connection drops: the client cannot know whether
    // Layers acted. The retry carries the same key, so Layers replays its first answer.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(202, outcome.response().httpStatus());
    RecordedRequest first = take(server);
    RecordedRequest retry = take(server);
    String key = assertCancelRequest(first, JOB);
    assertEquals(key, assertCancelRequest(retry, JOB));
    assertEquals(2, server.getRequestCount());
    assertEquals(2, outcome.response().attempts());
  }

  @Test
  void answersLostOnEveryAttemptFailAsNetwork() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    Failed f = assertInstanceOf(Failed.class, outcome);
    assertEquals(ErrorKind.NETWORK, f.error().kind());
    assertEquals(0, f.error().httpStatus());
    assertTrue(f.error().cause().isPresent());
    assertEquals(3, outcome.response().attempts());
    String key = assertCancelRequest(take(server), JOB);
    assertEquals(key, assertCancelRequest(take(server), JOB));
    assertEquals(key, assertCancelRequest(take(server), JOB));
  }

  @Test
  void twoCancelsSendDifferentIdempotencyKeys() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    LayersCanceller layers = builder(server).build();
    layers.cancel(JOB);
    layers.cancel(JOB);

    String first = assertCancelRequest(take(server), JOB);
    String second = assertCancelRequest(take(server), JOB);
    assertNotEquals(first, second);
  }

  // ---- garbage is never a success -------------------------------------------------------------

  @ParameterizedTest(name = "2xx body {0} -> UNEXPECTED_RESPONSE")
  @ValueSource(
      strings = {
        "{}",
        "{\"jobId\":\"job_01HXA1NHKJZXPV8R7Q6WSM5BCD\"}",
        "{\"accepted\":null,\"reason\":\"ALREADY_CANCELED\"}",
        "{\"accepted\":\"true\"}",
        "{\"accepted\":1}",
        "[true]",
        "null",
        "<html>ok</html>",
        ""
      })
  void twoHundredWithoutBooleanAcceptedIsUnexpected(String body) throws Exception {
    server.enqueue(json(200, body));
    server.enqueue(json(202, body));
    LayersCanceller layers = builder(server).build();
    for (int status : new int[] {200, 202}) {
      Failed f = assertInstanceOf(Failed.class, layers.cancel(JOB), "HTTP " + status);
      assertEquals(ErrorKind.UNEXPECTED_RESPONSE, f.error().kind());
      assertEquals(status, f.error().httpStatus());
      assertEquals(1, f.response().attempts());
      assertCancelRequest(take(server), JOB);
    }
  }

  @Test
  void undocumentedTwoHundredIsUnexpectedEvenIfItSaysAccepted() throws Exception {
    server.enqueue(json(201, fixture("cancel-202-accepted.json")));
    server.enqueue(new MockResponse().setResponseCode(204));
    LayersCanceller layers = builder(server).build();
    for (int status : new int[] {201, 204}) {
      Failed f = assertInstanceOf(Failed.class, layers.cancel(JOB), "HTTP " + status);
      assertEquals(ErrorKind.UNEXPECTED_RESPONSE, f.error().kind());
      assertEquals(status, f.error().httpStatus());
    }
  }

  // ---- request ids -----------------------------------------------------------------------------

  @Test
  void requestIdComesFromTheHeaderOnASuccess() throws Exception {
    server.enqueue(
        json(202, fixture("cancel-202-accepted.json")).setHeader("X-Request-Id", "req_hdr_202"));
    CancelOutcome outcome = builder(server).build().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals("req_hdr_202", outcome.response().requestId());
  }

  @Test
  void requestIdHeaderWinsOverTheBodyLikeTheEngineDefaults() throws Exception {
    server.enqueue(
        json(409, fixture("cancel-409-idempotency-conflict.json"))
            .setHeader("X-Request-Id", "req_hdr_409"));
    server.enqueue(
        json(401, fixture("error-401-unauthenticated.json"))
            .setHeader("X-Request-Id", "req_hdr_401"));
    LayersCanceller layers = builder(server).build();

    Failed conflict = assertInstanceOf(Failed.class, layers.cancel(JOB));
    assertEquals("req_hdr_409", conflict.error().requestId());
    assertEquals("req_hdr_409", conflict.response().requestId());
    Failed auth = assertInstanceOf(Failed.class, layers.cancel(JOB));
    assertEquals("req_hdr_401", auth.error().requestId());
    assertEquals("req_hdr_401", auth.response().requestId());
  }

  // ---- URLs, ids, async ------------------------------------------------------------------------

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPrefix() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    String noSlash = server.url("/prefix").toString();
    assertFalse(noSlash.endsWith("/"));
    CancelOutcome outcome = builder(server).baseUrl(noSlash).build().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertCancelRequest(take(server), JOB);
  }

  @Test
  void idsAreNotConstrainedBeyondCoreAndAreEncodedAsOneSegment() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    LayersCanceller layers = builder(server).build();

    assertInstanceOf(CancelPending.class, layers.cancel("legacy-42"));
    assertInstanceOf(CancelPending.class, layers.cancel("job 1?x#y"));
    assertCancelRequest(take(server), "legacy-42");
    assertEquals("/prefix/v1/jobs/job%201%3Fx%23y/cancel", take(server).getPath());
  }

  @ParameterizedTest(name = "jobId \"{0}\" is refused before any request")
  @ValueSource(strings = {"", " ", "job/1", ".", "..", "job\n1", "job\u00001"})
  void malformedIdsAreRefusedWithoutARequest(String id) {
    LayersCanceller layers = builder(server).build();
    assertThrows(IllegalArgumentException.class, () -> layers.cancel(id));
    assertThrows(IllegalArgumentException.class, () -> layers.cancelAsync(id));
    assertThrows(IllegalArgumentException.class, () -> layers.status(id));
    assertThrows(
        IllegalArgumentException.class, () -> layers.cancelAndAwait(id, Duration.ofSeconds(1)));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void nullIdIsRefusedWithoutARequest() {
    LayersCanceller layers = builder(server).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> layers.cancel(null));
    assertTrue(e.getMessage().contains("jobId"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void cancelAsyncMapsLikeCancel() throws Exception {
    server.enqueue(json(409, fixture("cancel-409-job-cancel-unavailable.json")));
    CancelOutcome outcome = builder(server).build().cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    NotCancellable n = assertInstanceOf(NotCancellable.class, outcome);
    assertEquals("opening_pr", n.stage());
    assertEquals("req_01HXA1NHZ4KYE8GP9Q2WX3BCDE", n.response().requestId());
    assertCancelRequest(take(server), JOB);
  }

  @Test
  void cancelAsyncRetriesWithTheSameKey() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    CancelOutcome outcome = builder(server).build().cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    assertInstanceOf(CancelPending.class, outcome);
    String key = assertCancelRequest(take(server), JOB);
    assertEquals(key, assertCancelRequest(take(server), JOB));
  }

  @Test
  void notCancellableWithoutStageKeepsNullStage() throws Exception {
    server.enqueue(
        json(
            409,
            "{\"error\":{\"code\":\"CONFLICT\",\"message\":\"no\","
                + "\"details\":{\"subcode\":\"JOB_CANCEL_UNAVAILABLE\"}}}"));
    NotCancellable n = assertInstanceOf(NotCancellable.class, builder(server).build().cancel(JOB));
    assertNull(n.stage());
    assertEquals("no", n.reason());
    assertNull(n.response().requestId());
  }
}
