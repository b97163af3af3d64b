package io.cancelkit.omni;

import static io.cancelkit.omni.OmniTestSupport.CANCEL_PATH;
import static io.cancelkit.omni.OmniTestSupport.JOB;
import static io.cancelkit.omni.OmniTestSupport.JOB_PATH;
import static io.cancelkit.omni.OmniTestSupport.assertCancelSent;
import static io.cancelkit.omni.OmniTestSupport.assertGetSent;
import static io.cancelkit.omni.OmniTestSupport.body;
import static io.cancelkit.omni.OmniTestSupport.canceller;
import static io.cancelkit.omni.OmniTestSupport.fixture;
import static io.cancelkit.omni.OmniTestSupport.json;
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
import io.cancelkit.core.NotCancellable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code status()} and {@code cancelAndAwait()}. */
class OmniStatusTest {
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

  private static String job(String state, String extra) {
    return "{\"id\":\"" + JOB + "\",\"state\":\"" + state + "\",\"prompt\":\"p\","
        + "\"conversationId\":\"c1\"" + extra + "}";
  }

  // ---- status() -------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}, stage {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "QUEUED,     QUEUED,    null",
        "EXECUTING,  RUNNING,   EXECUTING",
        "DELIVERING, RUNNING,   DELIVERING",
        "COMPLETE,   COMPLETED, null",
        "FAILED,     FAILED,    null",
        "CANCELLED,  CANCELLED, null"
      })
  void statusMapsEveryStateWord(String word, JobState state, String stage) throws Exception {
    server.enqueue(json(200, "job-" + word.toLowerCase() + ".json"));

    JobSnapshot job = canceller(server).status(JOB);

    assertEquals("omni", job.provider());
    assertEquals(JOB, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertEquals(stage, job.stage());
    assertNull(job.updatedAt());
    assertEquals("Which regions grew fastest last quarter?", job.attributes().get("prompt"));
    assertEquals("c0ffee00-1234-4abc-8def-0123456789ab", job.attributes().get("conversationId"));
    assertGetSent(server);
  }

  @ParameterizedTest(name = "{0} -> UNKNOWN")
  @ValueSource(strings = {"ARCHIVED", "complete", "COMPLETED", "CANCELED", ""})
  void unknownStateWordIsUnknown(String word) {
    server.enqueue(body(200, job(word, "")));

    JobSnapshot job = canceller(server).status(JOB);

    assertEquals(JobState.UNKNOWN, job.state());
    assertEquals(word, job.providerStatus());
    assertNull(job.stage());
  }

  @Test
  void stateTableIsTotal() {
    assertEquals(JobState.UNKNOWN, OmniMapper.state(null));
    assertEquals(JobState.UNKNOWN, OmniMapper.state("PENDING"));
    assertEquals(JobState.RUNNING, OmniMapper.state("DELIVERING"));
  }

  @Test
  void statusKeepsOptionalFields() {
    server.enqueue(
        body(200, job("EXECUTING", ",\"progress\":{\"step\":2,\"of\":5},\"resultSummary\":null")));

    JobSnapshot job = canceller(server).status(JOB);

    assertEquals(Double.valueOf(2), ((java.util.Map<?, ?>) job.attributes().get("progress")).get("step"));
    assertTrue(job.attributes().containsKey("resultSummary"));
    assertNull(job.attributes().get("resultSummary"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        ",\"createdAt\":\"2025-01-02T03:04:05Z\",\"updatedAt\":\"2025-01-02T03:09:00Z\"|2025-01-02T03:09:00Z",
        ",\"createdAt\":\"2025-01-02T03:04:05Z\",\"completedAt\":\"2025-01-02T03:08:00.5+01:00\"|2025-01-02T02:08:00.500Z",
        ",\"createdAt\":\"2025-01-02T03:04:05Z\"|2025-01-02T03:04:05Z",
        ",\"updatedAt\":\"yesterday\",\"createdAt\":\"2025-01-02T03:04:05\"|2025-01-02T03:04:05Z"
      })
  void updatedAtComesFromTheMostSpecificTimestamp(String fields, String expected) {
    server.enqueue(body(200, job("COMPLETE", fields)));

    assertEquals(Instant.parse(expected), canceller(server).status(JOB).updatedAt());
  }

  @Test
  void timestampOfAnotherTypeIsIgnored() {
    server.enqueue(body(200, job("COMPLETE", ",\"updatedAt\":1735787045000")));

    JobSnapshot job = canceller(server).status(JOB);

    assertNull(job.updatedAt());
    assertEquals(JobState.COMPLETED, job.state());
  }

  @Test
  void statusOfUnknownJobThrowsNotFound() throws Exception {
    server.enqueue(json(404, "cancel-404.json"));

    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller(server).status(JOB));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(404, e.error().httpStatus());
    assertEquals("404", e.error().providerCode());
    assertGetSent(server);
  }

  @Test
  void statusWithBadKeyThrowsAuthentication() {
    server.enqueue(json(401, "cancel-401.json"));

    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller(server).status(JOB));

    assertEquals(ErrorKind.AUTHENTICATION, e.error().kind());
    assertTrue(e.error().message().contains("Missing or invalid API key"), e.error().message());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(
      strings = {
        "<html>busy</html>",
        "{\"id\":\"" + JOB + "\"}",
        "{\"id\":\"" + JOB + "\",\"state\":[\"COMPLETE\"]}",
        "{\"id\":\"" + JOB + "\",\"state\":7}"
      })
  void unreadableStatusThrowsUnexpectedResponse(String answer) {
    server.enqueue(body(200, answer));

    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller(server).status(JOB));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, e.error().kind());
    assertEquals(1, server.getRequestCount());
  }

  // ---- cancelAndAwait() -----------------------------------------------------------------------

  @Test
  void awaitPollsUntilCancelled() throws Exception {
    server.enqueue(json(200, "cancel-200-executing.json"));
    server.enqueue(json(200, "job-executing.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome outcome = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, c.snapshot().orElseThrow().state());
    assertEquals(200, c.response().httpStatus());
    assertEquals(3, c.response().attempts());
    assertCancelSent(server);
    assertGetSent(server);
    assertGetSent(server);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void awaitReportsAJobThatCompletedFirst() throws Exception {
    server.enqueue(json(200, "cancel-200-queued.json"));
    server.enqueue(json(200, "job-complete.json"));

    CancelOutcome outcome = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, f.finalState());
    assertEquals("COMPLETE", f.providerStatus());
    assertEquals(2, f.response().attempts());
  }

  @Test
  void awaitKeepsPollingThroughDelivering() throws Exception {
    // EXECUTING finished its iteration and went on to deliver: that job completes, not cancels.
    server.enqueue(json(200, "cancel-200-executing.json"));
    server.enqueue(json(200, "job-delivering.json"));
    server.enqueue(json(200, "job-complete.json"));

    CancelOutcome outcome = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    assertEquals(JobState.COMPLETED, assertInstanceOf(AlreadyFinished.class, outcome).finalState());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void awaitReturnsAFinalCancelAnswerWithoutPolling() throws Exception {
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    CancelOutcome outcome = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void awaitOfARefusalResolvesOnceWithoutPolling() throws Exception {
    server.enqueue(json(400, "cancel-400-not-cancellable.json"));
    server.enqueue(json(200, "job-delivering.json"));

    CancelOutcome outcome = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(5));

    assertEquals("DELIVERING", assertInstanceOf(NotCancellable.class, outcome).stage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void awaitDeadlineLeavesCancelPending() throws Exception {
    String executing = fixture("job-executing.json");
    String accepted = fixture("cancel-200-executing.json");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getMethod().equals("POST") && request.getPath().equals(CANCEL_PATH)) {
              return body(200, accepted);
            }
            if (request.getMethod().equals("GET") && request.getPath().equals(JOB_PATH)) {
              return body(200, executing);
            }
            return new MockResponse().setResponseCode(500);
          }
        });

    long start = System.nanoTime();
    CancelOutcome outcome = canceller(server).cancelAndAwait(JOB, Duration.ofSeconds(1));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    JobSnapshot last = p.snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, last.state());
    assertEquals("EXECUTING", last.stage());
    assertTrue(last.attributes().containsKey("prompt"), "the last poll's snapshot, not the cancel's");
    assertTrue(p.response().attempts() >= 2, "polled at least once");
    assertEquals(p.response().attempts(), server.getRequestCount());
    assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "stopped at the deadline: " + took);
    assertCancelSent(server);
    for (int i = 1; i < server.getRequestCount(); i++) assertGetSent(server);
  }
}
