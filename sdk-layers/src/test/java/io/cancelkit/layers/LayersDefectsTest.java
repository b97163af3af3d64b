package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.API_KEY;
import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.builder;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static io.cancelkit.layers.LayersFixtures.json;
import static io.cancelkit.layers.LayersFixtures.take;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.internal.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The defects of issue 9 as a Layers user met them. Each test failed on the engine before v2 and
 * passes now; they run end to end on MockWebServer, on virtual time.
 */
class LayersDefectsTest {
  private final MockWebServer server = new MockWebServer();
  private final VirtualClock clock = new VirtualClock();
  /** Opened by a test, or at the end, to let answers held by {@link #completeHeld} go. */
  private final CountDownLatch release = new CountDownLatch(1);
  /** An application's own executor for {@code callbackExecutor(..)}. */
  private final ExecutorService callbacks =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "app-callbacks"));

  @AfterEach
  void shutdown() throws IOException {
    release.countDown();
    callbacks.shutdownNow();
    server.shutdown();
  }

  // ---- 1. redaction acted on the body before it was parsed ------------------------------------

  @Test
  void aKeySpelledLikeAJsonWordStillReadsTheAcceptedAnswer() throws Exception {
    // Masking "true" in the body made {"accepted":true} {"accepted":██}: UNEXPECTED_RESPONSE.
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    CancelOutcome outcome = builder(server).apiKey("true").build(clock).cancel(JOB);

    CancelPending pending = assertInstanceOf(CancelPending.class, outcome);
    assertEquals(202, pending.response().httpStatus());
    assertEquals("Bearer true", take(server).getHeader("Authorization"));
  }

  @Test
  void aOneLetterKeyLeavesConnectExceptionWhole() throws IOException {
    // Masking every "o" made the message "n██ answer: C██nnectExcepti██n".
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LayersCanceller layers =
        LayersCanceller.builder()
            .apiKey("o")
            .baseUrl("http://127.0.0.1:" + closedPort + "/prefix/")
            .build(clock);

    Failed f = assertInstanceOf(Failed.class, layers.cancel(JOB));

    assertEquals(ErrorKind.NETWORK, f.error().kind());
    assertTrue(f.error().message().contains("no answer: ConnectException"), f.error().message());
    assertTrue(f.toString().contains("ConnectException"), f.toString());
    assertInstanceOf(ConnectException.class, f.error().cause().orElseThrow());
  }

  // ---- 2. a key echoed by the vendor leaked out -----------------------------------------------

  /** {@code response} with the key echoed in the headers a gateway may copy it into. */
  private static MockResponse echoingTheKey(MockResponse response) {
    return response
        .setHeader("X-Request-Id", API_KEY)
        .setHeader("ETag", "\"" + API_KEY + "\"")
        .setHeader("Location", "/v1/jobs/" + JOB + "?key=" + API_KEY);
  }

  @Test
  void aKeyEchoedInResponseHeadersIsMaskedInOutcomesAndErrors() {
    server.enqueue(echoingTheKey(json(202, fixture("cancel-202-accepted.json"))));
    server.enqueue(echoingTheKey(json(401, fixture("error-401-unauthenticated.json"))));
    LayersCanceller layers = builder(server).build(clock);

    CancelOutcome pending = assertInstanceOf(CancelPending.class, layers.cancel(JOB));
    Failed failed = assertInstanceOf(Failed.class, layers.cancel(JOB));

    for (CancelOutcome outcome : List.of(pending, failed)) {
      assertFalse(outcome.toString().contains(API_KEY), outcome.toString());
      assertFalse(outcome.response().requestId().contains(API_KEY), outcome.response().toString());
    }
    assertFalse(failed.error().toString().contains(API_KEY), failed.error().toString());
    assertFalse(failed.error().requestId().contains(API_KEY), failed.error().requestId());
  }

  @Test
  void aKeyEchoedInResponseHeadersIsMaskedInStatusExceptions() {
    server.enqueue(echoingTheKey(json(404, fixture("error-404-not-found.json"))));
    LayersCanceller layers = builder(server).build(clock);

    JobCancelException e = assertThrows(JobCancelException.class, () -> layers.status(JOB));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertFalse(e.getMessage().contains(API_KEY), e.getMessage());
    assertFalse(e.error().toString().contains(API_KEY), e.error().toString());
  }

  @Test
  void aKeyEchoedInResponseHeadersIsMaskedInTheDebugLog() {
    // The engine logs through System.Logger, which defaults to java.util.logging: DEBUG is FINE.
    Logger jul = Logger.getLogger("io.cancelkit");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Handler handler = new StreamHandler(log, new SimpleFormatter());
    handler.setLevel(Level.ALL);
    Level was = jul.getLevel();
    jul.setLevel(Level.ALL);
    jul.addHandler(handler);
    try {
      server.enqueue(echoingTheKey(json(202, fixture("cancel-202-accepted.json"))));
      server.enqueue(echoingTheKey(json(200, fixture("job-canceled.json"))));
      builder(server).build(clock).cancelAndAwait(JOB, Duration.ofMinutes(1));
    } finally {
      handler.flush();
      jul.removeHandler(handler);
      jul.setLevel(was);
    }

    String all = log.toString(StandardCharsets.UTF_8);
    assertTrue(all.contains("ETag: "), "the response headers are logged: " + all);
    assertFalse(all.contains(API_KEY), all);
  }

  @Test
  void aKeyEchoedJsonEscapedInAJobIsMaskedInItsAttributes() {
    // "\u006c" is "l": the body never holds the key's raw text, only its parsed value does.
    String escaped = "\\u006c" + API_KEY.substring(1);
    String body =
        fixture("job-canceled.json")
            .replace("\"kind\"", "\"input\": {\"apiKey\": \"" + escaped + "\"},\n  \"kind\"");
    assertTrue(body.contains(escaped) && !body.contains(API_KEY), body);
    server.enqueue(json(200, body));
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    server.enqueue(json(200, body));
    LayersCanceller layers = builder(server).build(clock);

    JobSnapshot job = layers.status(JOB);
    Cancelled awaited =
        assertInstanceOf(Cancelled.class, layers.cancelAndAwait(JOB, Duration.ofMinutes(1)));

    for (JobSnapshot snapshot : List.of(job, awaited.snapshot().orElseThrow())) {
      Map<?, ?> input = (Map<?, ?>) snapshot.attributes().get("input");
      assertFalse(String.valueOf(input.get("apiKey")).contains(API_KEY), input.toString());
      assertFalse(snapshot.attributes().toString().contains(API_KEY), snapshot.toString());
      assertFalse(snapshot.toString().contains(API_KEY), snapshot.toString());
    }
    assertFalse(awaited.toString().contains(API_KEY), awaited.toString());
  }

  // ---- 5. a huge id was sent; a stop note was untrue ------------------------------------------

  @Test
  void aFiveThousandCharacterIdIsRefusedBeforeAnyRequestInAShortMessage() {
    String id = "job_" + "x".repeat(4_996);
    LayersCanceller layers = builder(server).build(clock);
    List<Executable> calls =
        List.of(
            () -> layers.cancel(id),
            () -> layers.cancelAsync(id),
            () -> layers.status(id),
            () -> layers.cancelAndAwait(id, Duration.ofSeconds(1)));

    for (Executable call : calls) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertTrue(e.getMessage().length() < 300, "a bounded message: " + e.getMessage());
    }
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void anIdOfTheLongestAcceptedLengthIsSent() throws Exception {
    // The bound is 256 characters: the refusal above is the length, not any long id.
    String id = "job_" + "x".repeat(252);
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));

    assertInstanceOf(CancelPending.class, builder(server).build(clock).cancel(id));
    assertEquals("/prefix/v1/jobs/" + id + "/cancel", take(server).getPath());
  }

  @Test
  void aRateLimitWithOneAttemptSaysItWasNotRetriedNotThatTheDeadlineStoppedIt() {
    server.enqueue(
        json(429, fixture("error-429-rate-limited.json")).setHeader("Retry-After", "7"));
    Failed f =
        assertInstanceOf(
            Failed.class, builder(server).maxAttempts(1).build(clock).cancel(JOB));

    assertEquals(ErrorKind.RATE_LIMITED, f.error().kind());
    assertTrue(
        f.error().message().contains("not retried: maxAttempts is 1"), f.error().message());
    assertFalse(f.error().message().contains("deadline"), f.error().message());
    assertEquals(1, server.getRequestCount());
  }

  // ---- 3. cancelAsync completed on OkHttp's or the scheduler's thread -------------------------

  /** A future's outcome and the thread its continuation ran on. */
  private record Completion(CancelOutcome outcome, String thread) {}

  /**
   * Cancels with the answer held back, so that the continuation is attached before the future
   * completes (one attached to a completed future runs on the caller), then runs {@code meanwhile}
   * to let the future complete.
   */
  private Completion completeHeld(LayersCanceller layers, Runnable meanwhile) throws Exception {
    MockResponse accepted = json(202, fixture("cancel-202-accepted.json"));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(5, SECONDS);
            return accepted;
          }
        });
    CompletableFuture<CancelOutcome> future = layers.cancelAsync(JOB);
    CompletableFuture<String> thread = future.thenApply(o -> Thread.currentThread().getName());
    meanwhile.run();
    // Wait on the continuation, not on the future: a thread blocked in future.get() helps run the
    // future's dependents once it completes, and could run the continuation itself.
    String name = thread.get(5, SECONDS);
    return new Completion(future.join(), name);
  }

  @Test
  void cancelAsyncCompletesOnTheCallbackExecutorGiven() throws Exception {
    LayersCanceller layers = builder(server).callbackExecutor(callbacks).build(clock);
    Completion c = completeHeld(layers, release::countDown);

    assertInstanceOf(CancelPending.class, c.outcome());
    assertEquals("app-callbacks", c.thread());
    assertFalse(c.thread().startsWith("OkHttp"), c.thread());
    assertFalse(c.thread().startsWith("cancelkit-scheduler"), c.thread());
  }

  @Test
  void cancelAsyncCompletesOnTheSharedCallbackPoolByDefault() throws Exception {
    Completion c = completeHeld(builder(server).build(clock), release::countDown);

    assertInstanceOf(CancelPending.class, c.outcome());
    assertTrue(c.thread().startsWith("cancelkit-callback-"), c.thread());
  }

  @Test
  void cancelAsyncWhoseDeadlineFiresCompletesOnTheCallbackExecutorToo() throws Exception {
    // No answer comes before the 30 s deadline: the timer's thread must only hand the outcome over.
    LayersCanceller layers = builder(server).callbackExecutor(callbacks).build(clock);
    Completion c = completeHeld(layers, () -> clock.advance(Duration.ofSeconds(31)));

    Failed f = assertInstanceOf(Failed.class, c.outcome());
    assertEquals(ErrorKind.TIMEOUT, f.error().kind());
    assertEquals("app-callbacks", c.thread());
  }
}
