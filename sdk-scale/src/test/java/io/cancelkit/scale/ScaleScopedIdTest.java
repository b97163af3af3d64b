package io.cancelkit.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobRef;
import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The {@code project/job} form of an id, which a {@code JobRef} like {@code scale:p/j} carries. */
class ScaleScopedIdTest {
  @AutoClose private final ScaleSimulator sim = Simulators.scale();

  /** A canceller without a default project: only scoped ids can name a job. */
  private ScaleCanceller canceller() {
    return ScaleCanceller.builder()
        .apiKey(sim.apiKey())
        .accountId(sim.accountId())
        .baseUrl(sim.baseUrl())
        .initialBackoff(Duration.ofMillis(1))
        .build();
  }

  @Test
  void projectSlashJobAddressesThatProjectWithoutADefaultOne() {
    String job = sim.addJob("proj_other", "job_1", "pending");
    ScaleCanceller scale = canceller();

    assertInstanceOf(Cancelled.class, scale.cancel("proj_other/" + job));
    assertEquals("cancelled", scale.status("proj_other/" + job).providerStatus());
    assertEquals(
        List.of(
            "POST /v1/projects/proj_other/jobs/job_1/cancel",
            "GET /v1/projects/proj_other/jobs/job_1"),
        sim.requestLines());
  }

  @Test
  void theTextOfAJobRefIsAcceptedAsIs() {
    String job = sim.addJob("proj_other", "job_2", "running");
    JobRef ref = JobRef.parse("scale:proj_other/" + job);

    assertInstanceOf(CancelPending.class, canceller().cancelAsync(ref.jobId()).join());
    assertEquals(List.of("POST /v1/projects/proj_other/jobs/job_2/cancel"), sim.requestLines());
  }

  @Test
  void aMalformedScopedIdIsRefusedBeforeAnyRequest() {
    ScaleCanceller scale = canceller();
    for (String id : List.of("/job", "proj/", "proj/a/b", "../job", "proj/..")) {
      assertThrows(IllegalArgumentException.class, () -> scale.cancel(id), id);
    }
    assertEquals(0, sim.requestCount());
  }
}
