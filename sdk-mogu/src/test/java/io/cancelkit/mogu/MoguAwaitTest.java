package io.cancelkit.mogu;

import static io.cancelkit.mogu.MoguFixtures.ID;
import static io.cancelkit.mogu.MoguFixtures.assertRequests;
import static io.cancelkit.mogu.MoguFixtures.builder;
import static io.cancelkit.mogu.MoguFixtures.fixture;
import static io.cancelkit.mogu.MoguFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code cancelAndAwait}: cancel, then poll the public status until it ends or time is up; on
 * virtual time, so the default 2 s poll interval costs no real second.
 */
class MoguAwaitTest {
  @AutoClose private final MockWebServer server = new MockWebServer();
  private final VirtualClock clock = new VirtualClock();

  private MoguCanceller canceller() {
    return builder(server).build(clock);
  }

  @Test
  void awaitPollsUntilProcessingTurnsCanceled() throws Exception {
    server.enqueue(json(200, "job-processing"));
    server.enqueue(json(200, "job-processing"));
    server.enqueue(json(200, "job-canceled"));

    CancelOutcome outcome = canceller().cancelAndAwait(ID, Duration.ofSeconds(30));

    JobSnapshot job = assertInstanceOf(Cancelled.class, outcome).snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("canceled", job.providerStatus());
    assertEquals(3, outcome.response().attempts());
    // The default first poll delay (jitter fixed at the midpoint), then one grown ×1.3.
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofMillis(2600)), clock.waits());
    assertRequests(server, "POST", "GET", "GET");
  }

  @Test
  void awaitStopsWhenTheJobCompletesFirst() throws Exception {
    server.enqueue(json(200, "job-processing"));
    server.enqueue(json(200, "job-completed"));

    CancelOutcome outcome = canceller().cancelAndAwait(ID, Duration.ofSeconds(30));

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, finished.finalState());
    assertEquals("completed", finished.providerStatus());
    assertEquals(2, outcome.response().attempts());
    assertRequests(server, "POST", "GET");
  }

  @Test
  void awaitDeadlinePassingWhileStillProcessingLeavesCancelPending() throws Exception {
    String processing = fixture("job-processing");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse().setResponseCode(200).setBody(processing);
          }
        });
    Duration timeout = Duration.ofSeconds(10);

    CancelOutcome outcome = canceller().cancelAndAwait(ID, timeout);

    JobSnapshot last = assertInstanceOf(CancelPending.class, outcome).snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, last.state());
    assertEquals("processing", last.providerStatus());
    assertEquals(timeout, clock.elapsed(), "waited exactly until the deadline: " + clock.waits());
    int requests = server.getRequestCount();
    assertTrue(requests >= 3, "polled more than once: " + requests);
    // Every wait but the last, cut short by the deadline, was followed by a poll.
    assertEquals(clock.waits().size(), requests, clock.waits().toString());
    assertEquals(requests, outcome.response().attempts(), outcome.toString());
    String[] sent = new String[requests];
    Arrays.fill(sent, "GET");
    sent[0] = "POST";
    assertRequests(server, sent);
  }

  @Test
  void awaitReturnsANonPendingCancelAtOnce() throws Exception {
    server.enqueue(json(404, "error-job-not-found"));

    assertInstanceOf(NotFound.class, canceller().cancelAndAwait(ID, Duration.ofSeconds(30)));
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), clock.waits(), "no poll after a final answer");
  }
}
