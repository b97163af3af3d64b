package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.assertCancelRequest;
import static io.cancelkit.layers.LayersFixtures.assertJobRequest;
import static io.cancelkit.layers.LayersFixtures.builder;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static io.cancelkit.layers.LayersFixtures.json;
import static io.cancelkit.layers.LayersFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cancelAndAwait}: cancel, then poll {@code GET /v1/jobs/{jobId}} with ETags. */
class LayersAwaitTest {
  private static final Duration LONG = Duration.ofSeconds(10);

  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void shutdown() throws IOException {
    server.shutdown();
  }

  @Test
  void pendingThenRunningThenCanceledIsCancelled() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(200, fixture("job-running.json")));
    server.enqueue(
        json(200, fixture("job-canceled.json")).setHeader("X-Request-Id", "req_last_get"));
    CancelOutcome outcome = builder(server).build().cancelAndAwait(JOB, LONG);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    JobSnapshot job = c.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("canceled", job.providerStatus());
    assertEquals(200, c.response().httpStatus());
    assertEquals("req_last_get", c.response().requestId());
    assertEquals(3, c.response().attempts());
    assertCancelRequest(take(server), JOB);
    assertJobRequest(take(server), JOB, null);
    assertJobRequest(take(server), JOB, null);
  }

  @Test
  void pendingThenCompletedIsAlreadyFinished() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(200, fixture("job-completed.json")));
    CancelOutcome outcome = builder(server).build().cancelAndAwait(JOB, LONG);

    AlreadyFinished a = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, a.finalState());
    assertEquals("completed", a.providerStatus());
    assertEquals(2, a.response().attempts());
    assertCancelRequest(take(server), JOB);
    assertJobRequest(take(server), JOB, null);
  }

  @Test
  void pollSendsTheLastEtagAndA304ReusesTheLastSnapshot() throws Exception {
    String etag = "W/\"job-v7\"";
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(200, fixture("job-running.json")).setHeader("ETag", etag));
    server.enqueue(new MockResponse().setResponseCode(304).setHeader("ETag", etag));
    server.enqueue(json(200, fixture("job-canceled.json")).setHeader("ETag", "W/\"job-v8\""));
    CancelOutcome outcome = builder(server).build().cancelAndAwait(JOB, LONG);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals("canceled", c.snapshot().orElseThrow().providerStatus());
    assertEquals(4, c.response().attempts());
    assertCancelRequest(take(server), JOB);
    assertJobRequest(take(server), JOB, null);
    assertJobRequest(take(server), JOB, etag);
    assertJobRequest(take(server), JOB, etag);
  }

  @Test
  void deadlinePassesWhileRunningLeavesPendingWithTheLastSnapshot() throws Exception {
    String etag = "\"v1\"";
    AtomicInteger gets = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getMethod().equals("POST")) {
              return json(202, fixture("cancel-202-accepted.json"));
            }
            // Running once, then "not modified" for ever: the snapshot must be the reused one.
            if (gets.getAndIncrement() == 0) {
              return json(200, fixture("job-running.json")).setHeader("ETag", etag);
            }
            return etag.equals(request.getHeader("If-None-Match"))
                ? new MockResponse().setResponseCode(304)
                : json(500, "{\"error\":{\"code\":\"PLATFORM_ERROR\"}}");
          }
        });
    long start = System.nanoTime();
    CancelOutcome outcome = builder(server).build().cancelAndAwait(JOB, Duration.ofSeconds(1));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    JobSnapshot last = p.snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, last.state());
    assertEquals("generating_visuals", last.stage());
    assertTrue(gets.get() >= 2, "polled more than once: " + gets.get());
    assertTrue(tookMillis < 5_000, "returned near the deadline, took " + tookMillis + " ms");
    assertEquals(p.response().attempts(), server.getRequestCount());
    assertCancelRequest(take(server), JOB);
    assertJobRequest(take(server), JOB, null);
    assertJobRequest(take(server), JOB, etag);
  }

  @Test
  void aCancelThatIsNotPendingReturnsAtOnceWithoutPolling() throws Exception {
    server.enqueue(json(409, fixture("cancel-409-job-cancel-unavailable.json")));
    CancelOutcome outcome = builder(server).build().cancelAndAwait(JOB, LONG);

    NotCancellable n = assertInstanceOf(NotCancellable.class, outcome);
    assertEquals("opening_pr", n.stage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aPollThatFailsOnceIsRetriedByTheNextPoll() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    for (int i = 0; i < 3; i++) server.enqueue(json(503, fixture("error-503-kill-switch.json")));
    server.enqueue(json(200, fixture("job-canceled.json")));
    CancelOutcome outcome = builder(server).build().cancelAndAwait(JOB, LONG);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(5, outcome.response().attempts());
  }
}
