package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Mogu simulator's answers have the shapes of the cancel page's documented fields. */
class MoguDocConformanceTest {
  // "tripId (integer,null)", "tripSlug (string,null)": set once completed, null otherwise.
  private static final DocShape JOB = DocShape.of("mogu/job.json").nullable("tripId", "tripSlug");
  // "error (string) Error message if status is error": only then is the key there.
  private static final DocShape ERRORED_JOB =
      DocShape.of("mogu/job-error.json").nullable("tripId", "tripSlug");
  private static final DocShape ERROR = DocShape.of("mogu/error.json");

  @AutoClose private final MoguSimulator sim = Simulators.mogu();

  @Test
  void cancelIsTheDocumented200Job() throws IOException {
    JOB.assertMatches(200, cancel(sim.addJob("processing", "generatingBlocks"), sim.apiKey()));
  }

  @Test
  void cancelThatTakesEffectLaterAnswersTheSameShape() throws IOException {
    sim.cancelAfterPolls(1);

    JOB.assertMatches(200, cancel(sim.addJob("processing", "extractingText"), sim.apiKey()));
  }

  @ParameterizedTest
  @CsvSource({
    "400, not cancelable",
    "404, unknown job",
    "404, other agent",
    "401, no key",
    "401, wrong key"
  })
  void everyErrorIsTheDocumentedEnvelope(int status, String cause) throws IOException {
    String jobId = sim.addJob("processing", "initializing");
    Reply reply =
        switch (cause) {
          case "not cancelable" -> cancel(sim.addJob("completed", "completed"), sim.apiKey());
          case "unknown job" -> cancel("00000000-0000-4000-8000-000000000000", sim.apiKey());
          case "other agent" -> cancel(jobId, sim.otherApiKey());
          case "no key" -> Http.post(url(jobId) + "/actions/cancel");
          default -> cancel(jobId, "ak_test_wrong");
        };

    ERROR.assertMatches(status, reply);
  }

  @Test
  void faultsAnswerInTheDocumentedEnvelopeToo() throws IOException {
    String jobId = sim.addJob("processing", "initializing");
    sim.rateLimitNext(Duration.ofSeconds(1));
    sim.failNextWith503(1);

    ERROR.assertMatches(429, cancel(jobId, sim.apiKey()));
    ERROR.assertMatches(503, cancel(jobId, sim.apiKey()));
  }

  @ParameterizedTest
  @CsvSource({"processing, enrichingBlocks", "completed, completed", "canceled, generatingBlocks"})
  void statusIsTheSameJobBodyAsTheCancelAnswer(String status, String stage) throws IOException {
    JOB.assertMatches(200, Http.get(url(sim.addJob(status, stage)) + "/status"));
  }

  @Test
  void statusOfAnErroredJobAddsTheErrorMessage() throws IOException {
    String jobId = sim.addJob("error", "extractingText");

    ERRORED_JOB.assertMatches(200, Http.get(url(jobId) + "/status"));
  }

  private Reply cancel(String jobId, String key) throws IOException {
    return Http.post(url(jobId) + "/actions/cancel", "Authorization", bearer(key));
  }

  private String url(String jobId) {
    return sim.baseUrl() + "/ai/trips/" + jobId;
  }
}
