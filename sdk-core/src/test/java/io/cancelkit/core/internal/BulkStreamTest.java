package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.BulkListener;
import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.BulkProgress;
import io.cancelkit.core.BulkReport;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.JobRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The streaming form of {@link CancelRouter#cancelAll}: it holds only what is in flight. */
class BulkStreamTest extends FleetFixture {
  private static final int CONCURRENCY = 8;
  private static final long MB = 1024 * 1024;

  /** A test vendor that answers every cancel 202 in memory, at once: no socket per request. */
  private static Engine instant(String provider) {
    return TestVendor.builder()
        .provider(provider)
        .apiKey(ServerFixture.KEY)
        .build(
            EngineClock.system(),
            api -> VendorCalls.of(
                (id, key) -> InstantCall.accepted(),
                (id, etag) -> {
                  throw new AssertionError("a 202 settles with no GET");
                }));
  }

  /** The heap in use once the garbage is gone, roughly. */
  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** The lane (0 for a, 1 for b) of a ref of this test. */
  private static int lane(JobRef ref) {
    return ref.provider().equals("a") ? 0 : 1;
  }

  @Test
  void aHundredThousandRefsRunInBoundedMemoryWithResultsToTheListener() {
    int n = 100_000;
    CancelRouter router = CancelRouter.of(instant("a"), instant("b"));
    long[] read = new long[2];
    AtomicLongArray settled = new AtomicLongArray(2);
    AtomicLong maxHeld = new AtomicLong();
    AtomicLong midHeap = new AtomicLong();
    // Refs made as they are asked for, a and b in turn: no list of them exists.
    Iterator<JobRef> refs =
        new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return i < n;
          }

          @Override
          public JobRef next() {
            // What each lane holds before it takes the next ref: read, not yet settled.
            for (int l = 0; l < 2; l++) maxHeld.accumulateAndGet(read[l] - settled.get(l), Math::max);
            if (i == n / 2) midHeap.set(usedHeap());
            JobRef ref = JobRef.of(i % 2 == 0 ? "a" : "b", "job_" + i++);
            read[lane(ref)]++;
            return ref;
          }
        };
    AtomicInteger heard = new AtomicInteger();
    AtomicLong lastDone = new AtomicLong();
    AtomicLong totals = new AtomicLong(); // a total other than -1, if progress ever gave one
    BulkListener listener =
        new BulkListener() {
          @Override
          public void onResult(JobRef ref, CancelOutcome outcome, BulkProgress progress) {
            settled.incrementAndGet(lane(ref));
            heard.incrementAndGet();
            if (progress.total() != -1) totals.set(progress.total());
            lastDone.set(progress.done());
          }
        };
    long before = usedHeap();

    BulkReport report =
        router.cancelAll(refs, BulkOptions.builder().concurrency(CONCURRENCY).listener(listener).build());

    long after = usedHeap();
    assertEquals(n, heard.get(), "every result went to the listener");
    assertEquals(n, lastDone.get());
    assertEquals(0, totals.get(), "a stream's length is unknown: its progress total is -1");
    assertEquals(Map.of(), report.outcomes(), "the report keeps counts only");
    assertEquals(n, report.settled());
    assertEquals(
        Map.of("a", Map.of("CancelPending", 50_000L), "b", Map.of("CancelPending", 50_000L)),
        report.counts());
    assertTrue(maxHeld.get() <= 2 * CONCURRENCY, "a lane held " + maxHeld.get() + " refs");
    long midGrowth = midHeap.get() - before;
    long retained = after - before;
    // The measured figures, for the record (issue 10 asks to say them).
    System.out.printf(
        "BulkStreamTest: 100,000 refs in %d ms; heap growth %.1f MB at mid-run, %.1f MB retained after;"
            + " at most %d refs held by a lane%n",
        report.elapsed().toMillis(), midGrowth / (double) MB, retained / (double) MB, maxHeld.get());
    // Kept outcomes would show: the collection form's report of 100,000 retains some 10 MB.
    assertTrue(midGrowth < 4 * MB, "the heap grew " + midGrowth / MB + " MB by mid-run");
    assertTrue(retained < 4 * MB, "the run retained " + retained / MB + " MB");
  }

  @Test
  void aStreamRepeatsARepeatedRef() {
    AtomicInteger sent = new AtomicInteger();
    Engine counting =
        TestVendor.builder()
            .provider("a")
            .apiKey(ServerFixture.KEY)
            .build(
                EngineClock.system(),
                api -> VendorCalls.of(
                    (id, key) -> {
                      sent.incrementAndGet();
                      return InstantCall.accepted();
                    },
                    (id, etag) -> {
                      throw new AssertionError("a 202 settles with no GET");
                    }));
    JobRef ref = JobRef.of("a", "j1");

    BulkReport report =
        CancelRouter.of(counting).cancelAll(List.of(ref, ref, ref).iterator(), BulkOptions.defaults());

    // The stream remembers nothing it has finished: as documented, unlike the collection form.
    assertEquals(3, report.settled());
    assertEquals(3, sent.get());
  }

  @Test
  void anInterruptLeavesTheRestOfTheStreamUnreadAndListsWhatItHadRead() throws Exception {
    Vendor a = vendor("a");
    CountDownLatch open = a.holdAnswers();
    CancelRouter router = CancelRouter.of(a.canceller());
    AtomicInteger handedOut = new AtomicInteger();
    CountDownLatch fifthRead = new CountDownLatch(1);
    Iterator<JobRef> refs =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return handedOut.get() < 20;
          }

          @Override
          public JobRef next() {
            int i = handedOut.getAndIncrement();
            if (i == 4) fifthRead.countDown();
            return JobRef.of("a", "j" + i);
          }
        };
    List<JobRef> notAttempted = Collections.synchronizedList(new ArrayList<>());
    List<JobRef> results = Collections.synchronizedList(new ArrayList<>());
    BulkListener listener =
        new BulkListener() {
          @Override
          public void onResult(JobRef ref, CancelOutcome outcome, BulkProgress progress) {
            results.add(ref);
          }

          @Override
          public void onNotAttempted(JobRef ref, BulkProgress progress) {
            notAttempted.add(ref);
            open.countDown(); // the run has stopped starting jobs: let the two in flight settle
          }
        };
    AtomicReference<BulkReport> report = new AtomicReference<>();
    Thread run =
        new Thread(() -> report.set(router.cancelAll(refs, BulkOptions.builder().concurrency(2).listener(listener).build())));
    run.start();

    // Two in flight, two queued: the lane is full, and the run waits for room for the fifth ref.
    a.awaitArrivals(2);
    assertTrue(fifthRead.await(10, TimeUnit.SECONDS));
    run.interrupt();
    run.join(10_000);

    BulkReport r = report.get();
    assertTrue(r.interrupted());
    List<JobRef> unstarted = List.of(JobRef.of("a", "j2"), JobRef.of("a", "j3"), JobRef.of("a", "j4"));
    assertEquals(unstarted, r.notAttempted(), "the queued ones and the one in hand, in input order");
    assertEquals(unstarted, notAttempted);
    assertEquals(Set.of(JobRef.of("a", "j0"), JobRef.of("a", "j1")), Set.copyOf(results), "in flight, settled");
    assertEquals(Map.of("CancelPending", 2L), r.counts().get("a"));
    assertEquals(5, handedOut.get(), "the rest of the stream is left unread");
    assertTrue(refs.hasNext());
    assertEquals(2, a.arrivals.size());
    assertEquals(5, r.settled() + r.notAttemptedCount(), "nothing read was lost");
  }
}
