package io.cancelkit.mogu;

import static io.cancelkit.mogu.MoguFixtures.API_KEY;
import static io.cancelkit.mogu.MoguFixtures.ID;
import static io.cancelkit.mogu.MoguFixtures.UPDATED_AT;
import static io.cancelkit.mogu.MoguFixtures.assertCancelRequest;
import static io.cancelkit.mogu.MoguFixtures.assertRequests;
import static io.cancelkit.mogu.MoguFixtures.assertStatusRequest;
import static io.cancelkit.mogu.MoguFixtures.builder;
import static io.cancelkit.mogu.MoguFixtures.canceller;
import static io.cancelkit.mogu.MoguFixtures.json;
import static io.cancelkit.mogu.MoguFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on MockWebServer: what goes on the wire (method, path under a prefixed base URL,
 * headers, where the key goes), the settling GET, and lost answers; {@link MoguMapperTest} holds
 * the mapping of each answer.
 */
class MoguHttpTest {
  /** The first backoff's ceiling at the default {@code initialBackoff}. */
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  // MockWebServer warns of each connection that the lost-answer test drops on purpose. Held
  // strongly, so that the level sticks.
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.SEVERE);
  }

  @AutoClose private final MockWebServer server = new MockWebServer();
  private final VirtualClock clock = new VirtualClock();

  @Test
  void cancelPostsUnderThePrefixWithTheBearerKeyAndNoBody() throws Exception {
    server.enqueue(json(200, "job-canceled").setHeader("X-Request-Id", "req_200"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    Cancelled cancelled = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(UPDATED_AT, cancelled.snapshot().orElseThrow().updatedAt());
    assertEquals("req_200", outcome.response().requestId());
    assertEquals(1, outcome.response().attempts());
    assertRequests(server, "POST");
  }

  @Test
  void statusGetCarriesNoAuthorizationWhileTheCancelPostDoes() throws Exception {
    server.enqueue(json(200, "job-processing"));
    server.enqueue(json(200, "job-processing"));
    MoguCanceller mogu = canceller(server);

    assertInstanceOf(CancelPending.class, mogu.cancel(ID));
    assertEquals(JobState.RUNNING, mogu.status(ID).state());

    RecordedRequest post = take(server);
    RecordedRequest get = take(server);
    assertEquals("Bearer " + API_KEY, post.getHeader("Authorization"));
    assertNull(get.getHeader("Authorization"), "Mogu's status endpoint is public");
    assertCancelRequest(post);
    assertStatusRequest(get);
  }

  @ParameterizedTest(name = "GET {0} -> {1}")
  @CsvSource({"job-canceled, Cancelled", "job-completed, AlreadyFinished"})
  void jobNotCancelableIsSettledByOnePublicGet(String getFixture, String type) throws Exception {
    server.enqueue(json(400, "error-job-not-cancelable"));
    server.enqueue(json(200, getFixture).setHeader("X-Request-Id", "req_get"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    assertEquals(type, outcome.getClass().getSimpleName());
    assertEquals(200, outcome.response().httpStatus(), "the facts of the settling GET");
    assertEquals("req_get", outcome.response().requestId());
    assertEquals(2, outcome.response().attempts());
    assertRequests(server, "POST", "GET");
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void lostAnswerIsRetriedAndConvergesToCancelled(boolean async) throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(400, "error-job-not-cancelable"));
    server.enqueue(json(200, "job-canceled"));
    MoguCanceller mogu = builder(server).build(clock);

    CancelOutcome outcome =
        async ? mogu.cancelAsync(ID).get(10, TimeUnit.SECONDS) : mogu.cancel(ID);

    // Mogu has no idempotency key: the retried POST is refused, and the settling GET reads the
    // cancel that the lost answer carried out.
    Cancelled cancelled = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, cancelled.snapshot().orElseThrow().state());
    assertEquals(3, outcome.response().attempts(), "lost POST, refused POST, settling GET");
    assertEquals(200, outcome.response().httpStatus());
    assertEquals(1, clock.waits().size(), clock.waits().toString());
    assertTrue(clock.waits().get(0).compareTo(FIRST_BACKOFF) <= 0, "one full-jitter backoff");
    assertRequests(server, "POST", "POST", "GET");
  }

  @Test
  void settlingGetThatKeepsFailingLeavesAlreadyFinishedUnknown() throws Exception {
    server.enqueue(json(400, "error-job-not-cancelable").setHeader("X-Request-Id", "req_400"));
    for (int i = 0; i < 3; i++) server.enqueue(new MockResponse().setResponseCode(500));

    CancelOutcome outcome = builder(server).build(clock).cancel(ID);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertNull(finished.providerStatus());
    // The cancel answer's facts stand; the attempts count the GETs too.
    assertEquals(400, outcome.response().httpStatus());
    assertEquals("req_400", outcome.response().requestId());
    assertEquals(4, outcome.response().attempts());
    assertEquals(2, clock.waits().size(), "a backoff before each retried GET: " + clock.waits());
    assertRequests(server, "POST", "GET", "GET", "GET");
  }

  @Test
  void cancel200ThatIsNotJsonIsUnexpectedNeverAnException() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("<html>canceled</html>"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, error.kind());
    assertEquals(200, error.httpStatus());
    assertTrue(error.message().contains("<html>canceled</html>"), "a snippet: " + error.message());
    assertEquals(1, server.getRequestCount(), "no retry and no settling GET");
  }
}
