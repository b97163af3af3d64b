package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.cancelkit.core.NotFound;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** What {@link CancelRouter#cancelAll} promises about results: one per input, in order, counted. */
class BulkCancelTest extends FleetFixture {
  private static List<JobRef> refs(String... texts) {
    List<JobRef> refs = new ArrayList<>();
    for (String t : texts) refs.add(JobRef.parse(t));
    return refs;
  }

  /** {@code n} refs alternating between vendors a and b: a:j0, b:j1, a:j2, … */
  private static List<JobRef> alternating(int n) {
    List<JobRef> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) refs.add(JobRef.of(i % 2 == 0 ? "a" : "b", "j" + i));
    return refs;
  }

  @Test
  void everyInputEndsInExactlyOneResultInInputOrder() throws Exception {
    CancelRouter router = CancelRouter.of(vendor("a").canceller(), vendor("b").canceller());
    List<JobRef> input = new ArrayList<>(alternating(40));
    input.addAll(refs("zz:j1", "a:p/j2")); // an unknown vendor; an id the vendor refuses
    input.add(3, input.get(0)); // a duplicate
    input.add(input.get(7));

    BulkReport report = router.cancelAll(input, BulkOptions.builder().concurrency(4).build());

    List<JobRef> distinct = List.copyOf(new LinkedHashSet<>(input));
    assertEquals(42, distinct.size());
    assertEquals(distinct, List.copyOf(report.outcomes().keySet()), "one entry per distinct ref, first-seen order");
    assertEquals(List.of(), report.notAttempted());
    assertEquals(42, report.outcomes().size() + report.notAttempted().size());
    assertEquals(42, report.settled());
    assertFalse(report.interrupted());
    report.outcomes().forEach((ref, outcome) -> {
      assertEquals(ref.provider(), outcome.provider(), ref.toString());
      assertEquals(ref.jobId(), outcome.jobId(), ref.toString());
    });
  }

  @Test
  void aDuplicateIsCancelledOnce() throws Exception {
    Vendor a = vendor("a");
    CancelRouter router = CancelRouter.of(a.canceller());

    BulkReport report =
        router.cancelAll(refs("a:j1", "a:j2", "a:j1", "a:j3", "a:j2", "a:j1"), BulkOptions.defaults());

    assertEquals(3, report.outcomes().size());
    List<String> sent = new ArrayList<>(a.jobIds("POST"));
    Collections.sort(sent);
    assertEquals(List.of("j1", "j2", "j3"), sent, "one POST per distinct job");
  }

  @Test
  void anUnknownVendorAndARefusedIdAreEachOneInvalidRequestAndTheRunGoesOn() throws Exception {
    Vendor a = vendor("a");
    CancelRouter router = CancelRouter.of(a.canceller(), vendor("b").canceller());

    BulkReport report =
        router.cancelAll(refs("a:j1", "omni:j2", "a:p/j3", "b:j4"), BulkOptions.defaults());

    Failed unknown = assertInstanceOf(Failed.class, report.outcomes().get(JobRef.parse("omni:j2")));
    assertEquals(ErrorKind.INVALID_REQUEST, unknown.error().kind());
    assertEquals("no canceller for vendor 'omni'; this router has: a, b", unknown.error().message());
    assertEquals(0, unknown.response().httpStatus(), "nothing was sent");
    Failed refused = assertInstanceOf(Failed.class, report.outcomes().get(JobRef.parse("a:p/j3")));
    assertEquals(ErrorKind.INVALID_REQUEST, refused.error().kind());
    assertTrue(refused.error().message().startsWith("jobId contains '/'"), refused.error().message());
    assertInstanceOf(CancelPending.class, report.outcomes().get(JobRef.parse("a:j1")));
    assertInstanceOf(CancelPending.class, report.outcomes().get(JobRef.parse("b:j4")));
    assertEquals(List.of("j1"), a.jobIds("POST"));
  }

  @Test
  void aCancellerThatThrowsStillYieldsOneResultPerJob() throws Exception {
    // The stub throws instead of returning an outcome: it breaks the canceller's contract.
    CancelRouter router = CancelRouter.of(new StubCanceller("x"), vendor("a").canceller());

    BulkReport report = router.cancelAll(refs("x:j1", "a:j2", "x:j3"), BulkOptions.defaults());

    assertEquals(3, report.outcomes().size());
    Failed failed = assertInstanceOf(Failed.class, report.outcomes().get(JobRef.parse("x:j1")));
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertTrue(failed.error().message().contains("stub x cannot reach j1"), failed.error().message());
    assertInstanceOf(IllegalStateException.class, failed.error().cause().orElseThrow());
    assertInstanceOf(CancelPending.class, report.outcomes().get(JobRef.parse("a:j2")));
    assertEquals(Map.of("Failed", 2L), report.counts().get("x"));
  }

  @Test
  void countsArePerProviderPerOutcomeType() throws Exception {
    Vendor a = vendor("a");
    Vendor b = vendor("b");
    // a: even jobs are accepted, odd ones unknown; b: every job was already cancelled.
    a.answer = byRequest(r -> Integer.parseInt(jobId(r).substring(1)) % 4 == 0
        ? ServerFixture.json(202, ACCEPTED)
        : ServerFixture.json(404, "{}"));
    b.answer = byRequest(r -> ServerFixture.json(200, "{\"id\":\"x\",\"status\":\"cancelled\"}"));
    CancelRouter router = CancelRouter.of(a.canceller(), b.canceller());

    BulkReport report = router.cancelAll(alternating(20), BulkOptions.builder().concurrency(3).build());

    // a has j0, j2, …, j18: j0, j4, j8, j12, j16 accepted, the other five not found.
    assertEquals(
        Map.of("a", Map.of("CancelPending", 5L, "NotFound", 5L), "b", Map.of("Cancelled", 10L)),
        report.counts());
    assertEquals(5, report.count(CancelPending.class));
    assertEquals(5, report.count(NotFound.class));
    assertEquals(10, report.count(Cancelled.class));
    assertEquals(0, report.count(Failed.class));
  }

  @Test
  void theListenerHearsEachResultOnceOneAtATimeWithProgress() throws Exception {
    CancelRouter router = CancelRouter.of(vendor("a").canceller(), vendor("b").canceller());
    List<JobRef> input = alternating(60);
    AtomicInteger inCallback = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<JobRef> heard = Collections.synchronizedList(new ArrayList<>());
    List<BulkProgress> progress = Collections.synchronizedList(new ArrayList<>());
    BulkListener listener =
        new BulkListener() {
          @Override
          public void onResult(JobRef ref, CancelOutcome outcome, BulkProgress p) {
            if (inCallback.incrementAndGet() != 1) overlaps.incrementAndGet();
            // Stays a moment, so that callbacks that were not serialized would overlap.
            LockSupport.parkNanos(200_000);
            heard.add(ref);
            progress.add(p);
            inCallback.decrementAndGet();
          }
        };

    BulkReport report =
        router.cancelAll(input, BulkOptions.builder().concurrency(8).listener(listener).build());

    assertEquals(0, overlaps.get(), "two callbacks ran at once");
    assertEquals(new HashSet<>(input), new HashSet<>(heard));
    assertEquals(60, heard.size(), "each result heard once");
    for (int i = 0; i < progress.size(); i++) {
      assertEquals(i + 1, progress.get(i).done(), "done counts up by one per result");
      assertEquals(60, progress.get(i).total());
    }
    assertEquals(Map.of("CancelPending", 60L), progress.get(59).counts());
    assertEquals(60, report.count(CancelPending.class));
  }

  @Test
  void aListenerThatThrowsChangesNothing() throws Exception {
    CancelRouter router = CancelRouter.of(vendor("a").canceller());
    AtomicInteger calls = new AtomicInteger();
    BulkListener throwing =
        new BulkListener() {
          @Override
          public void onResult(JobRef ref, CancelOutcome outcome, BulkProgress progress) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }
        };

    BulkReport report;
    String log;
    try (LogCapture capture = new LogCapture()) {
      report =
          router.cancelAll(
              refs("a:j1", "a:j2", "omni:j3", "a:j4"),
              BulkOptions.builder().concurrency(2).listener(throwing).build());
      log = capture.text();
    }

    assertEquals(4, calls.get(), "every result is still offered to it");
    assertEquals(1, log.split("bulk listener threw", -1).length - 1, "logged once, not per result:\n" + log);
    assertEquals(4, report.settled());
    assertEquals(Map.of("CancelPending", 3L), report.counts().get("a"));
    assertInstanceOf(Failed.class, report.outcomes().get(JobRef.parse("omni:j3")));
  }

  @Test
  void anEmptyInputIsAnEmptyReport() {
    BulkReport report = CancelRouter.of().cancelAll(List.of(), BulkOptions.defaults());

    assertEquals(Map.of(), report.outcomes());
    assertEquals(Map.of(), report.counts());
    assertEquals(0, report.settled());
  }
}
