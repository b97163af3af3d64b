package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.BulkListener;
import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.BulkProgress;
import io.cancelkit.core.BulkReport;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobRef;
import io.cancelkit.core.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * A bulk run's lanes on real time: each vendor's concurrency, rate limit and 429 pause, and what an
 * interrupt does. Waits are bounded by latches, never by sleeps.
 *
 * <p>A rate limit is held to the letter on the lane's schedule, as the canceller's listener hears it
 * ({@link LaneSchedule}); arrivals at the server show that requests really waited (a run's length,
 * which a late sender only makes longer), and the simulated vendor refuses a burst. Arrivals cannot
 * show the exact spacing: a worker that the scheduler wakes late, or a server thread that records
 * an arrival late, crowds it against the next one (some 5 ms on a busy two-core machine, 50 ms and
 * more when other builds share it).
 */
class BulkLanesTest extends FleetFixture {
  private static List<JobRef> jobs(String provider, int n) {
    List<JobRef> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) refs.add(JobRef.of(provider, "j" + i));
    return refs;
  }

  private static MockResponse tooMany() {
    return ServerFixture.json(429, "{}").setHeader("Retry-After", "1");
  }

  @Test
  void concurrencyCapsEachVendorOnItsOwnAndAHeldLaneHoldsUpNoOther() throws Exception {
    Vendor a = vendor("a");
    Vendor b = vendor("b");
    CountDownLatch openA = a.holdAnswers();
    CountDownLatch openB = b.holdAnswers();
    CancelRouter router = CancelRouter.of(a.canceller(), b.canceller());
    List<JobRef> input = new ArrayList<>(jobs("a", 12));
    input.addAll(jobs("b", 12));
    AtomicReference<BulkReport> report = new AtomicReference<>();
    Thread run =
        new Thread(() -> report.set(router.cancelAll(input, BulkOptions.builder().concurrency(3).build())));
    run.start();

    // Both lanes fill up at once, while a's and b's answers are held: 3 each, 6 in all.
    a.awaitArrivals(3);
    b.awaitArrivals(3);
    // b's lane goes on to its end while a's is held: a's refs come first, yet hold nothing up.
    openB.countDown();
    b.awaitArrivals(12);
    openA.countDown();
    run.join(10_000);

    assertEquals(24, report.get().count(CancelPending.class));
    assertEquals(3, a.maxInFlight.get(), "a's lane never had more than its concurrency in flight");
    assertEquals(3, b.maxInFlight.get());
  }

  @Test
  void aRateLimitHoldsAndEarnsNo429() throws Exception {
    Vendor a = vendor("a");
    AtomicInteger rateLimited = new AtomicInteger();
    // The vendor refuses a burst: 11 requests within half its 200 ms window, which a missing or
    // broken limit makes at once. A machine too busy to wake the lane's workers on time sends the
    // ones it held back together, so the lane has 3 workers: however late, no more than 3 bunch.
    a.answer =
        (n, r) -> {
          synchronized (a.arrivals) {
            if (n >= 10 && a.arrivals.get(n) - a.arrivals.get(n - 10) < Duration.ofMillis(100).toNanos()) {
              rateLimited.incrementAndGet();
              return tooMany();
            }
          }
          return ServerFixture.json(202, ACCEPTED);
        };
    LaneSchedule schedule = new LaneSchedule();
    Engine canceller = a.canceller(o -> o.listener(schedule));
    a.warmUp(canceller);
    schedule.unheard.set(0); // the warm-up ran outside any lane, so it heard no laneWait
    CancelRouter router = CancelRouter.of(canceller);
    long start = System.nanoTime();

    BulkReport report =
        router.cancelAll(
            jobs("a", 30), BulkOptions.builder().concurrency(3).rateLimit("a", 10, Duration.ofMillis(200)).build());

    assertEquals(0, rateLimited.get(), "429s answered");
    assertEquals(30, report.count(CancelPending.class));
    assertEquals(30, a.arrivals.size(), "no retries");
    assertEquals(30, schedule.all.size());
    assertEquals(0, schedule.unheard.get());
    // The vendor's sliding window, on the lane's schedule: never 11 requests within 200 ms.
    long tightest = LaneSchedule.tightestWindow(schedule.all, 10);
    assertTrue(tightest >= Duration.ofMillis(200).toNanos() - LaneSchedule.SKEW_NANOS, "11 requests in " + tightest + " ns");
    // They really waited: one every 20 ms or more, so the last came 29 spacings after the start at least.
    long took = last(a.arrivals) - start;
    assertTrue(took >= Duration.ofMillis(29 * 20).toNanos(), "30 requests in " + took + " ns");
  }

  @Test
  void theVendorsDocumentedLimitHoldsUnlessOverriddenOrLifted() throws Exception {
    // "paced" documents one write every 150 ms (its CancellerProvider on the test classpath).
    Vendor paced = vendor(TestVendor.PACED);
    LaneSchedule documented = new LaneSchedule();
    LaneSchedule overridden = new LaneSchedule();
    LaneSchedule lifted = new LaneSchedule();
    Duration spacing = TestVendor.PACED_LIMIT.period();

    long start = System.nanoTime();
    CancelRouter.of(paced.canceller(o -> o.listener(documented))).cancelAll(jobs("paced", 4), BulkOptions.defaults());
    long took = last(paced.arrivals) - start;
    CancelRouter.of(paced.canceller(o -> o.listener(overridden)))
        .cancelAll(jobs("paced", 4), BulkOptions.builder().rateLimit("paced", 1000, Duration.ofSeconds(1)).build());
    CancelRouter.of(paced.canceller(o -> o.listener(lifted)))
        .cancelAll(jobs("paced", 4), BulkOptions.builder().noRateLimits().build());

    long tightest = LaneSchedule.tightestWindow(documented.all, 1);
    assertTrue(tightest >= spacing.toNanos() - LaneSchedule.SKEW_NANOS, "documented limit: one per 150 ms, was " + tightest);
    assertTrue(took >= spacing.multipliedBy(3).toNanos(), "4 requests in " + took + " ns");
    // Under the documented limit the last of four requests waits at least 450 ms; here none waits a spacing.
    assertEquals(4, overridden.waits.size());
    assertTrue(Collections.max(overridden.waits).compareTo(spacing) < 0, "the override replaces it: " + overridden.waits);
    assertEquals(Collections.nCopies(4, Duration.ZERO), lifted.waits, "noRateLimits lifts it");
  }

  private static long last(List<Long> arrivals) {
    return arrivals.get(arrivals.size() - 1);
  }

  @Test
  void a429StormOnOneVendorPausesItsLaneWhileTheOthersFinish() throws Exception {
    Vendor a = vendor("a");
    Vendor b = vendor("b");
    // a: its first two requests (both of its lane's slots) are refused for a second; then 202s.
    a.answer = (n, r) -> n < 2 ? tooMany() : ServerFixture.json(202, ACCEPTED);
    CancelRouter router = CancelRouter.of(a.canceller(o -> o.maxAttempts(2)), b.canceller());
    List<JobRef> input = new ArrayList<>(jobs("a", 4));
    input.addAll(jobs("b", 50));
    BulkListener log =
        new BulkListener() {
          @Override
          public void onResult(JobRef ref, CancelOutcome outcome, BulkProgress progress) {
            events.add("result " + ref);
          }
        };

    BulkReport report =
        router.cancelAll(input, BulkOptions.builder().concurrency(2).listener(log).build());

    assertEquals(54, report.count(CancelPending.class),
        () -> "a's jobs got through on their retry; not pending: "
            + report.outcomes().values().stream().filter(o -> !(o instanceof CancelPending)).toList());
    assertEquals(6, a.arrivals.size(), "4 cancels and 2 retries");
    List<String> order = List.copyOf(events);
    int lastOfB = order.lastIndexOf("result b:j49");
    int firstRetryOfA = indexOfNth(order, "a POST ", 3);
    assertTrue(lastOfB < firstRetryOfA, "b finished before a's lane resumed: " + order);
    // The pause starts when the 429 comes back, after it arrived: no jitter can shorten it here.
    long paused = a.arrivals.get(2) - a.arrivals.get(0);
    assertTrue(paused >= Duration.ofSeconds(1).toNanos(), "a resumed after " + paused + " ns");
  }

  /** The index of the {@code nth} (from 1) element that starts with {@code prefix}. */
  private static int indexOfNth(List<String> list, String prefix, int nth) {
    int seen = 0;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).startsWith(prefix) && ++seen == nth) return i;
    }
    throw new AssertionError("fewer than " + nth + " of " + prefix + ": " + list);
  }

  @Test
  void aPauseHoldsTheLanesNextJobsNotOnlyTheRefusedCall() throws Exception {
    Vendor a = vendor("a");
    a.answer = (n, r) -> n == 0 ? tooMany() : ServerFixture.json(202, ACCEPTED);
    // One attempt per call: the refused job ends at once, and the lane's next job is a new call.
    CancelRouter router = CancelRouter.of(a.canceller(o -> o.maxAttempts(1)));

    BulkReport report = router.cancelAll(jobs("a", 2), BulkOptions.builder().concurrency(1).build());

    Failed refused = assertInstanceOf(Failed.class, report.outcomes().get(JobRef.of("a", "j0")));
    assertEquals(ErrorKind.RATE_LIMITED, refused.error().kind());
    assertInstanceOf(CancelPending.class, report.outcomes().get(JobRef.of("a", "j1")));
    long held = a.arrivals.get(1) - a.arrivals.get(0);
    assertTrue(held >= Duration.ofSeconds(1).toNanos(), "the next job went after " + held + " ns");
  }

  @Test
  void pollsOfAnAwaitTakeTheLanesReadPermits() throws Exception {
    Vendor a = vendor("a");
    // Each job: accepted, then read as running twice and cancelled on the third poll.
    AtomicInteger gets = new AtomicInteger();
    a.answer =
        (n, r) -> {
          if (r.getMethod().equals("POST")) return ServerFixture.json(202, ACCEPTED);
          String status = gets.incrementAndGet() % 3 == 0 ? "cancelled" : "running";
          return ServerFixture.json(200, "{\"id\":\"x\",\"status\":\"" + status + "\"}");
        };
    LaneSchedule schedule = new LaneSchedule();
    CancelRouter router = CancelRouter.of(a.canceller(o -> o.listener(schedule)));
    long spacing = Duration.ofMillis(100).toNanos();

    // Concurrency 1: one job polls at a time, so every third GET of the vendor ends a job.
    BulkReport report =
        router.cancelAll(
            jobs("a", 2),
            BulkOptions.builder()
                .concurrency(1)
                .rateLimit("a", new RateLimit(RateLimit.Kind.READS, 1, Duration.ofMillis(100)))
                .await(Duration.ofSeconds(10))
                .build());

    assertEquals(2, report.count(Cancelled.class));
    assertEquals(6, a.jobIds("GET").size());
    assertEquals(6, schedule.reads.size(), "every poll passed the lane");
    long tightest = LaneSchedule.tightestWindow(schedule.reads, 1);
    assertTrue(tightest >= spacing - LaneSchedule.SKEW_NANOS, "polls came " + tightest + " ns apart");
  }

  @Test
  void anInterruptStopsNewStartsSettlesTheJobsInFlightAndListsTheRest() throws Exception {
    Vendor a = vendor("a");
    CountDownLatch open = a.holdAnswers();
    CancelRouter router = CancelRouter.of(a.canceller());
    List<JobRef> input = jobs("a", 20);
    // Told of the first job not attempted: by then the run has stopped starting jobs.
    BulkListener release =
        new BulkListener() {
          @Override
          public void onNotAttempted(JobRef ref, BulkProgress progress) {
            open.countDown();
          }
        };
    AtomicReference<BulkReport> report = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread run =
        new Thread(
            () -> {
              report.set(router.cancelAll(input, BulkOptions.builder().concurrency(2).listener(release).build()));
              flagAfter.set(Thread.currentThread().isInterrupted());
            });
    run.start();

    // Two in flight (held), the other eighteen queued.
    a.awaitArrivals(2);
    run.interrupt();
    run.join(10_000);

    BulkReport r = report.get();
    assertTrue(r.interrupted());
    assertTrue(flagAfter.get(), "the thread's interrupt flag is set again");
    assertEquals(List.of(JobRef.of("a", "j0"), JobRef.of("a", "j1")), List.copyOf(r.outcomes().keySet()));
    r.outcomes().values().forEach(o -> assertInstanceOf(CancelPending.class, o, "in flight, settled"));
    assertEquals(input.subList(2, 20), r.notAttempted(), "the rest, in input order");
    assertEquals(18, r.notAttemptedCount());
    assertEquals(2, a.arrivals.size(), "nothing started after the interrupt");
  }
}
