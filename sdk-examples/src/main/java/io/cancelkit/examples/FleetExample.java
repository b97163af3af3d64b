package io.cancelkit.examples;

import io.cancelkit.core.BulkListener;
import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.BulkProgress;
import io.cancelkit.core.BulkReport;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.JobRef;
import java.time.Duration;
import java.util.List;

/** The README's fleet section: one router over every configured vendor, one bulk run. */
public final class FleetExample {
  private FleetExample() {}

  /** Runs the snippet on the vendor endpoints that the environment names. */
  public static void main(String[] args) {
    JobRef ref = JobRef.parse("layers:job_01HXA1NHKJZXPV8R7Q6WSM5BCD"); // provider:jobId
    JobRef s   = JobRef.parse("scale:proj_123/job_456");                  // Scale: project/job
    JobRef o   = JobRef.of("omni", "7dadf906-4d6c-4a5f-9f2c-2f4b5f0d7c1e"); // ref.toString() is the same text form

    CancelRouter router = CancelRouter.fromEnv();          // every vendor on the classpath whose environment is set
    // or: CancelRouter.of(layers, omni)                   // the cancellers you built
    CancelOutcome one = router.cancel(ref);                // also cancelAsync, status, cancelAndAwait

    List<JobRef> refs = List.of(ref, s, o);                // any Collection<JobRef>, or an Iterator to stream
    BulkReport report = router.cancelAll(refs, BulkOptions.builder()
        .concurrency(16)                                   // in flight per vendor (the default)
        .rateLimit("omni", 60, Duration.ofMinutes(1))      // instead of the vendor's documented limit
        .await(Duration.ofMinutes(2))                      // cancel and await every job within this total
        .listener(new BulkListener() {                     // each result as it settles, with progress
          @Override public void onResult(JobRef r, CancelOutcome out, BulkProgress p) {
            System.err.printf("%d/%d %s %s%n", p.done(), p.total(), r, out.getClass().getSimpleName());
          }
        })
        .build());
    report.outcomes();                                     // Map<JobRef, CancelOutcome>: one per distinct ref, input order
    report.counts();                                       // per provider, per outcome type
    System.out.println("one: " + Outcomes.describe(one));
    report.outcomes().forEach((r, out) -> System.out.println(r + " " + Outcomes.describe(out)));
    System.out.println(report.counts());
  }
}
