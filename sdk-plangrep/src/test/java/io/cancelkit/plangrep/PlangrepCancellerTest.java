package io.cancelkit.plangrep;

import static io.cancelkit.plangrep.PlangrepFixtures.API_KEY;
import static io.cancelkit.plangrep.PlangrepFixtures.JOB;
import static io.cancelkit.plangrep.PlangrepFixtures.fixture;
import static io.cancelkit.plangrep.PlangrepFixtures.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on MockWebServer: what Plangrep is sent, and the request sequences the mapping asks
 * for. What each answer means is {@link PlangrepMapperTest}'s; waits run on a {@link VirtualClock}.
 */
class PlangrepCancellerTest {
  private final VirtualClock clock = new VirtualClock();
  private MockWebServer server;

  @BeforeAll
  static void quietDroppedConnectionWarnings() {
    PlangrepFixtures.quietDroppedConnections();
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  // ---- what is sent -----------------------------------------------------------------------------

  @Test
  void cancelPostsToThePrefixedPathWithTheBearerKeyAndNoBody() throws Exception {
    server.enqueue(
        json(200, fixture("cancel-200-cancelled.json")).setHeader("X-Request-Id", "req_1"));

    Cancelled c = assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    assertEquals(200, c.response().httpStatus());
    assertEquals("req_1", c.response().requestId());
    assertEquals(1, c.response().attempts());
    assertEquals(JobState.CANCELLED, c.snapshot().orElseThrow().state());
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void statusGetsTheJobUnderThePrefix() throws Exception {
    server.enqueue(json(200, job("uploading")));

    JobSnapshot s = canceller().status(JOB);

    assertEquals(JobState.QUEUED, s.state());
    assertEquals("uploading", s.providerStatus());
    assertGetSent(take(), JOB);
  }

  @Test
  void idIsPercentEncodedAsOnePathSegment() throws Exception {
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    canceller().cancel("job 1?x#y");

    assertCancelSent(take(), "job%201%3Fx%23y");
  }

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPrefix() throws Exception {
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    builder().baseUrl(server.url("/prefix").toString()).build(clock).cancel(JOB);

    assertCancelSent(take(), JOB);
  }

  // ---- the settling GET -------------------------------------------------------------------------

  @Test
  void terminalErrorIsSettledByOneGetWhoseFactsTheOutcomeCarries() throws Exception {
    server.enqueue(
        json(409, fixture("cancel-409-code-message.json")).setHeader("X-Request-Id", "req_c"));
    server.enqueue(json(200, job("completed")).setHeader("X-Request-Id", "req_get"));

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, canceller().cancel(JOB));

    assertEquals(JobState.COMPLETED, f.finalState());
    assertEquals(200, f.response().httpStatus());
    assertEquals("req_get", f.response().requestId());
    assertEquals(2, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest(name = "GET answers {0}")
  @ValueSource(strings = {"404", "500 x3", "garbage 200", "dropped x3"})
  void settlingGetThatFailsLeavesTheCancelsOwnReading(String getAnswers) throws Exception {
    server.enqueue(
        json(409, fixture("cancel-409-code-message.json")).setHeader("X-Request-Id", "req_c"));
    int gets = getAnswers.endsWith("x3") ? 3 : 1;
    for (int i = 0; i < gets; i++) {
      if (getAnswers.startsWith("404")) server.enqueue(json(404, "{\"code\":\"job_not_found\"}"));
      if (getAnswers.startsWith("500")) server.enqueue(json(500, "Internal Server Error"));
      if (getAnswers.startsWith("garbage")) server.enqueue(json(200, "{\"job\":{}}"));
      if (getAnswers.startsWith("dropped")) server.enqueue(dropped());
    }

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, canceller().cancel(JOB));

    // DESIGN: the cancel answer's best reading stands, never a failure that hides it.
    assertEquals(JobState.UNKNOWN, f.finalState());
    assertNull(f.providerStatus());
    assertEquals(409, f.response().httpStatus());
    assertEquals("req_c", f.response().requestId());
    assertEquals(1 + gets, f.response().attempts());
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertEquals(1 + gets, server.getRequestCount());
  }

  @Test
  void lostAnswerThenRetryHitsTheTerminalErrorAndTheGetSaysCancelled() throws Exception {
    // The first cancel reached Plangrep and cancelled the job, but its answer was lost.
    server.enqueue(dropped());
    server.enqueue(json(409, fixture("cancel-409-code-message.json")));
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    Cancelled c = assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    assertEquals(3, c.response().attempts());
    assertEquals(200, c.response().httpStatus());
    assertCancelSent(take(), JOB);
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
  }

  // ---- time: Retry-After and Plangrep's polling pace, on the virtual clock ----------------------

  @Test
  void retryAfterIsWaitedBeforeTheRetry() throws Exception {
    server.enqueue(json(429, "{\"code\":\"rate_limited\"}").setHeader("Retry-After", "7"));
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    Cancelled c = assertInstanceOf(Cancelled.class, canceller().cancel(JOB));

    assertEquals(2, c.response().attempts());
    assertEquals(List.of(Duration.ofSeconds(7)), clock.waits());
    assertCancelSent(take(), JOB);
    assertCancelSent(take(), JOB);
  }

  @Test
  void awaitPollsNoFasterThanEveryFiveSecondsUntilCancelled() throws Exception {
    // The lowest jitter draw: even then the default first poll stays above Plangrep's 5 s.
    VirtualClock slowest = new VirtualClock(0.0);
    server.enqueue(json(200, job("processing")));
    server.enqueue(json(200, job("processing")));
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));

    CancelOutcome outcome = builder().build(slowest).cancelAndAwait(JOB, Duration.ofMinutes(1));

    Cancelled c = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(3, c.response().attempts());
    assertEquals(2, slowest.waits().size());
    for (Duration wait : slowest.waits()) {
      assertTrue(wait.toMillis() >= 5_000, slowest.waits().toString());
    }
    assertCancelSent(take(), JOB);
    assertGetSent(take(), JOB);
    assertGetSent(take(), JOB);
  }

  @Test
  void awaitStopsAtTheDeadlineWithCancelPending() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json(200, job("processing"));
          }
        });

    CancelOutcome outcome = canceller().cancelAndAwait(JOB, Duration.ofSeconds(20));

    CancelPending p = assertInstanceOf(CancelPending.class, outcome);
    assertEquals(JobState.RUNNING, p.snapshot().orElseThrow().state());
    assertEquals(Duration.ofSeconds(20), clock.elapsed());
    assertEquals(Duration.ofSeconds(6), clock.waits().get(0), "the default first poll");
    assertTrue(server.getRequestCount() >= 2, "polled at least once");
    assertEquals(server.getRequestCount(), p.response().attempts());
  }

  // ---- key, construction, environment, ServiceLoader --------------------------------------------

  @Test
  void keyEchoedInAnAuthErrorIsMaskedAndNotRetried() throws Exception {
    server.enqueue(
        json(401, "{\"code\":\"unauthorized\",\"message\":\"key " + API_KEY + " is revoked\"}"));

    Failed f = assertInstanceOf(Failed.class, canceller().cancel(JOB));

    assertEquals(ErrorKind.AUTHENTICATION, f.error().kind());
    assertFalse(f.error().message().contains(API_KEY), f.error().message());
    assertFalse(f.toString().contains(API_KEY), f.toString());
    assertCancelSent(take(), JOB);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void defaultsArePlangrepsBaseUrlAndASixSecondPoll() {
    PlangrepCanceller c = PlangrepCanceller.builder().apiKey(API_KEY).build();

    assertEquals("plangrep", c.provider());
    assertTrue(c.toString().contains("baseUrl=https://plangrep.com/api/open/v1/"), c.toString());
    // Plangrep asks for polls no faster than every 5 s; 6 s stays above that after jitter.
    assertTrue(c.toString().contains("pollInterval=PT6S"), c.toString());
  }

  @Test
  void buildWithoutKeyFails() {
    assertThrows(IllegalStateException.class, () -> PlangrepCanceller.builder().build());
  }

  @Test
  void fromEnvHonoursPlangrepBaseUrl() throws Exception {
    server.enqueue(json(200, fixture("cancel-200-cancelled.json")));
    Map<String, String> env =
        Map.of("PLANGREP_API_KEY", API_KEY, "PLANGREP_BASE_URL", server.url("/prefix").toString());

    assertInstanceOf(Cancelled.class, PlangrepCanceller.fromEnv(env::get).cancel(JOB));

    assertCancelSent(take(), JOB);
  }

  @Test
  void fromEnvWithoutBaseUrlUsesPlangrepsAndRefusesAMalformedOne() {
    PlangrepCanceller c = PlangrepCanceller.fromEnv(Map.of("PLANGREP_API_KEY", API_KEY)::get);
    Map<String, String> clear =
        Map.of("PLANGREP_API_KEY", API_KEY, "PLANGREP_BASE_URL", "http://plangrep.com");

    assertTrue(c.toString().contains("baseUrl=https://plangrep.com/api/open/v1/"), c.toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlangrepCanceller.fromEnv(clear::get));
    assertTrue(e.getMessage().contains("https"), e.getMessage());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " "})
  void fromEnvWithoutTheKeyThrowsNamingIt(String value) {
    Map<String, String> env = new HashMap<>();
    env.put("PLANGREP_API_KEY", value);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PlangrepCanceller.fromEnv(env::get));

    assertTrue(e.getMessage().contains("PLANGREP_API_KEY"), e.getMessage());
  }

  @Test
  void serviceLoaderFindsThePlangrepProvider() {
    CancellerProvider p =
        CancellerProvider.installed().stream()
            .filter(x -> x.name().equals("plangrep"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no plangrep provider registered"));
    Map<String, String> env = Map.of("PLANGREP_API_KEY", API_KEY);

    assertInstanceOf(PlangrepCanceller.Provider.class, p);
    assertEquals(List.of("PLANGREP_API_KEY"), p.requiredVariables());
    assertEquals(List.of("PLANGREP_BASE_URL"), p.optionalVariables());
    assertTrue(p.isConfigured(env::get));
    assertFalse(p.isConfigured(Map.<String, String>of()::get));
    JobCanceller c = p.fromEnv(env::get);
    assertInstanceOf(PlangrepCanceller.class, c);
    assertEquals("plangrep", c.provider());
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** A builder on the server under {@code /prefix/}, with every other option at its default. */
  private PlangrepCanceller.Builder builder() {
    return PlangrepCanceller.builder().apiKey(API_KEY).baseUrl(server.url("/prefix/").toString());
  }

  private PlangrepCanceller canceller() {
    return builder().build(clock);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** An answer lost on the way back: the request arrived, the connection dropped. */
  private static MockResponse dropped() {
    return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(r, "no request was recorded");
    return r;
  }

  private static void assertCancelSent(RecordedRequest r, String encodedJobId) {
    assertEquals("POST", r.getMethod());
    assertEquals("/prefix/jobs/" + encodedJobId + "/cancel", r.getPath());
    assertEquals("Bearer " + API_KEY, r.getHeader("Authorization"));
    assertEquals("application/json", r.getHeader("Accept"));
    // Plangrep: "This endpoint takes no request body."
    assertEquals(0, r.getBodySize());
    assertEquals("0", r.getHeader("Content-Length"));
    assertNull(r.getHeader("Content-Type"));
    // Plangrep documents no Idempotency-Key, so none is sent.
    assertNull(r.getHeader("Idempotency-Key"));
  }

  private static void assertGetSent(RecordedRequest r, String encodedJobId) {
    assertEquals("GET", r.getMethod());
    assertEquals("/prefix/jobs/" + encodedJobId, r.getPath());
    assertEquals("Bearer " + API_KEY, r.getHeader("Authorization"));
    assertEquals("application/json", r.getHeader("Accept"));
    // Plangrep documents no ETag, so a poll is never conditional.
    assertNull(r.getHeader("If-None-Match"));
  }
}
