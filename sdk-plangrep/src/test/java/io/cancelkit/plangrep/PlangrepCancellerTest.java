package io.cancelkit.plangrep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.cancelkit.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlangrepCancellerTest {
  static final String KEY = "pgk_test_S3cretK3y";
  static final String JOB = "job_01hy3m8qtn2e5r7k9p0w4x1def";

  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  PlangrepCanceller.Builder builder() {
    return PlangrepCanceller.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/prefix/").toString())
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(5));
  }

  PlangrepCanceller canceller() {
    return builder().build();
  }

  static String fixture(String name) {
    try (InputStream in = PlangrepCancellerTest.class.getResourceAsStream("/plangrep/" + name)) {
      assertNotNull(in, "missing fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documented job object with the job's own status word replaced (files keep theirs). */
  static String job(String status) {
    String body = fixture("job-200-processing.json");
    String replaced =
        body.replaceFirst("\"status\": \"processing\"", "\"status\": \"" + status + "\"");
    assertTrue(status.equals("processing") || !replaced.equals(body));
    return replaced;
  }

  static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  static MockResponse text(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "text/plain; charset=utf-8")
        .setBody(body);
  }

  /** An error answer read from a fixture, JSON or text by its file name. */
  static MockResponse errorFixture(int code, String name) {
    return name.endsWith(".json") ? json(code, fixture(name)) : text(code, fixture(name));
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(r, "no request was recorded");
    return r;
  }

  static void assertCancelSent(RecordedRequest r, String encodedJobId) {
    assertEquals("POST", r.getMethod());
    assertEquals("/prefix/jobs/" + encodedJobId + "/cancel", r.getPath());
    assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
    assertEquals("application/json", r.getHeader("Accept"));
    // Plangrep: "This endpoint takes no request body."
    assertEquals(0, r.getBodySize());
    assertEquals("0", r.getHeader("Content-Length"));
    assertNull(r.getHeader("Content-Type"));
    // Not documented by Plangrep, so not sent.
    assertNull(r.getHeader("Idempotency-Key"));
  }

  static void assertGetSent(RecordedRequest r, String encodedJobId) {
    assertEquals("GET", r.getMethod());
    assertEquals("/prefix/jobs/" + encodedJobId, r.getPath());
    assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
    assertEquals("application/json", r.getHeader("Accept"));
    assertEquals(0, r.getBodySize());
    assertNull(r.getHeader("If-None-Match"));
  }

  static Map<?, ?> jobObject(String body) throws IOException {
    return (Map<?, ?>) Json.object(body).get("job");
  }

  // ---- 200 {job} --------------------------------------------------------------------------------

  @Test
  void cancel200CancelledFixtureMapsToCancelledWithTheWholeJob() throws Exception {
    server.enqueue(
        json(200, fixture("cancel-200-cancelled.json")).setHeader("X-Request-Id", "req_1"));

    CancelOutcome outcome = canceller().cancel(JOB);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals("plangrep", c.provider());
    assertEquals(JOB, c.jobId());
    assertEquals(200, c.response().httpStatus());
    assertEquals("req_1", c.response().requestId());
    assertEquals(1, c.response().attempts());
    JobSnapshot s = c.snapshot().orElseThrow();
    assertEquals("plangrep", s.provider());
    assertEquals(JOB, s.jobId());
    assertEquals(JobState.CANCELLED, s.state());
    assertEquals("cancelled", s.providerStatus());
    assertNull(s.stage());
    assertEquals(Instant.parse("2024-11-02T09:22:17Z"), s.updatedAt());
    // The whole job object, not the {job:…} wrapper, stays reachable for callers.
    assertEquals(jobObject(fixture("cancel-200-cancelled.json")), s.attributes());
    assertEquals(204.0, s.attributes().get("pageCount"));
    assertEquals(Map.of("creditsDebited", 63.0), s.attributes().get("billing"));
    assertEquals(
        "architectural_drawings.pdf",
        ((Map<?, ?>) ((List<?>) s.attributes().get("files")).get(0)).get("fileName"));
    assertTrue(s.attributes().containsKey("resultUrl"));
    assertNull(s.attributes().get("resultUrl"));

    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void usageReadsPagesAndCreditsOfTheCancelledJob() {
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    Cancelled c = assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    PlangrepCanceller.Usage usage = PlangrepCanceller.usage(c.snapshot().orElseThrow());
    assertEquals(204, usage.pageCount().orElseThrow());
    assertEquals(63, usage.successfulPageCount().orElseThrow());
    assertEquals(63.0, usage.creditsDebited().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
    "provisioning, QUEUED",
    "awaiting_uploads, QUEUED",
    "uploading, QUEUED",
    "preflighting, QUEUED",
    "blocked_insufficient_credits, QUEUED",
    "processing, RUNNING",
    // A word Plangrep adds later (e.g. "cancelling"): the 200 accepted the cancel but does not say
    // the job stopped, so poll to confirm rather than claim success or failure.
    "cancelling, UNKNOWN"
  })
  void cancel200NonTerminalMapsToCancelPending(String word, JobState state) throws Exception {
    server.enqueue(json(200, job(word)));

    CancelOutcome outcome = canceller().cancel(JOB);

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    assertEquals(200, p.response().httpStatus());
    assertEquals(1, p.response().attempts());
    JobSnapshot s = p.snapshot().orElseThrow();
    assertEquals(state, s.state());
    assertEquals(word, s.providerStatus());
    assertNull(s.stage());
    assertEquals(Instant.parse("2024-11-02T09:10:05Z"), s.updatedAt());
    assertEquals(word, s.attributes().get("status"));
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @CsvSource({
    "completed, COMPLETED",
    "completed_with_errors, COMPLETED",
    "failed, FAILED",
    "expired, EXPIRED"
  })
  void cancel200OtherTerminalMapsToAlreadyFinished(String word, JobState state) throws Exception {
    server.enqueue(json(200, job(word)));

    CancelOutcome outcome = canceller().cancel(JOB);

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(state, f.finalState());
    assertEquals(word, f.providerStatus());
    assertEquals(200, f.response().httpStatus());
    assertEquals(1, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "cancelled",
        "<html>OK</html>",
        "[]",
        "{}",
        "{\"status\":\"cancelled\"}",
        "{\"job\":null}",
        "{\"job\":\"cancelled\"}",
        "{\"job\":{}}",
        "{\"job\":{\"id\":\"job_1\"}}",
        "{\"job\":{\"status\":\"\"}}",
        "{\"job\":{\"status\":null}}",
        "{\"job\":{\"status\":5}}",
        "{\"job\":{\"status\":\"cancelled\"",
      })
  void cancel200WithoutJobOrStatusIsUnexpectedNeverSuccess(String body) throws Exception {
    server.enqueue(json(200, body));

    CancelOutcome outcome = canceller().cancel(JOB);

    Failed f = assertInstanceOf(Failed.class, outcome);
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, f.error().kind());
    assertEquals(200, f.error().httpStatus());
    assertEquals(200, f.response().httpStatus());
    assertEquals(1, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancel200WithUnreadableUpdatedAtStillMaps() {
    server.enqueue(json(200, "{\"job\":{\"status\":\"cancelled\",\"updatedAt\":1730539337}}"));

    Cancelled c = assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    assertNull(c.snapshot().orElseThrow().updatedAt());
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 202, 204})
  void undocumented2xxIsUnexpected(int code) {
    server.enqueue(json(code, code == 204 ? "" : fixture("cancel-200-cancelled.json")));

    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, f.error().kind());
    assertEquals(code, f.response().httpStatus());
    assertEquals(1, server.getRequestCount());
  }

  // ---- "already terminal" errors, resolved by one GET -------------------------------------------

  static Stream<Arguments> terminalErrorsResolvedByGet() {
    List<Arguments> errors =
        List.of(
            Arguments.of(400, "cancel-400-error-envelope.json"),
            Arguments.of(409, "cancel-409-code-message.json"),
            Arguments.of(422, "cancel-422-plain-text.txt"));
    List<Arguments> jobs =
        List.of(
            Arguments.of("cancelled", JobState.CANCELLED),
            Arguments.of("completed", JobState.COMPLETED),
            Arguments.of("completed_with_errors", JobState.COMPLETED),
            Arguments.of("failed", JobState.FAILED),
            Arguments.of("expired", JobState.EXPIRED));
    return errors.stream()
        .flatMap(
            e ->
                jobs.stream()
                    .map(j -> Arguments.of(e.get()[0], e.get()[1], j.get()[0], j.get()[1])));
  }

  @ParameterizedTest(name = "{0} {1}, GET says {2}")
  @MethodSource
  void terminalErrorsResolvedByGet(int code, String errorFixture, String word, JobState state)
      throws Exception {
    server.enqueue(errorFixture(code, errorFixture).setHeader("X-Request-Id", "req_cancel"));
    server.enqueue(json(200, job(word)).setHeader("X-Request-Id", "req_get"));

    CancelOutcome outcome = canceller().cancel(JOB);

    if (state == JobState.CANCELLED) {
      Cancelled c = assertInstanceOf(Cancelled.class, outcome);
      JobSnapshot s = c.snapshot().orElseThrow();
      assertEquals(JobState.CANCELLED, s.state());
      assertEquals("cancelled", s.providerStatus());
      assertEquals(Instant.parse("2024-11-02T09:10:05Z"), s.updatedAt());
    } else {
      AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
      assertEquals(state, f.finalState());
      assertEquals(word, f.providerStatus());
    }
    // The facts are the GET's: it is the answer that decided.
    assertEquals(200, outcome.response().httpStatus());
    assertEquals("req_get", outcome.response().requestId());
    assertEquals(2, outcome.response().attempts());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @CsvSource({
    "409, cancel-409-code-message.json, Job has already reached a terminal state",
    "422, cancel-422-plain-text.txt, Job cannot be cancelled: it is already in a terminal state."
  })
  void refusalOfAJobThatIsStillRunningIsNotCancellable(int code, String errorFixture, String reason)
      throws Exception {
    server.enqueue(errorFixture(code, errorFixture));
    server.enqueue(json(200, job("processing")));

    CancelOutcome outcome = canceller().cancel(JOB);

    // Plangrep has no stages, so the core names the status that refused; the vendor's words stay.
    NotCancellable n = assertInstanceOf(NotCancellable.class, outcome);
    assertEquals("processing", n.stage());
    assertEquals(reason, n.reason());
    assertEquals(2, n.response().attempts());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
  }

  @Test
  void refusalResolvedByAnUnknownStatusWordIsAlreadyFinishedUnknown() {
    server.enqueue(errorFixture(409, "cancel-409-code-message.json"));
    server.enqueue(json(200, job("archived")));

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, canceller().cancel(JOB));

    assertEquals(JobState.UNKNOWN, f.finalState());
    assertEquals("archived", f.providerStatus());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "invalid_state",
        "INVALID_STATUS_TRANSITION",
        "job_not_cancellable",
        "invalid_request",
        "invalid_operation",
        "invalid_job_id"
      })
  void codesThatDoNotNameValidationAreResolvedByTheGet(String code) throws Exception {
    server.enqueue(json(400, "{\"code\":\"" + code + "\",\"message\":\"Invalid job state\"}"));
    server.enqueue(json(200, job("cancelled")));

    assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    assertEquals(2, server.getRequestCount());
  }

  @Test
  void emptyRefusalBodyIsResolvedToo() {
    server.enqueue(new MockResponse().setResponseCode(409));
    server.enqueue(json(200, job("expired")));

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, canceller().cancel(JOB));

    assertEquals(JobState.EXPIRED, f.finalState());
    assertEquals(2, server.getRequestCount());
  }

  static Stream<Arguments> resolvingGetFails() {
    Consumer<MockWebServer> notFound = s -> s.enqueue(json(404, "{\"code\":\"not_found\"}"));
    Consumer<MockWebServer> serverErrors =
        s -> {
          for (int i = 0; i < 3; i++) s.enqueue(text(500, "Internal Server Error"));
        };
    Consumer<MockWebServer> garbage = s -> s.enqueue(json(200, "{\"job\":{}}"));
    Consumer<MockWebServer> dropped =
        s -> {
          for (int i = 0; i < 3; i++) {
            s.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
          }
        };
    return Stream.of(
        Arguments.of("404", notFound, 2),
        Arguments.of("500 x3", serverErrors, 4),
        Arguments.of("garbage 200", garbage, 2),
        Arguments.of("connection dropped x3", dropped, 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void resolvingGetFails(String name, Consumer<MockWebServer> getAnswers, int attempts)
      throws Exception {
    server.enqueue(
        json(409, fixture("cancel-409-code-message.json")).setHeader("X-Request-Id", "req_cancel"));
    getAnswers.accept(server);

    CancelOutcome outcome = canceller().cancel(JOB);

    // DESIGN: the cancel answer's best reading stands, never a failure that hides it.
    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, f.finalState());
    assertNull(f.providerStatus());
    assertEquals(409, f.response().httpStatus());
    assertEquals("req_cancel", f.response().requestId());
    assertEquals(attempts, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertEquals(attempts, server.getRequestCount());
  }

  @Test
  void requestIdInTheErrorBodyIsKeptWhenNoHeaderGivesOne() {
    server.enqueue(
        json(
            409,
            "{\"error\":{\"code\":\"job_terminal\",\"message\":\"done\",\"requestId\":\"req_body\"}}"));
    server.enqueue(json(404, "{}"));

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, canceller().cancel(JOB));

    assertEquals("req_body", f.response().requestId());
  }

  @Test
  void lostAnswerThenRetryHitsTheTerminalErrorAndTheGetSaysCancelled() throws Exception {
    // The first cancel reached Plangrep and cancelled the job, but its answer was lost.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(409, fixture("cancel-409-code-message.json")));
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    CancelOutcome outcome = canceller().cancel(JOB);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(3, c.response().attempts());
    assertEquals(200, c.response().httpStatus());
    assertEquals(JobState.CANCELLED, c.snapshot().orElseThrow().state());
    assertCancelSent(take(), JOB);
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertEquals(3, server.getRequestCount());
  }

  // ---- clear validation errors ------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          400 | cancel-400-validation-error.json | validation_error | \
            HTTP 400 validation_error: jobId: must start with job_
          422 | cancel-422-detail-list.json | | \
            HTTP 422: path.jobId: string does not match pattern ^job_
          """)
  void clearValidationErrorFailsWithoutAGet(
      int code, String errorFixture, String providerCode, String message) throws Exception {
    server.enqueue(json(code, fixture(errorFixture)).setHeader("X-Request-Id", "req_v"));
    server.enqueue(json(200, job("cancelled"))); // must not be asked for

    CancelOutcome outcome = canceller().cancel(JOB);

    Failed f = assertInstanceOf(Failed.class, outcome);
    assertEquals(ErrorKind.INVALID_REQUEST, f.error().kind());
    assertEquals(code, f.error().httpStatus());
    assertEquals(providerCode, f.error().providerCode());
    assertEquals(message, f.error().message());
    assertEquals("req_v", f.error().requestId());
    assertEquals(code, f.response().httpStatus());
    assertEquals(1, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void validationErrorKeepsABodyRequestId() {
    server.enqueue(
        json(
            422,
            "{\"error\":{\"code\":\"validation_error\",\"message\":\"bad\",\"requestId\":\"req_b\"}}"));

    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals("req_b", f.error().requestId());
    assertEquals("req_b", f.response().requestId());
  }

  // ---- core defaults ----------------------------------------------------------------------------

  @Test
  void cancel404IsNotFound() throws Exception {
    server.enqueue(json(404, "{\"code\":\"not_found\",\"message\":\"Job not found\"}"));

    NotFound n = assertInstanceOf(NotFound.class, canceller().cancel(JOB));

    assertEquals(404, n.response().httpStatus());
    assertEquals(1, n.response().attempts());
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @CsvSource({"401, AUTHENTICATION, unauthorized", "403, PERMISSION, insufficient_scope"})
  void authErrorsFailWithoutRetry(int code, ErrorKind kind, String providerCode) throws Exception {
    server.enqueue(
        json(
            code,
            "{\"code\":\"" + providerCode + "\",\"message\":\"key " + KEY + " may not do this\"}"));

    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(kind, f.error().kind());
    assertEquals(code, f.error().httpStatus());
    assertEquals(providerCode, f.error().providerCode());
    assertFalse(f.error().message().contains(KEY), f.error().message());
    assertEquals(1, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void rateLimitedWithOneAttemptCarriesRetryAfter() throws Exception {
    server.enqueue(
        json(429, "{\"code\":\"rate_limited\",\"message\":\"slow down\"}")
            .setHeader("Retry-After", "7"));

    Failed f = assertInstanceOf(Failed.class, builder().maxAttempts(1).build().cancel(JOB));

    assertEquals(ErrorKind.RATE_LIMITED, f.error().kind());
    assertEquals(429, f.error().httpStatus());
    assertEquals("rate_limited", f.error().providerCode());
    assertEquals(Duration.ofSeconds(7), f.error().retryAfter().orElseThrow());
    assertEquals(1, f.response().attempts());
    assertCancelSent(take(), JOB);
  }

  @Test
  void rateLimitedThenSuccess() throws Exception {
    server.enqueue(text(429, "Too Many Requests").setHeader("Retry-After", "0"));
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    Cancelled c = assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    assertEquals(2, c.response().attempts());
    assertCancelSent(take(), JOB);
    assertCancelSent(take(), JOB);
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    server.enqueue(text(502, "<html>Bad Gateway</html>"));
    server.enqueue(json(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"try later\"}}"));
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    Cancelled c = assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    assertEquals(3, c.response().attempts());
    for (int i = 0; i < 3; i++) assertCancelSent(take(), JOB);
  }

  @Test
  void serverErrorsOnEveryAttemptFailAsProviderError() {
    for (int i = 0; i < 3; i++) server.enqueue(text(500, "Internal Server Error"));

    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(ErrorKind.PROVIDER_ERROR, f.error().kind());
    assertEquals(500, f.error().httpStatus());
    assertTrue(f.error().message().contains("Internal Server Error"), f.error().message());
    assertEquals(3, f.response().attempts());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void redirectIsNotFollowed() {
    server.enqueue(
        new MockResponse().setResponseCode(302).setHeader("Location", "https://example.com/"));

    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, f.error().kind());
    assertEquals(1, server.getRequestCount());
  }

  // ---- async ------------------------------------------------------------------------------------

  @Test
  void cancelAsyncMapsLikeCancel() throws Exception {
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    CancelOutcome outcome = canceller().cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    assertInstanceOf(Cancelled.class, outcome);
    assertCancelSent(take(), JOB);
  }

  @Test
  void cancelAsyncResolvesATerminalError() throws Exception {
    server.enqueue(text(422, fixture("cancel-422-plain-text.txt")));
    server.enqueue(json(200, job("completed")));

    CancelOutcome outcome = canceller().cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, f.finalState());
    assertEquals(2, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
  }

  // ---- status() ---------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "provisioning, QUEUED",
    "awaiting_uploads, QUEUED",
    "uploading, QUEUED",
    "preflighting, QUEUED",
    "blocked_insufficient_credits, QUEUED",
    "processing, RUNNING",
    "completed, COMPLETED",
    "completed_with_errors, COMPLETED",
    "failed, FAILED",
    "cancelled, CANCELLED",
    "expired, EXPIRED",
    "archived, UNKNOWN",
    "canceled, UNKNOWN"
  })
  void statusMapsEveryStatusWord(String word, JobState state) throws Exception {
    server.enqueue(json(200, job(word)));

    JobSnapshot s = canceller().status(JOB);

    assertEquals("plangrep", s.provider());
    assertEquals(JOB, s.jobId());
    assertEquals(state, s.state());
    assertEquals(word, s.providerStatus());
    assertNull(s.stage());
    assertEquals(Instant.parse("2024-11-02T09:10:05Z"), s.updatedAt());
    assertEquals(jobObject(job(word)), s.attributes());
    assertGetSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void status404ThrowsNotFound() throws Exception {
    server.enqueue(json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"Job not found\"}}"));

    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller().status(JOB));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(404, e.error().httpStatus());
    assertEquals("not_found", e.error().providerCode());
    assertGetSent(take(), JOB);
  }

  @Test
  void status401ThrowsAuthentication() {
    server.enqueue(text(401, "Unauthorized"));

    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller().status(JOB));

    assertEquals(ErrorKind.AUTHENTICATION, e.error().kind());
    assertFalse(e.getMessage().contains(KEY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"job\":{\"status\":7}}", "Service Unavailable"})
  void statusGarbageThrowsUnexpected(String body) {
    server.enqueue(json(200, body));

    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller().status(JOB));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, e.error().kind());
  }

  // ---- cancelAndAwait ---------------------------------------------------------------------------

  @Test
  void cancelAndAwaitPollsPendingThroughRunningToCancelled() throws Exception {
    server.enqueue(json(200, job("processing")));
    server.enqueue(json(200, job("processing")));
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    CancelOutcome outcome = canceller().cancelAndAwait(JOB, Duration.ofSeconds(5));

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(3, c.response().attempts());
    JobSnapshot s = c.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, s.state());
    assertEquals(63.0, PlangrepCanceller.usage(s).creditsDebited().orElseThrow());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void cancelAndAwaitEndsAlreadyFinishedWhenTheJobCompletedInstead() throws Exception {
    server.enqueue(json(200, job("uploading")));
    server.enqueue(json(200, job("completed")));

    CancelOutcome outcome = canceller().cancelAndAwait(JOB, Duration.ofSeconds(5));

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, f.finalState());
    assertEquals("completed", f.providerStatus());
    assertEquals(2, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
  }

  @Test
  void cancelAndAwaitReturnsAResolvedOutcomeWithoutPolling() {
    server.enqueue(json(409, fixture("cancel-409-code-message.json")));
    server.enqueue(json(200, job("cancelled")));

    assertInstanceOf(Cancelled.class, canceller().cancelAndAwait(JOB, Duration.ofSeconds(5)));

    assertEquals(2, server.getRequestCount());
  }

  @Test
  void cancelAndAwaitStopsAtTheDeadlineWithCancelPending() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json(200, job("processing"));
          }
        });

    CancelOutcome outcome = canceller().cancelAndAwait(JOB, Duration.ofSeconds(1));

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    assertEquals(JobState.RUNNING, p.snapshot().orElseThrow().state());
    assertTrue(server.getRequestCount() >= 2, "polled at least once");
    assertTrue(p.response().attempts() >= 2, p.response().toString());
  }

  // ---- ids, base URL, construction --------------------------------------------------------------

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  ", "a/b", ".", "..", "job\n1", "job\u00001"})
  void malformedIdsAreRefusedBeforeAnyRequest(String id) {
    PlangrepCanceller c = canceller();

    assertThrows(IllegalArgumentException.class, () -> c.cancel(id));
    assertThrows(IllegalArgumentException.class, () -> c.cancelAsync(id));
    assertThrows(IllegalArgumentException.class, () -> c.status(id));
    assertThrows(IllegalArgumentException.class, () -> c.cancelAndAwait(id, Duration.ofSeconds(1)));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void idIsPercentEncodedAsOnePathSegment() throws Exception {
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    canceller().cancel("job 1?x#y");

    assertCancelSent(take(), "job%201%3Fx%23y");
  }

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPrefix() throws Exception {
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    builder().baseUrl(server.url("/prefix").toString()).build().cancel(JOB);

    assertCancelSent(take(), JOB);
  }

  @Test
  void defaultBaseUrlCarriesPlangrepsPathPrefix() {
    PlangrepCanceller c = PlangrepCanceller.builder().apiKey(KEY).build();

    assertTrue(c.toString().contains("baseUrl=https://plangrep.com/api/open/v1/"), c.toString());
    // Plangrep asks for polls no faster than every 5 s.
    assertTrue(c.toString().contains("pollInterval=PT6S"), c.toString());
    assertEquals("plangrep", c.provider());
  }

  @Test
  void fromEnvReadsPlangrepApiKey() {
    PlangrepCanceller c = PlangrepCanceller.fromEnv(Map.of("PLANGREP_API_KEY", KEY)::get);

    assertEquals("plangrep", c.provider());
    assertTrue(c.toString().contains("https://plangrep.com/api/open/v1/"), c.toString());
    assertFalse(c.toString().contains(KEY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  @NullSource
  void fromEnvWithoutTheVariableThrowsNamingIt(String value) {
    Map<String, String> env = new HashMap<>();
    env.put("PLANGREP_API_KEY", value);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PlangrepCanceller.fromEnv(env::get));

    assertTrue(e.getMessage().contains("PLANGREP_API_KEY"), e.getMessage());
  }

  @Test
  void buildWithoutKeyFails() {
    assertThrows(IllegalStateException.class, () -> PlangrepCanceller.builder().build());
  }

  @Test
  void toStringNeverShowsTheKey() {
    PlangrepCanceller c = canceller();

    assertFalse(c.toString().contains(KEY), c.toString());
    assertFalse(builder().toString().contains(KEY));
    assertTrue(c.toString().contains("/prefix/"), c.toString());
  }
}
