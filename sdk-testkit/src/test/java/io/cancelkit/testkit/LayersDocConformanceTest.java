package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every answer of the Layers simulator has the shape of the Layers docs' example JSON. */
class LayersDocConformanceTest {
  private static final DocShape ACCEPTED = DocShape.of("layers/cancel-202-accepted.json");
  private static final DocShape ALREADY_TERMINAL =
      DocShape.of("layers/cancel-200-already-terminal.json");
  private static final DocShape STAGE_REFUSES =
      DocShape.of("layers/cancel-409-job-cancel-unavailable.json");
  // vendor-docs/README.md: every error has this envelope; what details holds depends on the code.
  private static final DocShape ERROR = STAGE_REFUSES.open("error.details");
  private static final DocShape RUNNING = DocShape.of("layers/get-job-running.json");
  private static final DocShape TERMINAL = DocShape.of("layers/get-job-terminal.json");

  @AutoClose private final LayersSimulator sim = Simulators.layers();

  private Reply cancel(String jobId, String key, String... moreHeaders) throws IOException {
    List<String> headers = new ArrayList<>(List.of("Authorization", bearer(key)));
    headers.addAll(List.of(moreHeaders));
    return Http.post(
        sim.baseUrl() + "/v1/jobs/" + jobId + "/cancel", headers.toArray(String[]::new));
  }

  private Reply cancel(String jobId) throws IOException {
    return cancel(jobId, sim.apiKey());
  }

  private Reply poll(String jobId) throws IOException {
    return Http.get(sim.baseUrl() + "/v1/jobs/" + jobId, "Authorization", bearer(sim.apiKey()));
  }

  @Test
  void acceptedCancelIsTheDocumented202() throws IOException {
    ACCEPTED.assertMatches(202, cancel(sim.addJob("content_generate", "rendering", "running")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"completed", "failed", "canceled"})
  void terminalJobAnswersTheDocumented200AndItsStatusAddsFinishedAtAndResult(String status)
      throws IOException {
    String jobId = sim.addJob("content_generate", "finalizing", status);

    ALREADY_TERMINAL.assertMatches(200, cancel(jobId));
    TERMINAL.assertMatches(200, poll(jobId));
  }

  @Test
  void stageThatRefusesCancelIsTheDocumented409() throws IOException {
    STAGE_REFUSES.assertMatches(
        409, cancel(sim.addJob("project_ingest_github", "opening_pr", "running")));
  }

  @ParameterizedTest
  @CsvSource({
    "401, UNAUTHENTICATED",
    "403, FORBIDDEN_SCOPE",
    "404, NOT_FOUND",
    "409, IDEMPOTENCY_CONFLICT",
    "429, RATE_LIMITED",
    "503, KILL_SWITCH"
  })
  void everyDocumentedErrorCodeUsesTheDocumentedEnvelope(int status, String code)
      throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String other = sim.addJob("content_generate", "rendering", "running");
    Reply reply =
        switch (code) {
          case "UNAUTHENTICATED" -> cancel(jobId, "lp_test_wrong");
          case "FORBIDDEN_SCOPE" -> cancel(jobId, sim.readOnlyApiKey());
          case "NOT_FOUND" -> cancel("job_01HXA1NHKJZXPV8R7Q6WSM5BCD");
          case "IDEMPOTENCY_CONFLICT" -> {
            cancel(other, sim.apiKey(), "Idempotency-Key", "k");
            yield cancel(jobId, sim.apiKey(), "Idempotency-Key", "k");
          }
          case "RATE_LIMITED" -> {
            sim.rateLimitNext(Duration.ofSeconds(1));
            yield cancel(jobId);
          }
          default -> {
            sim.failNextWith503(1);
            yield cancel(jobId);
          }
        };

    ERROR.assertMatches(status, reply);
    assertEquals(code, reply.at("error", "code"));
  }

  @Test
  void statusOfARunningJobHasTheDocumentedKeys() throws IOException {
    RUNNING.assertMatches(200, poll(sim.addJob("content_generate", "rendering", "running")));
  }
}
