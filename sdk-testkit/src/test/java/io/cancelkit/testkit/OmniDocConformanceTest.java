package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Omni simulator's answers have the shapes of the cancel page's example and Error schema. */
class OmniDocConformanceTest {
  private static final DocShape CANCELLED = DocShape.of("omni/cancel-200.json");
  private static final DocShape ERROR = DocShape.of("omni/error.json");

  @AutoClose private final OmniSimulator sim = Simulators.omni();

  @ParameterizedTest
  @ValueSource(strings = {"QUEUED", "EXECUTING", "COMPLETE", "FAILED", "CANCELLED"})
  void cancelOfEveryCancellableOrFinishedStateIsTheDocumented200(String state)
      throws IOException {
    // "idempotent — calling it on an already-cancelled or completed job returns success with the
    // current state": the same {jobId, state}, whatever the state word.
    CANCELLED.assertMatches(200, cancel(sim.addJob(state), sim.apiKey()));
  }

  @ParameterizedTest
  @CsvSource({
    "400, DELIVERING",
    "401, wrong key",
    "403, other user",
    "404, unknown job",
    "429, over the limit"
  })
  void everyErrorIsTheDocumentedErrorObject(int status, String cause) throws IOException {
    String jobId = sim.addJob("EXECUTING");
    Reply reply =
        switch (cause) {
          case "DELIVERING" -> cancel(sim.addJob("DELIVERING"), sim.apiKey());
          case "wrong key" -> cancel(jobId, "omni_test_wrong");
          case "other user" -> cancel(jobId, sim.otherUserApiKey());
          case "unknown job" -> cancel("00000000-0000-4000-8000-000000000000", sim.apiKey());
          default -> {
            sim.rateLimit(1, Duration.ofMinutes(1));
            cancel(jobId, sim.apiKey());
            yield cancel(jobId, sim.apiKey());
          }
        };

    ERROR.assertMatches(status, reply);
  }

  @Test
  void aFaulted503UsesTheErrorObjectToo() throws IOException {
    sim.failNextWith503(1);

    ERROR.assertMatches(503, cancel(sim.addJob("EXECUTING"), sim.apiKey()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"QUEUED", "EXECUTING", "DELIVERING", "COMPLETE", "FAILED", "CANCELLED"})
  void statusCarriesTheKeysTheDocsName(String state) throws IOException {
    // vendor-docs/README.md names only some of the get-ai-job-status keys ("id, state, prompt,
    // conversationId, …"), so these must be there; the rest cannot be checked against a copy.
    Reply reply =
        Http.get(sim.baseUrl() + "/v1/ai/jobs/" + sim.addJob(state), "Authorization",
            bearer(sim.apiKey()));

    assertTrue(
        reply.keys().containsAll(List.of("id", "state", "prompt", "conversationId")),
        reply.body());
  }

  private Reply cancel(String jobId, String key) throws IOException {
    return Http.post(
        sim.baseUrl() + "/v1/ai/jobs/" + jobId + "/cancel", "Authorization", bearer(key));
  }
}
