package io.cancelkit.omni;

import static io.cancelkit.omni.OmniTestSupport.CANCEL_PATH;
import static io.cancelkit.omni.OmniTestSupport.JOB;
import static io.cancelkit.omni.OmniTestSupport.KEY;
import static io.cancelkit.omni.OmniTestSupport.assertCancelSent;
import static io.cancelkit.omni.OmniTestSupport.body;
import static io.cancelkit.omni.OmniTestSupport.builder;
import static io.cancelkit.omni.OmniTestSupport.canceller;
import static io.cancelkit.omni.OmniTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancel answers that decide by themselves, errors, retries and the async path. */
class OmniCancelTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  // ---- DESIGN.md's Omni rows: answers that decide without a GET --------------------------------

  static Stream<Arguments> directAnswers() {
    return Stream.of(
        row(200, "cancel-200-cancelled.json", o -> {
          Cancelled c = assertInstanceOf(Cancelled.class, o);
          JobSnapshot job = c.snapshot().orElseThrow();
          assertEquals(JobState.CANCELLED, job.state());
          assertEquals("CANCELLED", job.providerStatus());
          assertNull(job.stage());
          assertNull(job.updatedAt());
          assertEquals(JOB, job.jobId());
          assertEquals("omni", job.provider());
          assertEquals(JOB, job.attributes().get("jobId"));
        }),
        row(200, "cancel-200-complete.json", o -> {
          AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, o);
          assertEquals(JobState.COMPLETED, f.finalState());
          assertEquals("COMPLETE", f.providerStatus());
        }),
        row(200, "cancel-200-failed.json", o -> {
          AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, o);
          assertEquals(JobState.FAILED, f.finalState());
          assertEquals("FAILED", f.providerStatus());
        }),
        row(200, "cancel-200-queued.json", o -> {
          JobSnapshot job = assertInstanceOf(CancelPending.class, o).snapshot().orElseThrow();
          assertEquals(JobState.QUEUED, job.state());
          assertEquals("QUEUED", job.providerStatus());
          assertNull(job.stage());
        }),
        row(200, "cancel-200-executing.json", o -> {
          JobSnapshot job = assertInstanceOf(CancelPending.class, o).snapshot().orElseThrow();
          assertEquals(JobState.RUNNING, job.state());
          assertEquals("EXECUTING", job.providerStatus());
          assertEquals("EXECUTING", job.stage());
        }),
        row(200, "cancel-200-delivering.json", o -> {
          NotCancellable n = assertInstanceOf(NotCancellable.class, o);
          assertEquals("DELIVERING", n.stage());
          assertTrue(n.reason().contains("finalizing results"), n.reason());
        }),
        row(400, "cancel-400-other.json", o -> {
          CancelError e = failed(o, ErrorKind.INVALID_REQUEST, "400");
          assertTrue(e.message().contains("Invalid request"), e.message());
        }),
        row(401, "cancel-401.json", o -> {
          CancelError e = failed(o, ErrorKind.AUTHENTICATION, "401");
          assertTrue(e.message().contains("Missing or invalid API key"), e.message());
        }),
        row(403, "cancel-403.json", o -> assertPermissionDenied(o)),
        row(403, "cancel-403-detail.json", o -> assertPermissionDenied(o)),
        row(404, "cancel-404.json", o -> assertInstanceOf(NotFound.class, o)));
  }

  private static Arguments row(int status, String fixture, Consumer<CancelOutcome> check) {
    return Arguments.of(status, fixture, check);
  }

  private static CancelError failed(CancelOutcome o, ErrorKind kind, String providerCode) {
    CancelError e = assertInstanceOf(Failed.class, o).error();
    assertEquals(kind, e.kind());
    assertEquals(providerCode, e.providerCode());
    assertEquals(o.response().httpStatus(), e.httpStatus());
    assertFalse(e.message().contains(KEY));
    return e;
  }

  /** Both error shapes, {error, message} and {detail, status}, read the same. */
  private static void assertPermissionDenied(CancelOutcome o) {
    CancelError e = failed(o, ErrorKind.PERMISSION, "403");
    assertTrue(
        e.message()
            .endsWith("Permission denied. Only the job owner or organization admins can cancel jobs."),
        e.message());
    assertTrue(e.retryAfter().isEmpty());
  }

  @ParameterizedTest(name = "{index}: HTTP {0} {1}")
  @MethodSource("directAnswers")
  void cancelAnswerMapsToOutcome(int status, String fixture, Consumer<CancelOutcome> check)
      throws Exception {
    server.enqueue(json(status, fixture).setHeader("X-Request-Id", "req-" + status));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    check.accept(outcome);
    assertEquals("omni", outcome.provider());
    assertEquals(JOB, outcome.jobId());
    assertEquals(status, outcome.response().httpStatus());
    assertEquals("req-" + status, outcome.response().requestId());
    assertEquals(1, outcome.response().attempts());
    assertCancelSent(server);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void pageExampleIsCancelled() throws Exception {
    // The cancel page's own 200 example, byte for byte.
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, c.snapshot().orElseThrow().state());
    assertNull(c.response().requestId());
    assertCancelSent(server);
  }

  @Test
  void uppercaseIdIsAcceptedAndSentAsGiven() throws Exception {
    String upper = JOB.toUpperCase();
    // The answer spells the id in lower case: the same UUID, so still an answer about this job.
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    CancelOutcome outcome = canceller(server).cancel(upper);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(upper, outcome.jobId());
    OmniTestSupport.assertSent(server, "POST", "/api/v1/ai/jobs/" + upper + "/cancel");
  }

  // ---- never a false success ----------------------------------------------------------------

  @Test
  void theAnswerIsReadWhateverJobIdItEchoes() {
    // The path names the job; the page's example answer keeps its own example id.
    server.enqueue(body(200, "{\"jobId\":\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\",\"state\":\"CANCELLED\"}"));

    String other = "7dadf906-6b7e-479f-b770-7e54d832e9c6";
    CancelOutcome outcome = canceller(server).cancel(other);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(other, outcome.jobId());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(
      strings = {
        "not json",
        "{}",
        "{\"jobId\":\"" + JOB + "\"}",
        "{\"jobId\":\"" + JOB + "\",\"state\":null}",
        "{\"jobId\":\"" + JOB + "\",\"state\":7}",
        "{\"jobId\":\"" + JOB + "\",\"state\":\"PAUSED\"}",
        "[{\"jobId\":\"" + JOB + "\",\"state\":\"CANCELLED\"}]",
        "null",
        ""
      })
  void unreadable200IsUnexpectedResponse(String answer) throws Exception {
    server.enqueue(body(200, answer));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    CancelError e = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, e.kind());
    assertEquals(200, e.httpStatus());
    assertTrue(e.message().startsWith("HTTP 200: unreadable answer"), e.message());
    assertEquals(1, server.getRequestCount());
    assertCancelSent(server);
  }

  @Test
  void unknownStateWordIsNamedInTheFailure() {
    server.enqueue(body(200, "{\"jobId\":\"" + JOB + "\",\"state\":\"PAUSED\"}"));

    CancelError e = assertInstanceOf(Failed.class, canceller(server).cancel(JOB)).error();

    assertTrue(e.message().contains("\"PAUSED\""), e.message());
  }

  @ParameterizedTest(name = "{index}: HTTP {0}")
  @ValueSource(ints = {201, 202, 204, 302, 418})
  void undocumentedStatusIsUnexpectedResponse(int status) throws Exception {
    // A 204 cannot carry a body; the others carry what a success would.
    String answer = status == 204 ? "" : "{\"jobId\":\"" + JOB + "\",\"state\":\"CANCELLED\"}";
    server.enqueue(body(status, answer).setHeader("Location", server.url("/elsewhere")));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    CancelError e = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, e.kind());
    assertEquals(status, e.httpStatus());
    // Redirects are not followed: the key never travels further.
    assertEquals(1, server.getRequestCount());
    assertCancelSent(server);
  }

  @Test
  void keyEchoedByOmniNeverReachesTheMessage() {
    server.enqueue(body(401, "{\"error\":\"401\",\"message\":\"Invalid API key " + KEY + "\"}"));

    CancelError e = assertInstanceOf(Failed.class, canceller(server).cancel(JOB)).error();

    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertFalse(e.message().contains(KEY), e.message());
  }

  // ---- 429: 60 requests/min per key ---------------------------------------------------------

  @Test
  void rateLimitedWithoutRetriesKeepsRetryAfter() throws Exception {
    server.enqueue(json(429, "cancel-429.json").setHeader("Retry-After", "7"));

    CancelOutcome outcome = builder(server).maxAttempts(1).build().cancel(JOB);

    CancelError e = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("429", e.providerCode());
    assertEquals(429, e.httpStatus());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertTrue(e.message().contains("60 requests/minute"), e.message());
    assertEquals(1, outcome.response().attempts());
    assertCancelSent(server);
  }

  @Test
  void rateLimitedIsRetriedAfterRetryAfterThenCancelled() throws Exception {
    server.enqueue(json(429, "cancel-429.json").setHeader("Retry-After", "1"));
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    long start = System.nanoTime();
    CancelOutcome outcome = canceller(server).cancel(JOB);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(2, outcome.response().attempts());
    assertEquals(200, outcome.response().httpStatus());
    // The 1 ms backoff would be far shorter: only Retry-After explains the wait.
    assertTrue(elapsedMillis >= 900, "retried after " + elapsedMillis + " ms");
    assertCancelSent(server);
    assertCancelSent(server);
  }

  @Test
  void rateLimitedOnEveryAttemptFails() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(429, "cancel-429.json"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    CancelError e = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertTrue(e.retryAfter().isEmpty());
    assertEquals(3, outcome.response().attempts());
    assertEquals(3, server.getRequestCount());
  }

  // ---- 5xx and lost answers -----------------------------------------------------------------

  @Test
  void serverErrorIsRetriedMaxAttemptsTimesThenProviderError() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "cancel-500.json"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    CancelError e = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.PROVIDER_ERROR, e.kind());
    assertEquals("500", e.providerCode());
    assertEquals(500, e.httpStatus());
    assertTrue(e.message().contains("Internal Server Error"), e.message());
    assertEquals(3, outcome.response().attempts());
    for (int i = 0; i < 3; i++) assertCancelSent(server);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void serverErrorThenSuccessIsCancelled() throws Exception {
    server.enqueue(json(500, "cancel-500.json"));
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(2, outcome.response().attempts());
  }

  @Test
  void lostAnswerIsRetriedAndTheIdempotentReplayIsCancelled() throws Exception {
    // The first cancel reached Omni but its answer was lost; the retry sees the job already cancelled.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, c.snapshot().orElseThrow().state());
    assertEquals(2, outcome.response().attempts());
    assertEquals(200, outcome.response().httpStatus());
    assertCancelSent(server);
    assertCancelSent(server);
  }

  @Test
  void noAnswerOnEveryAttemptIsNetworkFailure() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }

    CancelOutcome outcome = canceller(server).cancel(JOB);

    CancelError e = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.NETWORK, e.kind());
    assertEquals(0, outcome.response().httpStatus());
    assertEquals(3, outcome.response().attempts());
    assertTrue(e.cause().isPresent());
  }

  // ---- base URL forms and async -------------------------------------------------------------

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPrefix() throws Exception {
    server.enqueue(json(200, "cancel-200-cancelled.json"));
    String base = server.url("/api").toString();
    assertFalse(base.endsWith("/"));

    CancelOutcome outcome = builder(server).baseUrl(base).build().cancel(JOB);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(CANCEL_PATH, server.takeRequest(5, TimeUnit.SECONDS).getPath());
  }

  @Test
  void cancelAsyncReturnsTheSameOutcome() throws Exception {
    server.enqueue(json(200, "cancel-200-executing.json"));

    CancelOutcome outcome = canceller(server).cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    assertEquals("EXECUTING", p.snapshot().orElseThrow().stage());
    assertCancelSent(server);
  }

  @Test
  void cancelAsyncRetriesServerErrors() throws Exception {
    server.enqueue(json(500, "cancel-500.json"));
    server.enqueue(json(200, "cancel-200-complete.json"));

    CancelOutcome outcome = canceller(server).cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, f.finalState());
    assertEquals(2, f.response().attempts());
  }
}
