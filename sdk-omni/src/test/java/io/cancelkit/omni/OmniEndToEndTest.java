package io.cancelkit.omni;

import static io.cancelkit.omni.OmniFixtures.JOB;
import static io.cancelkit.omni.OmniFixtures.KEY;
import static io.cancelkit.omni.OmniFixtures.PREFIX;
import static io.cancelkit.omni.OmniFixtures.assertCancelSent;
import static io.cancelkit.omni.OmniFixtures.assertGetSent;
import static io.cancelkit.omni.OmniFixtures.body;
import static io.cancelkit.omni.OmniFixtures.builder;
import static io.cancelkit.omni.OmniFixtures.fixture;
import static io.cancelkit.omni.OmniFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The real {@link OmniCanceller} on MockWebServer: what goes on the wire, and the engine's steps
 * around the mapper (the settling GET, retries, polls). The mapping itself is {@link OmniMapperTest}.
 */
class OmniEndToEndTest {
  @AutoClose private final MockWebServer server = new MockWebServer();
  private final VirtualClock clock = new VirtualClock();

  @Test
  void cancelPostsToThePrefixedPathWithTheBearerKey() throws Exception {
    server.enqueue(json(200, "cancel-200-cancelled.json").setHeader("X-Request-Id", "req-1"));

    CancelOutcome outcome = builder(server).build().cancel(JOB);

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, c.snapshot().orElseThrow().state());
    assertEquals("req-1", c.response().requestId());
    assertEquals(1, c.response().attempts());
    assertCancelSent(server);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPrefix() throws Exception {
    server.enqueue(json(200, "cancel-200-cancelled.json"));
    String base = server.url(PREFIX).toString();

    OmniCanceller omni = builder(server).baseUrl(base.substring(0, base.length() - 1)).build();

    assertInstanceOf(Cancelled.class, omni.cancel(JOB));
    assertCancelSent(server);
  }

  @Test
  void anyWordedOmni400IsSettledByOneGetSoDeliveringIsNotCancellable() throws Exception {
    // DEFECT 4 of issue 9: this 400 does not say "cancellable state", and used to be
    // Failed(INVALID_REQUEST) with no GET; Omni documents a single 400, so the job's state decides.
    server.enqueue(json(400, "cancel-400-cannot-cancel-delivering.json"));
    server.enqueue(json(200, "job-delivering.json").setHeader("X-Request-Id", "req-get"));

    CancelOutcome outcome = builder(server).build().cancel(JOB);

    NotCancellable n = assertInstanceOf(NotCancellable.class, outcome);
    assertEquals("DELIVERING", n.stage());
    assertTrue(n.reason().contains("Cannot cancel job in state DELIVERING"), n.reason());
    // The GET decided, so the outcome carries its facts and counts both requests.
    assertEquals(200, n.response().httpStatus());
    assertEquals("req-get", n.response().requestId());
    assertEquals(2, n.response().attempts());
    assertCancelSent(server);
    assertGetSent(server);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void failedSettlingGetLeavesAlreadyFinishedUnknown() throws Exception {
    server.enqueue(json(400, "cancel-400-not-cancellable.json"));
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "cancel-500.json"));

    CancelOutcome outcome = builder(server).build(clock).cancel(JOB);

    // DESIGN.md: the best reading of the 400 stands, with every attempt counted.
    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, f.finalState());
    assertEquals(400, f.response().httpStatus());
    assertEquals(4, f.response().attempts());
    assertCancelSent(server);
    for (int i = 0; i < 3; i++) assertGetSent(server);
  }

  @Test
  void asyncCancelIsSettledByTheGetToo() throws Exception {
    server.enqueue(json(400, "cancel-400-not-cancellable-detail.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome outcome = builder(server).build().cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(2, outcome.response().attempts());
    assertCancelSent(server);
    assertGetSent(server);
  }

  @Test
  void rateLimitedCancelIsRetriedAfterRetryAfter() throws Exception {
    server.enqueue(json(429, "cancel-429.json").setHeader("Retry-After", "7"));
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    CancelOutcome outcome = builder(server).build(clock).cancel(JOB);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(2, outcome.response().attempts());
    // The 1 ms backoff would be far shorter: only Retry-After explains a 7 s wait.
    assertEquals(List.of(Duration.ofSeconds(7)), clock.waits());
    assertCancelSent(server);
    assertCancelSent(server);
  }

  @Test
  void keyEchoedByOmniNeverReachesTheMessage() {
    server.enqueue(body(401, "{\"error\":\"401\",\"message\":\"Invalid API key " + KEY + "\"}"));

    CancelError e = assertInstanceOf(Failed.class, builder(server).build().cancel(JOB)).error();

    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertFalse(e.message().contains(KEY), e.message());
  }

  @Test
  void statusGetsTheJob() throws Exception {
    server.enqueue(json(200, "job-delivering.json"));

    JobSnapshot job = builder(server).build().status(JOB);

    assertEquals(JobState.RUNNING, job.state());
    assertEquals("DELIVERING", job.stage());
    assertGetSent(server);
  }

  @Test
  void awaitPollsUntilCancelled() throws Exception {
    server.enqueue(json(200, "cancel-200-executing.json"));
    server.enqueue(json(200, "job-executing.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome outcome = builder(server).build(clock).cancelAndAwait(JOB, Duration.ofSeconds(5));

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(3, c.response().attempts());
    assertEquals(2, clock.waits().size(), "one wait before each poll");
    assertCancelSent(server);
    assertGetSent(server);
    assertGetSent(server);
  }

  @Test
  void awaitDeadlineLeavesCancelPendingWithTheLastPoll() throws Exception {
    String accepted = fixture("cancel-200-executing.json");
    String executing = fixture("job-executing.json");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return body(200, request.getMethod().equals("POST") ? accepted : executing);
          }
        });

    // Polls are free on virtual time, but each answer costs real milliseconds: poll a few times.
    OmniCanceller omni = builder(server).pollInterval(Duration.ofMillis(300)).build(clock);

    CancelOutcome outcome = omni.cancelAndAwait(JOB, Duration.ofSeconds(1));

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    // Only the GET's body has a prompt: the snapshot is the last poll's, not the cancel's.
    assertTrue(p.snapshot().orElseThrow().attributes().containsKey("prompt"));
    assertTrue(p.response().attempts() >= 2, "polled at least once");
    assertEquals(p.response().attempts(), server.getRequestCount());
    assertEquals(Duration.ofSeconds(1), clock.elapsed(), "stopped at the deadline");
  }
}
