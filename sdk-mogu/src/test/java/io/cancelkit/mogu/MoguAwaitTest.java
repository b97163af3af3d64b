package io.cancelkit.mogu;

import static io.cancelkit.mogu.MoguFixtures.ID;
import static io.cancelkit.mogu.MoguFixtures.assertCancelRequest;
import static io.cancelkit.mogu.MoguFixtures.assertStatusRequest;
import static io.cancelkit.mogu.MoguFixtures.canceller;
import static io.cancelkit.mogu.MoguFixtures.fixture;
import static io.cancelkit.mogu.MoguFixtures.json;
import static io.cancelkit.mogu.MoguFixtures.take;
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
import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cancelAndAwait}: cancel, then poll the public status until it ends or time is up. */
class MoguAwaitTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void shutdown() throws IOException {
    server.shutdown();
  }

  @Test
  void awaitPendingThenRunningThenCanceled() throws Exception {
    server.enqueue(json(200, "job-processing"));
    server.enqueue(json(200, "job-processing"));
    server.enqueue(json(200, "job-canceled"));

    CancelOutcome outcome = canceller(server).cancelAndAwait(ID, Duration.ofSeconds(10));

    JobSnapshot job = assertInstanceOf(Cancelled.class, outcome).snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("canceled", job.providerStatus());
    assertEquals(3, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));
    assertStatusRequest(take(server));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void awaitPendingThenCompletedFirst() throws Exception {
    server.enqueue(json(200, "job-processing"));
    server.enqueue(json(200, "job-completed"));

    CancelOutcome outcome = canceller(server).cancelAndAwait(ID, Duration.ofSeconds(10));

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.COMPLETED, finished.finalState());
    assertEquals("completed", finished.providerStatus());
    assertEquals(2, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));
  }

  @Test
  void awaitDeadlinePassesWhileStillProcessing() throws Exception {
    String processing = fixture("job-processing");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse().setResponseCode(200).setBody(processing);
          }
        });

    MoguCanceller mogu = canceller(server);
    // Warm up both endpoints first: on a cold JVM the first calls (class loading, Retrofit's
    // method parsing) can take longer than the 150 ms deadline under test.
    assertInstanceOf(CancelPending.class, mogu.cancel(ID));
    assertEquals(JobState.RUNNING, mogu.status(ID).state());
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));

    long start = System.nanoTime();
    CancelOutcome outcome = mogu.cancelAndAwait(ID, Duration.ofMillis(150));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    JobSnapshot last = assertInstanceOf(CancelPending.class, outcome).snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, last.state());
    assertEquals("processing", last.providerStatus());
    assertTrue(took.compareTo(Duration.ofMillis(150)) >= 0, "returned early: " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "overran the deadline: " + took);
    int requests = server.getRequestCount() - 2;
    assertTrue(requests >= 2, "polled at least once: " + requests);
    assertEquals(requests, outcome.response().attempts(), outcome.toString());
    assertCancelRequest(take(server));
    for (int i = 1; i < requests; i++) assertStatusRequest(take(server));
  }

  @Test
  void awaitReturnsANonPendingCancelAtOnce() throws Exception {
    server.enqueue(json(404, "error-job-not-found"));

    assertInstanceOf(NotFound.class, canceller(server).cancelAndAwait(ID, Duration.ofSeconds(10)));
    assertEquals(1, server.getRequestCount());
  }
}
