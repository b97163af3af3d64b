package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code status} and {@code cancelAndAwait}; every poll delay runs on the virtual clock. */
class EngineAwaitTest extends ServerFixture {
  static final Duration TEN_SECONDS = Duration.ofSeconds(10);

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
  void awaitReturnsCancelledWhenTheJobFlips() {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"running\"}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    CancelOutcome outcome = canceller().cancelAndAwait("job_1", TEN_SECONDS);

    Cancelled cancelled = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, cancelled.snapshot().orElseThrow().state());
    assertEquals(3, cancelled.response().attempts());
    assertEquals(200, cancelled.response().httpStatus());
  }

  @Test
  void requestIdsComeFromHeadersElseFromTheBodyOnEveryAnswer() {
    server.enqueue(json(202, "{\"requestId\":\"req_body\"}").setHeader("X-Request-Id", "req_header"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\",\"correlation_id\":\"corr_7\"}"));

    CancelOutcome outcome = canceller().cancelAndAwait("job_1", TEN_SECONDS);

    assertEquals("corr_7", assertInstanceOf(Cancelled.class, outcome).response().requestId());
    server.enqueue(json(202, "{\"requestId\":\"req_body\"}").setHeader("X-Request-Id", "req_header"));
    assertEquals("req_header", canceller().cancel("job_1").response().requestId());
  }

  @Test
  void awaitReturnsAlreadyFinishedWhenTheJobEndsOtherwise() {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"done\"}"));

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancelAndAwait("job_1", TEN_SECONDS));

    assertEquals(JobState.COMPLETED, finished.finalState());
    assertEquals("done", finished.providerStatus());
  }

  @Test
  void awaitPollsAtAGrowingPaceAndReturnsPendingAtTheDeadline() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return request.getMethod().equals("POST")
                ? json(202, "{}")
                : json(200, "{\"id\":\"job_1\",\"status\":\"running\"}");
          }
        });
    Engine canceller = builder().pollInterval(Duration.ofMillis(200)).build(clock);

    CancelPending pending =
        assertInstanceOf(CancelPending.class, canceller.cancelAndAwait("job_1", Duration.ofSeconds(1)));

    assertEquals(JobState.RUNNING, pending.snapshot().orElseThrow().state());
    // ×1.3 per poll, jitter at its midpoint; the last wait is cut to the deadline, then no poll.
    assertEquals(
        List.of(Duration.ofMillis(200), Duration.ofMillis(260), Duration.ofMillis(338), Duration.ofMillis(202)),
        clock.waits());
    assertEquals(Duration.ofSeconds(1), clock.elapsed());
    assertEquals(4, pending.response().attempts(), "the cancel and three polls");
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void awaitReturnsTheCancelsOwnOutcomeStraightAway() {
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", TEN_SECONDS));
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), clock.waits());
  }

  @Test
  void awaitSurvivesATransientPollFailure() {
    server.enqueue(json(202, "{}"));
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled =
        assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", TEN_SECONDS));

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
    assertEquals(List.of(Duration.ofMillis(2)), clock.waits(), "only the first poll delay");
  }

  @Test
  void awaitWaitsOutARetryAfterWithinAPollAndBetweenPolls() {
    server.enqueue(json(202, "{}"));
    for (int i = 0; i < 3; i++) server.enqueue(json(429, "{}").setHeader("Retry-After", "1"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled =
        assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", TEN_SECONDS));

    assertEquals(5, cancelled.response().attempts());
    // The first poll delay; the poll's two retries after 1 s each; then 1 s before the next poll.
    assertEquals(
        List.of(Duration.ofMillis(2), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
        clock.waits());
  }

  @Test
  void awaitStopsPollingWhenPollsCannotSucceed() {
    server.enqueue(json(202, "{}"));
    server.enqueue(json(401, "{}"));

    CancelPending pending =
        assertInstanceOf(CancelPending.class, canceller().cancelAndAwait("job_1", TEN_SECONDS));

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
        assertInstanceOf(Cancelled.class, canceller().cancelAndAwait("job_1", TEN_SECONDS));

    assertEquals(4, cancelled.response().attempts());
    take();
    assertNull(take().getHeader("If-None-Match"));
    assertEquals("\"v1\"", take().getHeader("If-None-Match"));
    assertEquals("\"v1\"", take().getHeader("If-None-Match"));
  }

  @Test
  void awaitRefusesANonPositiveTimeout() {
    Engine canceller = canceller();
    assertThrows(IllegalArgumentException.class, () -> canceller.cancelAndAwait("job_1", Duration.ZERO));
    assertThrows(NullPointerException.class, () -> canceller.cancelAndAwait("job_1", null));
    assertEquals(0, server.getRequestCount());
  }
}
