package io.cancelkit.omni;

import static io.cancelkit.omni.OmniTestSupport.JOB;
import static io.cancelkit.omni.OmniTestSupport.assertCancelSent;
import static io.cancelkit.omni.OmniTestSupport.assertGetSent;
import static io.cancelkit.omni.OmniTestSupport.body;
import static io.cancelkit.omni.OmniTestSupport.canceller;
import static io.cancelkit.omni.OmniTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** "Not cancellable" answers (400 and 409), decided by one GET of the job. */
class OmniResolveTest {
  private static final String[] REFUSALS = {
    "400:cancel-400-not-cancellable.json",
    "400:cancel-400-not-cancellable-detail.json",
    "409:cancel-409-conflict.json"
  };

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

  static Stream<Arguments> refusalsResolvedByTheJob() {
    return Stream.of(REFUSALS)
        .flatMap(
            refusal ->
                Stream.of(
                    row(refusal, "job-delivering.json", o -> {
                      NotCancellable n = assertInstanceOf(NotCancellable.class, o);
                      assertEquals("DELIVERING", n.stage());
                      assertTrue(n.reason().contains("finalizing results"), n.reason());
                    }),
                    row(refusal, "job-complete.json", o -> {
                      AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, o);
                      assertEquals(JobState.COMPLETED, f.finalState());
                      assertEquals("COMPLETE", f.providerStatus());
                    }),
                    row(refusal, "job-failed.json", o -> {
                      AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, o);
                      assertEquals(JobState.FAILED, f.finalState());
                      assertEquals("FAILED", f.providerStatus());
                    }),
                    row(refusal, "job-cancelled.json", o -> {
                      JobSnapshot job = assertInstanceOf(Cancelled.class, o).snapshot().orElseThrow();
                      assertEquals(JobState.CANCELLED, job.state());
                      assertEquals("CANCELLED", job.providerStatus());
                      assertEquals(
                          "Which regions grew fastest last quarter?", job.attributes().get("prompt"));
                    }),
                    // A refusal while the job reads EXECUTING (a race): still running, refused now.
                    row(refusal, "job-executing.json", o -> {
                      NotCancellable n = assertInstanceOf(NotCancellable.class, o);
                      assertEquals("EXECUTING", n.stage());
                    })));
  }

  private static Arguments row(String refusal, String job, Consumer<CancelOutcome> check) {
    String[] parts = refusal.split(":");
    return Arguments.of(Integer.parseInt(parts[0]), parts[1], job, check);
  }

  @ParameterizedTest(name = "{index}: HTTP {0} {1} then GET {2}")
  @MethodSource("refusalsResolvedByTheJob")
  void refusalIsResolvedByOneGet(
      int status, String refusal, String job, Consumer<CancelOutcome> check) throws Exception {
    server.enqueue(json(status, refusal));
    server.enqueue(json(200, job).setHeader("X-Request-Id", "req-get"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    check.accept(outcome);
    assertEquals(JOB, outcome.jobId());
    // The outcome carries the GET's facts: it is what decided.
    assertEquals(200, outcome.response().httpStatus());
    assertEquals("req-get", outcome.response().requestId());
    assertEquals(2, outcome.response().attempts());
    assertCancelSent(server);
    assertGetSent(server);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void deliveringRefusalKeepsOmnisMessage() {
    server.enqueue(json(400, "cancel-400-not-cancellable.json"));
    server.enqueue(json(200, "job-delivering.json"));

    NotCancellable n = assertInstanceOf(NotCancellable.class, canceller(server).cancel(JOB));

    assertTrue(n.reason().startsWith("Job is not in a cancellable state"), n.reason());
  }

  @Test
  void failedResolvingGetLeavesAlreadyFinishedUnknown() throws Exception {
    server.enqueue(json(400, "cancel-400-not-cancellable.json"));
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "cancel-500.json"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, f.finalState());
    assertNull(f.providerStatus());
    // The cancel answer stands, with every attempt counted.
    assertEquals(400, f.response().httpStatus());
    assertEquals(4, f.response().attempts());
    assertCancelSent(server);
    for (int i = 0; i < 3; i++) assertGetSent(server);
  }

  @Test
  void unreadableResolvingGetLeavesAlreadyFinishedUnknown() throws Exception {
    server.enqueue(json(409, "cancel-409-conflict.json"));
    server.enqueue(body(200, "{\"id\":\"" + JOB + "\"}"));

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, canceller(server).cancel(JOB));

    assertEquals(JobState.UNKNOWN, f.finalState());
    assertEquals(409, f.response().httpStatus());
    assertEquals(2, f.response().attempts());
  }

  @Test
  void lostRefusalIsRetriedBeforeResolving() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(400, "cancel-400-not-cancellable.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome outcome = canceller(server).cancel(JOB);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(3, outcome.response().attempts());
    assertCancelSent(server);
    assertCancelSent(server);
    assertGetSent(server);
  }

  @Test
  void asyncRefusalIsResolvedToo() throws Exception {
    server.enqueue(json(400, "cancel-400-not-cancellable-detail.json"));
    server.enqueue(json(200, "job-delivering.json"));

    CancelOutcome outcome = canceller(server).cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    assertEquals("DELIVERING", assertInstanceOf(NotCancellable.class, outcome).stage());
    assertCancelSent(server);
    assertGetSent(server);
  }
}
