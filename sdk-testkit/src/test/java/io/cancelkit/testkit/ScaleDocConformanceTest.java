package io.cancelkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Scale Dex simulator's answers have the shapes of the cancel page's OpenAPI schemas. */
class ScaleDocConformanceTest {
  // JobEntity: the properties typed "anyOf ... null"; result and details are free-form objects.
  private static final DocShape JOB =
      DocShape.of("scale/job-entity.json")
          .nullable(
              "source_id", "correlation_id", "started_at", "completed_at", "result", "progress",
              "error", "history", "history[].duration_ms", "history[].status", "history[].details")
          .open("result", "history[].details");
  // ValidationError: "input" is untyped and "ctx" an object of any keys.
  private static final DocShape VALIDATION_ERROR =
      DocShape.of("scale/validation-error-422.json").open("detail[].ctx");

  @AutoClose private final ScaleSimulator sim = Simulators.scale();

  @ParameterizedTest
  @ValueSource(strings = {"pending", "cancelled"})
  void cancelOfAPendingOrCancelledJobIsTheDocumented200JobEntity(String status)
      throws IOException {
    JOB.assertMatches(200, cancel(sim.addJob(status)));
  }

  @Test
  void cancelOfARunningJobIsTheDocumented202WithoutBody() throws IOException {
    Reply reply = cancel(sim.addJob("running"));

    assertEquals(202, reply.code());
    assertEquals("", reply.body());
  }

  @ParameterizedTest
  @CsvSource({"succeeded, 400", "partially_succeeded, 400", "failed, 400", "unknown, 404"})
  void documentedErrorsWithoutABodyKeepTheirStatus(String status, int code) throws IOException {
    String jobId = status.equals("unknown") ? "job_unknown" : sim.addJob(status);

    assertEquals(code, cancel(jobId).code());
  }

  @Test
  void malformedIdIsTheDocumented422HttpValidationError() throws IOException {
    VALIDATION_ERROR.assertMatches(422, cancel("not an id"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"pending", "running", "succeeded", "partially_succeeded", "failed", "cancelled"})
  void statusOfEveryStateIsAJobEntity(String status) throws IOException {
    JOB.assertMatches(200, Http.get(url(sim.addJob(status)), auth()));
  }

  @Test
  void aJobWithHistoryAfterACancelStillIsAJobEntity() throws IOException {
    String jobId = sim.addJob("running");
    cancel(jobId);

    JOB.assertMatches(200, Http.get(url(jobId), auth()));
  }

  private Reply cancel(String jobId) throws IOException {
    return Http.post(url(jobId) + "/cancel", auth());
  }

  private String url(String jobId) {
    return sim.baseUrl() + "/v1/projects/" + sim.projectId() + "/jobs/" + jobId;
  }

  private String[] auth() {
    return new String[] {"x-api-key", sim.apiKey(), "x-selected-account-id", sim.accountId()};
  }
}
