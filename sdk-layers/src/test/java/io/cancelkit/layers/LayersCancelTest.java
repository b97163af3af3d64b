package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.assertCancelRequest;
import static io.cancelkit.layers.LayersFixtures.builder;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static io.cancelkit.layers.LayersFixtures.json;
import static io.cancelkit.layers.LayersFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cancel call end to end on MockWebServer: the request Layers gets, and the retries around it
 * on virtual time. What each answer means is {@link LayersMapperTest}'s table.
 */
class LayersCancelTest {
  // A dropped answer makes MockWebServer log "didn't make a request"; expected here. Held
  // strongly so that the level sticks.
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  @AutoClose private final MockWebServer server = new MockWebServer();
  private final VirtualClock clock = new VirtualClock();

  @BeforeAll
  static void quietDroppedConnectionWarnings() {
    MOCK_WEB_SERVER_LOG.setLevel(Level.SEVERE);
  }

  private LayersCanceller canceller() {
    return builder(server).build(clock);
  }

  private static MockResponse rateLimited(String retryAfter) {
    return json(429, fixture("error-429-rate-limited.json")).setHeader("Retry-After", retryAfter);
  }

  private static MockResponse accepted() {
    return json(202, fixture("cancel-202-accepted.json"));
  }

  /** The Idempotency-Key of each of the next {@code n} requests, each checked to be a cancel. */
  private String sameKeyOnEvery(int n) throws InterruptedException {
    String key = assertCancelRequest(take(server), JOB);
    for (int i = 1; i < n; i++) {
      assertEquals(key, assertCancelRequest(take(server), JOB), "retry " + i + " reuses the key");
    }
    return key;
  }

  // ---- the request ----------------------------------------------------------------------------

  @Test
  void cancelPostsUnderThePrefixWithBearerAndOneIdempotencyKey() throws Exception {
    server.enqueue(accepted());
    CancelOutcome outcome = canceller().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(1, outcome.response().attempts());
    // Method, the full path under /prefix/, Bearer, no body, one UUID key: assertCancelRequest.
    assertCancelRequest(take(server), JOB);
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), clock.waits(), "nothing to wait for");
  }

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPrefix() throws Exception {
    server.enqueue(accepted());
    String noSlash = server.url("/prefix").toString();
    assertFalse(noSlash.endsWith("/"));
    CancelOutcome outcome = builder(server).baseUrl(noSlash).build(clock).cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertCancelRequest(take(server), JOB);
  }

  @Test
  void idsAreNotConstrainedBeyondCoreAndAreEncodedAsOneSegment() throws Exception {
    server.enqueue(accepted());
    server.enqueue(accepted());
    LayersCanceller layers = canceller();

    assertInstanceOf(CancelPending.class, layers.cancel("legacy-42"));
    assertInstanceOf(CancelPending.class, layers.cancel("job 1?x#y"));
    assertCancelRequest(take(server), "legacy-42");
    assertEquals("/prefix/v1/jobs/job%201%3Fx%23y/cancel", take(server).getPath());
  }

  @Test
  void twoCancelsSendDifferentIdempotencyKeys() throws Exception {
    server.enqueue(accepted());
    server.enqueue(accepted());
    LayersCanceller layers = canceller();
    layers.cancel(JOB);
    layers.cancel(JOB);

    String first = assertCancelRequest(take(server), JOB);
    String second = assertCancelRequest(take(server), JOB);
    assertNotEquals(first, second, "one key per logical cancel");
  }

  // ---- retries, on virtual time ---------------------------------------------------------------

  @Test
  void rateLimitIsRetriedAfterItsRetryAfterWithTheSameKey() throws Exception {
    server.enqueue(rateLimited("7"));
    server.enqueue(rateLimited("7"));
    server.enqueue(accepted());
    CancelOutcome outcome = canceller().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(202, outcome.response().httpStatus());
    assertEquals(3, outcome.response().attempts());
    assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), clock.waits());
    sameKeyOnEvery(3);
  }

  @Test
  void rateLimitOnEveryAttemptFailsWithTheHintAndSaysItGaveUp() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(rateLimited("7"));
    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    CancelError e = f.error();
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertTrue(e.message().endsWith(" (gave up after 3 attempts)"), e.message());
    assertEquals(3, f.response().attempts());
    assertEquals(Duration.ofSeconds(14), clock.elapsed());
    sameKeyOnEvery(3);
  }

  @Test
  void retryAfterAsAnHttpDateIsReadOnTheEngineClock() throws Exception {
    // VirtualClock starts at 2026-01-01T00:00:00Z: this date asks for five seconds.
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.now().plusSeconds(5).atOffset(ZoneOffset.UTC));
    server.enqueue(rateLimited(date));
    server.enqueue(accepted());

    assertInstanceOf(CancelPending.class, canceller().cancel(JOB));
    assertEquals(List.of(Duration.ofSeconds(5)), clock.waits());
  }

  @Test
  void retryAfterLongerThanSixtySecondsWaitsSixty() throws Exception {
    server.enqueue(rateLimited("3600"));
    server.enqueue(accepted());
    CancelOutcome outcome = builder(server).timeout(Duration.ofMinutes(5)).build(clock).cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(List.of(Duration.ofSeconds(60)), clock.waits());
  }

  @Test
  void retryAfterBeyondTheDeadlineStopsAtOnceAndSaysWhy() throws Exception {
    // The default timeout is 30 s: a retry in 45 s would start after it.
    server.enqueue(rateLimited("45"));
    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(ErrorKind.RATE_LIMITED, f.error().kind());
    assertTrue(
        f.error().message().endsWith(
            " (retries stopped: the next attempt would start after the deadline)"),
        f.error().message());
    assertEquals(1, f.response().attempts());
    assertEquals(List.of(), clock.waits(), "no wait that could not end in time");
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void killSwitchIsRetriedWithJitteredExponentialBackoffThenFails() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(503, fixture("error-503-kill-switch.json")));
    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(ErrorKind.PROVIDER_ERROR, f.error().kind());
    assertEquals("KILL_SWITCH", f.error().providerCode());
    assertEquals(3, f.response().attempts());
    // Full jitter at the clock's fixed draw of 0.5: half of 500 ms, then half of 1 s.
    assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), clock.waits());
    sameKeyOnEvery(3);
  }

  @Test
  void lostAnswerIsRetriedWithTheSameIdempotencyKey() throws Exception {
    // The server reads the cancel, then the connection drops: the client cannot know whether
    // Layers acted. The retry carries the same key, so Layers replays its first answer.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(accepted());
    CancelOutcome outcome = canceller().cancel(JOB);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(202, outcome.response().httpStatus());
    assertEquals(2, outcome.response().attempts());
    assertEquals(List.of(Duration.ofMillis(250)), clock.waits());
    sameKeyOnEvery(2);
  }

  @Test
  void answersLostOnEveryAttemptFailAsNetwork() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(ErrorKind.NETWORK, f.error().kind());
    assertEquals(0, f.error().httpStatus(), "no answer came");
    assertTrue(f.error().cause().isPresent());
    assertEquals(3, f.response().attempts());
    sameKeyOnEvery(3);
  }

  // ---- async ----------------------------------------------------------------------------------

  @Test
  void cancelAsyncRetriesALostAnswerWithTheSameKey() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(accepted());
    CancelOutcome outcome = canceller().cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(2, outcome.response().attempts());
    assertEquals(List.of(Duration.ofMillis(250)), clock.waits());
    sameKeyOnEvery(2);
  }

  @Test
  void cancelAsyncReadsTheAnswerLikeCancel() throws Exception {
    server.enqueue(json(409, fixture("cancel-409-job-cancel-unavailable.json")));
    CancelOutcome outcome = canceller().cancelAsync(JOB).get(5, TimeUnit.SECONDS);

    NotCancellable n = assertInstanceOf(NotCancellable.class, outcome);
    assertEquals("opening_pr", n.stage());
    assertEquals("req_01HXA1NHZ4KYE8GP9Q2WX3BCDE", n.response().requestId());
    assertCancelRequest(take(server), JOB);
  }
}
