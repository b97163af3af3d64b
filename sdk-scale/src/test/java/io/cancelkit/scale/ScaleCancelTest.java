package io.cancelkit.scale;

import static io.cancelkit.scale.ScaleTestSupport.ACCOUNT;
import static io.cancelkit.scale.ScaleTestSupport.CANCEL_PATH;
import static io.cancelkit.scale.ScaleTestSupport.CORRELATION_ID;
import static io.cancelkit.scale.ScaleTestSupport.JOB;
import static io.cancelkit.scale.ScaleTestSupport.JOB_PATH;
import static io.cancelkit.scale.ScaleTestSupport.KEY;
import static io.cancelkit.scale.ScaleTestSupport.assertSent;
import static io.cancelkit.scale.ScaleTestSupport.body;
import static io.cancelkit.scale.ScaleTestSupport.builder;
import static io.cancelkit.scale.ScaleTestSupport.canceller;
import static io.cancelkit.scale.ScaleTestSupport.fixture;
import static io.cancelkit.scale.ScaleTestSupport.json;
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
import io.cancelkit.core.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN.md's Scale rows of the answer → outcome table, each fed with the page's JobEntity. */
class ScaleCancelTest {
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

  // ---- 200 JobEntity ---------------------------------------------------------------------------

  @ParameterizedTest(name = "200 {0} -> {1}")
  @CsvSource({
    // fixture, outcome, state, providerStatus, requestId (updatedAt: statusReadsTheJobEntity)
    "job-cancelled.json, Cancelled, CANCELLED, cancelled, corr-5d2e8b10",
    "job-cancelled-older-schema.json, Cancelled, CANCELLED, CANCELLED,",
    "job-pending.json, CancelPending, QUEUED, pending, corr-5d2e8b10",
    "job-running.json, CancelPending, RUNNING, running, corr-5d2e8b10",
    "job-running-batch-with-history.json, CancelPending, RUNNING, running, corr-5d2e8b10",
    "job-succeeded.json, AlreadyFinished, COMPLETED, succeeded, corr-5d2e8b10",
    "job-partially-succeeded.json, AlreadyFinished, COMPLETED, partially_succeeded, corr-5d2e8b10",
    "job-failed.json, AlreadyFinished, FAILED, failed, corr-5d2e8b10",
  })
  void cancel200MapsByTheEntityStatus(
      String fixture, String outcome, JobState state, String providerStatus, String requestId)
      throws Exception {
    server.enqueue(json(200, fixture));

    CancelOutcome result = canceller(server).cancel(JOB);

    assertEquals(outcome, result.getClass().getSimpleName(), () -> result.toString());
    assertEquals("scale", result.provider());
    assertEquals(JOB, result.jobId());
    assertEquals(200, result.response().httpStatus());
    assertEquals(1, result.response().attempts());
    // No header names a request id, so the entity's correlation_id stands in (absent in the older).
    assertEquals(requestId, result.response().requestId());
    if (result instanceof AlreadyFinished finished) {
      assertEquals(state, finished.finalState());
      assertEquals(providerStatus, finished.providerStatus());
    } else {
      Optional<JobSnapshot> snapshot =
          result instanceof Cancelled c ? c.snapshot() : ((CancelPending) result).snapshot();
      JobSnapshot job = snapshot.orElseThrow();
      assertEquals("scale", job.provider());
      assertEquals(JOB, job.jobId());
      assertEquals(state, job.state());
      assertEquals(providerStatus, job.providerStatus());
      assertNull(job.stage());
      assertEquals(Json.object(fixture(fixture)), job.attributes());
    }
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancel200WithAnUnknownStatusIsPendingNotASuccess() throws Exception {
    server.enqueue(body(200, "{\"id\":\"job_7f3c2a91\",\"status\":\"cancelling\"}"));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller(server).cancel(JOB));

    JobSnapshot job = pending.snapshot().orElseThrow();
    assertEquals(JobState.UNKNOWN, job.state());
    assertEquals("cancelling", job.providerStatus());
    assertNull(job.updatedAt());
    assertSent(server, "POST", CANCEL_PATH);
  }

  @Test
  void aRequestIdHeaderWinsOverTheCorrelationId() throws Exception {
    server.enqueue(json(200, "job-cancelled.json").setHeader("X-Request-Id", "req_hdr_1"));

    CancelOutcome result = canceller(server).cancel(JOB);

    assertInstanceOf(Cancelled.class, result);
    assertEquals("req_hdr_1", result.response().requestId());
    assertSent(server, "POST", CANCEL_PATH);
  }

  // ---- 202 -------------------------------------------------------------------------------------

  @Test
  void cancel202WithoutBodyIsPendingWithoutSnapshot() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller(server).cancel(JOB));

    assertEquals(Optional.empty(), pending.snapshot());
    assertEquals(202, pending.response().httpStatus());
    assertEquals(1, pending.response().attempts());
    assertNull(pending.response().requestId());
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(1, server.getRequestCount());
  }

  // ---- 400: terminal, resolved by one GET -------------------------------------------------------

  @ParameterizedTest(name = "400, then GET {0} -> {1}")
  @CsvSource({
    // GET fixture, outcome, state, providerStatus, requestId
    "job-cancelled.json, Cancelled, CANCELLED, cancelled, corr-5d2e8b10",
    "job-cancelled-older-schema.json, Cancelled, CANCELLED, CANCELLED,",
    "job-succeeded.json, AlreadyFinished, COMPLETED, succeeded, corr-5d2e8b10",
    "job-partially-succeeded.json, AlreadyFinished, COMPLETED, partially_succeeded, corr-5d2e8b10",
    "job-failed.json, AlreadyFinished, FAILED, failed, corr-5d2e8b10",
  })
  void cancel400IsResolvedByOneGet(
      String getFixture, String outcome, JobState state, String providerStatus, String requestId)
      throws Exception {
    server.enqueue(json(400, "error-400-terminal.json"));
    server.enqueue(json(200, getFixture));

    CancelOutcome result = canceller(server).cancel(JOB);

    assertEquals(outcome, result.getClass().getSimpleName(), () -> result.toString());
    assertEquals(200, result.response().httpStatus());
    assertEquals(2, result.response().attempts());
    assertEquals(requestId, result.response().requestId());
    if (result instanceof AlreadyFinished finished) {
      assertEquals(state, finished.finalState());
      assertEquals(providerStatus, finished.providerStatus());
    } else {
      JobSnapshot job = ((Cancelled) result).snapshot().orElseThrow();
      assertEquals(state, job.state());
      assertEquals(providerStatus, job.providerStatus());
    }
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void cancel400WhileTheJobStillRunsIsNotCancellable() throws Exception {
    server.enqueue(json(400, "error-400-terminal.json"));
    server.enqueue(json(200, "job-running.json"));

    NotCancellable refused = assertInstanceOf(NotCancellable.class, canceller(server).cancel(JOB));

    // Dex reports no stage, so the status word names it; the 400's detail is the reason.
    assertEquals("running", refused.stage());
    assertEquals(
        "Job is in a terminal state (SUCCEEDED) and cannot be cancelled", refused.reason());
    assertEquals(2, refused.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
  }

  @ParameterizedTest(name = "400, then GET answers {0} ({2} attempts)")
  @CsvSource(
      delimiter = '|',
      value = {
        "404 | {\"detail\": \"Job not found\"} | 2",
        "200 | <html>maintenance</html>       | 2",
        "200 | {\"id\": \"job_7f3c2a91\"}      | 2",
        "500 | {\"detail\": \"boom\"}           | 4",
      })
  void cancel400WithAFailedGetStaysAlreadyFinishedUnknown(int status, String getBody, int attempts)
      throws Exception {
    server.enqueue(json(400, "error-400-terminal.json"));
    for (int i = 0; i < attempts - 1; i++) server.enqueue(body(status, getBody));

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller(server).cancel(JOB));

    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertNull(finished.providerStatus());
    assertEquals(400, finished.response().httpStatus());
    assertEquals(attempts, finished.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    for (int i = 0; i < attempts - 1; i++) assertSent(server, "GET", JOB_PATH);
    assertEquals(attempts, server.getRequestCount());
  }

  // ---- 404, 422 --------------------------------------------------------------------------------

  @Test
  void cancel404IsNotFound() throws Exception {
    server.enqueue(json(404, "error-404.json"));

    NotFound notFound = assertInstanceOf(NotFound.class, canceller(server).cancel(JOB));

    assertEquals(JOB, notFound.jobId());
    assertEquals(404, notFound.response().httpStatus());
    assertEquals(1, notFound.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancel422KeepsEveryValidationMessage() throws Exception {
    server.enqueue(json(422, "validation-error-422.json"));

    Failed failed = assertInstanceOf(Failed.class, canceller(server).cancel("job 7f3c"));

    CancelError error = failed.error();
    assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
    assertEquals(422, error.httpStatus());
    assertTrue(
        error.message().contains("path.job_id: String should match pattern '^[A-Za-z0-9_-]+$'"),
        error.message());
    assertTrue(
        error.message().contains("path.job_id: String should have at least 12 characters"),
        error.message());
    assertEquals(1, failed.response().attempts(), "a validation error is not retried");
    assertSent(server, "POST", "/prefix/v1/projects/proj_acme/jobs/job%207f3c/cancel");
    assertEquals(1, server.getRequestCount());
  }

  // ---- core defaults: 401, 403, 429, 5xx, unexpected answers ----------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "401, AUTHENTICATION, error-401.json, Invalid API key",
    "403, PERMISSION,     error-403.json, Account does not have access to this project",
  })
  void authFailuresAreNotRetried(int status, ErrorKind kind, String fixture, String detail)
      throws Exception {
    server.enqueue(json(status, fixture));

    Failed failed = assertInstanceOf(Failed.class, canceller(server).cancel(JOB));

    assertEquals(kind, failed.error().kind());
    assertEquals(status, failed.error().httpStatus());
    assertEquals("HTTP " + status + ": " + detail, failed.error().message());
    assertFalse(failed.error().message().contains(KEY));
    assertEquals(1, failed.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void rateLimitedWithoutRetriesLeftKeepsRetryAfter() throws Exception {
    server.enqueue(json(429, "error-429.json").setHeader("Retry-After", "7"));

    Failed failed = assertInstanceOf(Failed.class, builder(server, 1).build().cancel(JOB));

    assertEquals(ErrorKind.RATE_LIMITED, failed.error().kind());
    assertEquals(429, failed.error().httpStatus());
    assertEquals(Optional.of(Duration.ofSeconds(7)), failed.error().retryAfter());
    assertEquals("HTTP 429: Rate limit exceeded", failed.error().message());
    assertEquals(1, failed.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
  }

  @Test
  void rateLimitedThenCancelled() throws Exception {
    server.enqueue(json(429, "error-429.json").setHeader("Retry-After", "0"));
    server.enqueue(json(200, "job-cancelled.json"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller(server).cancel(JOB));

    assertEquals(2, cancelled.response().attempts());
    assertEquals(200, cancelled.response().httpStatus());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "POST", CANCEL_PATH);
  }

  @Test
  void serverErrorsAreRetriedUntilCancelled() throws Exception {
    server.enqueue(json(502, "error-500.json"));
    server.enqueue(json(503, "error-500.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller(server).cancel(JOB));

    assertEquals(3, cancelled.response().attempts());
    for (int i = 0; i < 3; i++) assertSent(server, "POST", CANCEL_PATH);
  }

  @Test
  void serverErrorsExhaustTheAttempts() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "error-500.json"));

    Failed failed = assertInstanceOf(Failed.class, canceller(server).cancel(JOB));

    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertEquals(500, failed.error().httpStatus());
    assertTrue(
        failed.error().message().contains("Internal Server Error"), failed.error().message());
    assertEquals(3, failed.response().attempts());
    for (int i = 0; i < 3; i++) assertSent(server, "POST", CANCEL_PATH);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void lostAnswerThenRetryIsCancelled() throws Exception {
    // The first cancel reaches Dex but its answer is lost; the retry meets the idempotent 200.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "job-cancelled.json"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller(server).cancel(JOB));

    assertEquals(JobState.CANCELLED, cancelled.snapshot().orElseThrow().state());
    assertEquals(2, cancelled.response().attempts());
    assertEquals(200, cancelled.response().httpStatus());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest(name = "200 with body [{0}] is unexpected")
  @ValueSource(
      strings = {
        "{\"id\": \"job_7f3c2a91\", \"project_id\": \"proj_acme\"}",
        "{\"id\": \"job_7f3c2a91\", \"status\": null}",
        "{\"id\": \"job_7f3c2a91\", \"status\": \"  \"}",
        "{\"id\": \"job_7f3c2a91\", \"status\": 5}",
        "{\"status\": \"cancelled\", \"created_at\": 17}",
        "[]",
        "null",
        "<html>cancelled</html>",
        "",
      })
  void garbage200IsNeverASuccess(String garbage) throws Exception {
    server.enqueue(body(200, garbage));

    Failed failed = assertInstanceOf(Failed.class, canceller(server).cancel(JOB));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals(200, failed.error().httpStatus());
    assertEquals(1, failed.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
  }

  @ParameterizedTest(name = "undocumented {0} is unexpected")
  @ValueSource(ints = {201, 204, 302, 409})
  void undocumentedStatusesAreUnexpected(int status) throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(status)
            .setHeader("Location", server.url("/elsewhere").toString()));

    Failed failed = assertInstanceOf(Failed.class, canceller(server).cancel(JOB));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals(status, failed.error().httpStatus());
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(1, server.getRequestCount(), "redirects are not followed");
  }

  // ---- async -----------------------------------------------------------------------------------

  @Test
  void cancelAsync202IsPending() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));

    CancelOutcome result = canceller(server).cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    assertInstanceOf(CancelPending.class, result);
    assertEquals(202, result.response().httpStatus());
    assertSent(server, "POST", CANCEL_PATH);
  }

  @Test
  void cancelAsync400IsResolvedByOneGet() throws Exception {
    server.enqueue(json(400, "error-400-terminal.json"));
    server.enqueue(json(200, "job-failed.json"));

    CancelOutcome result = canceller(server).cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, result);
    assertEquals(JobState.FAILED, finished.finalState());
    assertEquals("failed", finished.providerStatus());
    assertEquals(CORRELATION_ID, finished.response().requestId());
    assertEquals(2, finished.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
  }

  // ---- base URL --------------------------------------------------------------------------------

  @ParameterizedTest(name = "base {0}")
  @CsvSource({
    "/prefix,  /prefix/v1/projects/proj_acme/jobs/job_7f3c2a91/cancel",
    "/a/b/,    /a/b/v1/projects/proj_acme/jobs/job_7f3c2a91/cancel",
    "/,        /v1/projects/proj_acme/jobs/job_7f3c2a91/cancel",
  })
  void theBaseUrlPathIsKept(String base, String path) throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    ScaleCanceller canceller = builder(server, 1).baseUrl(server.url(base).toString()).build();

    assertInstanceOf(CancelPending.class, canceller.cancel(JOB));

    assertSent(server, "POST", path);
  }

  @Test
  void theDefaultBaseUrlIsDexProduction() {
    ScaleCanceller canceller =
        ScaleCanceller.builder().apiKey(KEY).accountId(ACCOUNT).projectId("p").build();

    assertEquals("https://dex.sgp.scale.com", ScaleCanceller.DEFAULT_BASE_URL);
    assertTrue(
        canceller.toString().contains("baseUrl=https://dex.sgp.scale.com/"), canceller::toString);
  }
}
