package io.cancelkit.scale;

import static io.cancelkit.scale.ScaleTestSupport.CANCEL_PATH;
import static io.cancelkit.scale.ScaleTestSupport.JOB;
import static io.cancelkit.scale.ScaleTestSupport.JOB_PATH;
import static io.cancelkit.scale.ScaleTestSupport.assertSent;
import static io.cancelkit.scale.ScaleTestSupport.body;
import static io.cancelkit.scale.ScaleTestSupport.canceller;
import static io.cancelkit.scale.ScaleTestSupport.fixture;
import static io.cancelkit.scale.ScaleTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code status()} for every Dex status word, and {@code cancelAndAwait}. */
class ScaleStatusAndAwaitTest {
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

  // ---- status ----------------------------------------------------------------------------------

  @ParameterizedTest(name = "GET {0} -> {1}")
  @CsvSource({
    // completed_at ?? started_at ?? created_at
    "job-pending.json,                    QUEUED,    pending,             2025-06-02T09:14:03.512Z",
    "job-running.json,                    RUNNING,   running,             2025-06-02T09:14:04.100Z",
    "job-running-batch-with-history.json, RUNNING,   running,             2025-06-02T09:14:04.100Z",
    "job-succeeded.json,                  COMPLETED, succeeded,           2025-06-02T09:15:41.877Z",
    "job-partially-succeeded.json,        COMPLETED, partially_succeeded, 2025-06-02T09:18:12.004Z",
    "job-failed.json,                     FAILED,    failed,              2025-06-02T09:14:09.250Z",
    "job-cancelled.json,                  CANCELLED, cancelled,           2025-06-02T09:14:05.020Z",
    "job-cancelled-older-schema.json,     CANCELLED, CANCELLED,           2025-06-02T09:14:03.512Z",
  })
  void statusReadsTheJobEntity(
      String fixture, JobState state, String providerStatus, Instant updatedAt) throws Exception {
    server.enqueue(json(200, fixture));

    JobSnapshot job = canceller(server).status(JOB);

    assertEquals("scale", job.provider());
    assertEquals(JOB, job.jobId());
    assertEquals(state, job.state());
    assertEquals(providerStatus, job.providerStatus());
    assertNull(job.stage());
    assertEquals(updatedAt, job.updatedAt());
    assertEquals(Json.object(fixture(fixture)), job.attributes());
    assertSent(server, "GET", JOB_PATH);
  }

  @ParameterizedTest(name = "status word {0} -> {1}")
  @CsvSource({
    "pending, QUEUED",
    "running, RUNNING",
    "succeeded, COMPLETED",
    "partially_succeeded, COMPLETED",
    "failed, FAILED",
    "cancelled, CANCELLED",
    "PENDING, QUEUED",
    "RUNNING, RUNNING",
    "SUCCEEDED, COMPLETED",
    "PARTIALLY_SUCCEEDED, COMPLETED",
    "FAILED, FAILED",
    "CANCELLED, CANCELLED",
    "archived, UNKNOWN",
    "canceled, UNKNOWN",
  })
  void statusMapsEveryWordAndUnknownToUnknown(String word, JobState state) throws Exception {
    server.enqueue(
        body(
            200,
            "{\"id\":\"job_7f3c2a91\",\"project_id\":\"proj_acme\",\"operation\":\"parse\","
                + "\"status\":\""
                + word
                + "\",\"created_at\":\"2025-06-02T09:14:03Z\"}"));

    JobSnapshot job = canceller(server).status(JOB);

    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertSent(server, "GET", JOB_PATH);
  }

  @Test
  void statusKeepsTheNewerFieldsAsAttributes() throws Exception {
    server.enqueue(json(200, "job-running-batch-with-history.json"));

    JobSnapshot job = canceller(server).status(JOB);

    Map<?, ?> progress = (Map<?, ?>) job.attributes().get("progress");
    assertEquals(3.0, progress.get("total"));
    assertEquals(3, ((List<?>) progress.get("child_jobs")).size());
    List<?> history = (List<?>) job.attributes().get("history");
    assertEquals("Parsing documents", ((Map<?, ?>) history.get(1)).get("step"));
    assertSent(server, "GET", JOB_PATH);
  }

  @Test
  void anUnreadableTimestampFallsBackToTheNextOne() throws Exception {
    server.enqueue(
        body(
            200,
            "{\"status\":\"succeeded\",\"completed_at\":\"yesterday\","
                + "\"started_at\":\"2025-06-02T09:14:04Z\","
                + "\"created_at\":\"2025-06-02T09:14:03Z\"}"));

    JobSnapshot job = canceller(server).status(JOB);

    assertEquals(Instant.parse("2025-06-02T09:14:04Z"), job.updatedAt());
    assertSent(server, "GET", JOB_PATH);
  }

  @Test
  void statusOfAnUnknownJobThrowsNotFound() throws Exception {
    server.enqueue(json(404, "error-404.json"));

    JobCancelException e =
        assertThrows(JobCancelException.class, () -> canceller(server).status(JOB));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(404, e.error().httpStatus());
    assertSent(server, "GET", JOB_PATH);
  }

  @Test
  void statusOfGarbageThrowsUnexpectedResponse() throws Exception {
    server.enqueue(body(200, "{\"id\":\"job_7f3c2a91\"}"));

    JobCancelException e =
        assertThrows(JobCancelException.class, () -> canceller(server).status(JOB));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, e.error().kind());
    assertTrue(e.getMessage().contains("JobEntity has no status"), e.getMessage());
    assertSent(server, "GET", JOB_PATH);
  }

  @Test
  void statusRejectedKeyThrowsAuthentication() throws Exception {
    server.enqueue(json(401, "error-401.json"));

    JobCancelException e =
        assertThrows(JobCancelException.class, () -> canceller(server).status(JOB));

    assertEquals(ErrorKind.AUTHENTICATION, e.error().kind());
    assertEquals("HTTP 401: Invalid API key", e.error().message());
    assertSent(server, "GET", JOB_PATH);
  }

  // ---- cancelAndAwait --------------------------------------------------------------------------

  @Test
  void awaitAfter202PollsUntilCancelled() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    server.enqueue(json(200, "job-running.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome result = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, result);
    assertEquals(JobState.CANCELLED, cancelled.snapshot().orElseThrow().state());
    assertEquals(200, cancelled.response().httpStatus());
    assertEquals(3, cancelled.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
    assertSent(server, "GET", JOB_PATH);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void awaitAfter200PendingSeesTheJobSucceed() throws Exception {
    server.enqueue(json(200, "job-pending.json"));
    server.enqueue(json(200, "job-succeeded.json"));

    CancelOutcome result = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, result);
    assertEquals(JobState.COMPLETED, finished.finalState());
    assertEquals("succeeded", finished.providerStatus());
    assertEquals(2, finished.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
  }

  @Test
  void awaitAfter200CancelledDoesNotPoll() throws Exception {
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome result = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    assertInstanceOf(Cancelled.class, result);
    assertEquals(1, result.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void awaitAfter400ReturnsTheResolvedOutcome() throws Exception {
    server.enqueue(json(400, "error-400-terminal.json"));
    server.enqueue(json(200, "job-succeeded.json"));

    CancelOutcome result = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, result);
    assertEquals(JobState.COMPLETED, finished.finalState());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void awaitPastTheDeadlineStaysPending() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return request.getMethod().equals("POST")
                ? new MockResponse().setResponseCode(202)
                : json(200, "job-running.json");
          }
        });

    CancelOutcome result = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(1));

    CancelPending pending = assertInstanceOf(CancelPending.class, result);
    assertEquals(JobState.RUNNING, pending.snapshot().orElseThrow().state());
    assertTrue(pending.response().attempts() >= 2, "cancel and at least one poll");
    int requests = server.getRequestCount();
    assertSent(server, "POST", CANCEL_PATH);
    for (int i = 1; i < requests; i++) assertSent(server, "GET", JOB_PATH);
  }
}
