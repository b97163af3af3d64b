package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Plangrep simulator's job answers have the shape of the cancel page's example; its errors are
 * not checked, because the page shows no error body.
 */
class PlangrepDocConformanceTest {
  // The example is of a cancelled job made with an externalId. The simulator makes none, a job
  // has no completedAt until it ends, and its pageCount is null before preflight (the simulator's
  // reading; the page shows only a counted job).
  private static final DocShape JOB =
      DocShape.of("plangrep/cancel-200-cancelled.json")
          .nullable("job.externalId", "job.completedAt", "job.pageCount");

  @AutoClose private final PlangrepSimulator sim = Simulators.plangrep();

  @Test
  void cancelIsTheDocumented200() throws IOException {
    String jobId = sim.addJob("processing");

    JOB.assertMatches(200, Http.post(url(jobId) + "/cancel", auth()));
    assertEquals("cancelled", sim.status(jobId));
  }

  @Test
  void cancelThatTakesEffectLaterAnswersTheSameShape() throws IOException {
    sim.cancelAfterPolls(2);

    JOB.assertMatches(200, Http.post(url(sim.addJob("uploading")) + "/cancel", auth()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "provisioning", "awaiting_uploads", "uploading", "preflighting",
        "blocked_insufficient_credits", "processing", "completed", "completed_with_errors",
        "failed", "cancelled", "expired"
      })
  void statusOfEveryStateIsTheDocumentedJob(String status) throws IOException {
    JOB.assertMatches(200, Http.get(url(sim.addJob(status)), auth()));
  }

  private String url(String jobId) {
    return sim.baseUrl() + "/jobs/" + jobId;
  }

  private String[] auth() {
    return new String[] {"Authorization", bearer(sim.apiKey())};
  }
}
