package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.RateLimit;
import io.cancelkit.core.RateLimit.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine inside a lane's gate: which attempts take a permit, when, and what a 429 does to the
 * lane. Deadlines and pauses run on virtual time, where they are exact; a permit's wait is real
 * time (resilience4j's cycles run on the system clock), which the engine spends on the test's
 * clock, so those tests assert on the waits' order of magnitude, and the one about the pace of
 * requests runs on real time and reads the lane's schedule from the listener ({@link
 * LaneSchedule}).
 */
class EngineGateTest extends ServerFixture {
  private Gate.Scope scope;

  /** The calling thread enters a gate with {@code limits} on this test's clock. */
  private Gate enter(RateLimit... limits) {
    return enter(clock, limits);
  }

  private Gate enter(EngineClock on, RateLimit... limits) {
    Gate gate = Gate.of("test", List.of(limits), on);
    scope = gate.enter();
    return gate;
  }

  @AfterEach
  void leave() {
    if (scope != null) scope.close();
  }

  /** Answers from {@code answers} in turn, noting the virtual time and method of each request. */
  private List<String> answerInTurn(MockResponse... answers) {
    ConcurrentLinkedQueue<MockResponse> queue = new ConcurrentLinkedQueue<>(List.of(answers));
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            seen.add(request.getMethod() + " at " + clock.elapsed().toMillis() + " ms");
            MockResponse next = queue.poll();
            return next != null ? next : json(500, "{}");
          }
        });
    return seen;
  }

  /** The virtual time of each request in {@code seen}, in milliseconds. */
  private static List<Long> millis(List<String> seen) {
    List<Long> out = new ArrayList<>();
    for (String s : seen) out.add(Long.parseLong(s.replaceAll(".* at (\\d+) ms", "$1")));
    return out;
  }

  private static MockResponse job(String status) {
    return json(200, "{\"id\":\"j1\",\"status\":\"" + status + "\"}");
  }

  @Test
  void aCallWaitsForItsFirstPermitBeforeItsDeadlineStarts() {
    enter(new RateLimit(Kind.WRITES, 1, Duration.ofMinutes(1)));
    List<String> seen = answerInTurn(json(202, "{}"), json(202, "{}"));
    Engine canceller = builder().timeout(Duration.ofSeconds(30)).build(clock);

    assertInstanceOf(CancelPending.class, canceller.cancel("j1"));
    // The second permit is a minute away, twice the timeout: the queue must not eat the call's time.
    assertInstanceOf(CancelPending.class, canceller.cancel("j2"));

    assertEquals(2, seen.size());
    // A minute and the 1 % margin of a one-permit budget, less the real time the test took.
    long second = millis(seen).get(1);
    assertTrue(second >= 59_000 && second <= 61_000, seen.toString());
  }

  @Test
  void aRetryTheRateLimitWouldStartAfterTheDeadlineLeavesTheVendorsAnswer() {
    enter(new RateLimit(Kind.WRITES, 1, Duration.ofMinutes(1)));
    List<String> seen = answerInTurn(json(503, "{}"), json(202, "{}"));
    Engine canceller = builder().timeout(Duration.ofSeconds(30)).build(clock);

    Failed failed = assertInstanceOf(Failed.class, canceller.cancel("j1"));

    // The retry's permit is a minute away, past the deadline: no retry, and the 503 stands.
    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertEquals(503, failed.response().httpStatus());
    assertTrue(
        failed.error().message().endsWith(
            " (retries stopped: the lane's rate limit would start the next attempt after the deadline)"),
        failed.error().message());
    // The refused retry took no permit: the next call's is the one a minute after the first, not two.
    assertInstanceOf(CancelPending.class, canceller.cancel("j2"));
    assertEquals(2, seen.size());
    long second = millis(seen).get(1);
    assertTrue(second >= 59_000 && second <= 61_000, seen.toString());
  }

  @Test
  void pollsTakeReadPermitsAndCancelsDoNotWaitForThem() {
    // Real time throughout: the pace of the polls is the gate's, on the system clock.
    enter(EngineClock.system(), new RateLimit(Kind.READS, 1, Duration.ofMillis(100)));
    List<String> seen =
        answerInTurn(json(202, "{}"), job("running"), job("running"), job("cancelled"));
    LaneSchedule schedule = new LaneSchedule();
    Engine canceller = builder().listener(schedule).build();

    assertInstanceOf(Cancelled.class, canceller.cancelAndAwait("j1", Duration.ofSeconds(10)));

    assertEquals(4, seen.size());
    assertEquals(3, schedule.reads.size());
    // The cancel took no read permit, so the first poll takes the budget's first at once.
    assertEquals(List.of(Duration.ZERO, Duration.ZERO), schedule.waits.subList(0, 2), "the POST's and the first GET's");
    long tightest = LaneSchedule.tightestWindow(schedule.reads, 1);
    assertTrue(tightest >= Duration.ofMillis(100).toNanos() - LaneSchedule.SKEW_NANOS, "polls " + tightest + " ns apart");
  }

  @Test
  void aPollTheRateLimitWouldStartAfterTheDeadlineIsNotSentAndThePendingOutcomeStands() {
    enter(new RateLimit(Kind.READS, 1, Duration.ofHours(1)));
    List<String> seen = answerInTurn(json(202, "{}"), job("running"));
    Engine canceller = builder().build(clock);

    CancelPending pending =
        assertInstanceOf(CancelPending.class, canceller.cancelAndAwait("j1", Duration.ofSeconds(5)));

    assertEquals("running", pending.snapshot().orElseThrow().providerStatus());
    assertEquals(List.of("POST at 0 ms", "GET at 2 ms"), seen, "one poll in the hour's budget");
  }

  @Test
  void a429PausesTheLaneForItsRetryAfterCappedAtAMinute() {
    Gate gate = enter();
    List<String> seen = answerInTurn(json(429, "{}").setHeader("Retry-After", "3600"), json(202, "{}"));
    Engine once = builder().maxAttempts(1).build(clock);

    Failed failed = assertInstanceOf(Failed.class, once.cancel("j1"));
    assertEquals(ErrorKind.RATE_LIMITED, failed.error().kind());

    // Not an hour: the pause is capped at 60 s, and the lane's next call waits it out.
    assertEquals(Duration.ofSeconds(60).toNanos(), gate.reserve(true, 0));
    assertInstanceOf(CancelPending.class, once.cancel("j2"));
    assertEquals(List.of("POST at 0 ms", "POST at 60000 ms"), seen);
  }

  @Test
  void outsideALaneNothingWaitsForAGate() {
    List<String> seen = answerInTurn(json(429, "{}").setHeader("Retry-After", "5"), json(202, "{}"));
    Engine once = builder().maxAttempts(1).build(clock);

    assertInstanceOf(Failed.class, once.cancel("j1"));
    assertInstanceOf(CancelPending.class, once.cancel("j2"));

    assertEquals(List.of("POST at 0 ms", "POST at 0 ms"), seen, "a plain call's 429 pauses no one");
  }
}
