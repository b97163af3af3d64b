package io.cancelkit.scale;

import static io.cancelkit.scale.ScaleTestSupport.CANCEL_PATH;
import static io.cancelkit.scale.ScaleTestSupport.CORRELATION_ID;
import static io.cancelkit.scale.ScaleTestSupport.JOB;
import static io.cancelkit.scale.ScaleTestSupport.JOB_PATH;
import static io.cancelkit.scale.ScaleTestSupport.assertSent;
import static io.cancelkit.scale.ScaleTestSupport.builder;
import static io.cancelkit.scale.ScaleTestSupport.canceller;
import static io.cancelkit.scale.ScaleTestSupport.json;
import static io.cancelkit.scale.ScaleTestSupport.startedServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end on MockWebServer: what goes on the wire (method, path under a prefixed base URL, both
 * Dex headers, no {@code Authorization}), the settling GET, retries after a lost answer, and polls
 * on virtual time. What each answer means is {@link ScaleMapperTest}'s.
 */
class ScaleCancellerTest {
  @AutoClose private final MockWebServer server = startedServer();

  @BeforeAll
  static void quietDroppedConnectionWarnings() {
    ScaleTestSupport.quietDroppedConnections();
  }

  @Test
  void cancelPostsToTheProjectsJobWithBothDexHeadersAndNoAuthorization() throws Exception {
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome result = canceller(server).cancel(JOB);

    Cancelled cancelled = assertInstanceOf(Cancelled.class, result);
    assertEquals(JobState.CANCELLED, cancelled.snapshot().orElseThrow().state());
    // No header names a request id, so the engine takes the mapper's: the correlation_id.
    assertEquals(CORRELATION_ID, cancelled.response().requestId());
    assertEquals(1, cancelled.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(1, server.getRequestCount());
  }

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
  void cancel400IsSettledByOneAuthenticatedGetOfTheJob() throws Exception {
    server.enqueue(json(400, "error-400-terminal.json"));
    server.enqueue(json(200, "job-failed.json"));

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller(server).cancel(JOB));

    assertEquals(JobState.FAILED, finished.finalState());
    assertEquals("failed", finished.providerStatus());
    assertEquals(200, finished.response().httpStatus(), "the facts of the settling GET");
    assertEquals(CORRELATION_ID, finished.response().requestId());
    assertEquals(2, finished.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void cancelAsync400IsSettledByOneGetToo() throws Exception {
    server.enqueue(json(400, "error-400-terminal.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome result = canceller(server).cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    Cancelled cancelled = assertInstanceOf(Cancelled.class, result);
    assertEquals(2, cancelled.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
  }

  @Test
  void lostAnswerIsRetriedAndTheIdempotent200SaysCancelled() throws Exception {
    // The first cancel reaches Dex but its answer is lost; the retry meets the idempotent 200.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "job-cancelled.json"));
    VirtualClock clock = new VirtualClock();

    CancelOutcome result = builder(server, 3).build(clock).cancel(JOB);

    Cancelled cancelled = assertInstanceOf(Cancelled.class, result);
    assertEquals(2, cancelled.response().attempts());
    assertEquals(200, cancelled.response().httpStatus());
    assertEquals(1, clock.waits().size(), "one backoff, on virtual time");
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "POST", CANCEL_PATH);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aRedirectIsNotFollowedSoTheKeyNeverLeavesDex() throws Exception {
    // OkHttp drops Authorization on a cross-host redirect, but not a custom x-api-key header.
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start();
      server.enqueue(
          new MockResponse()
              .setResponseCode(302)
              .setHeader("Location", elsewhere.url("/v1/steal").toString()));

      Failed failed = assertInstanceOf(Failed.class, canceller(server).cancel(JOB));

      assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
      assertEquals(302, failed.error().httpStatus());
      assertSent(server, "POST", CANCEL_PATH);
      assertEquals(0, elsewhere.getRequestCount());
    }
  }

  @Test
  void awaitAfter202PollsTheJobUntilCancelled() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    server.enqueue(json(200, "job-running.json"));
    server.enqueue(json(200, "job-cancelled.json"));
    VirtualClock clock = new VirtualClock();

    CancelOutcome result =
        builder(server, 3).build(clock).cancelAndAwait(JOB, Duration.ofMinutes(1));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, result);
    assertEquals(200, cancelled.response().httpStatus());
    assertEquals(3, cancelled.response().attempts());
    assertEquals(2, clock.waits().size(), "one poll delay before each GET");
    assertSent(server, "POST", CANCEL_PATH);
    assertSent(server, "GET", JOB_PATH);
    assertSent(server, "GET", JOB_PATH);
    assertEquals(3, server.getRequestCount());
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
    VirtualClock clock = new VirtualClock();
    Duration timeout = Duration.ofSeconds(20);

    CancelOutcome result = builder(server, 3).build(clock).cancelAndAwait(JOB, timeout);

    CancelPending pending = assertInstanceOf(CancelPending.class, result);
    assertEquals(JobState.RUNNING, pending.snapshot().orElseThrow().state());
    // The whole timeout passed, on virtual time only: polling stopped exactly at the deadline.
    assertEquals(timeout, clock.elapsed());
    int requests = server.getRequestCount();
    assertEquals(requests, pending.response().attempts());
    assertSent(server, "POST", CANCEL_PATH);
    for (int i = 1; i < requests; i++) assertSent(server, "GET", JOB_PATH);
  }
}
