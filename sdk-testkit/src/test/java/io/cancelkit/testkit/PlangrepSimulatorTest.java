package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static io.cancelkit.testkit.Http.get;
import static io.cancelkit.testkit.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlangrepSimulatorTest {
  @AutoClose private final PlangrepSimulator sim = Simulators.plangrep();

  private Reply cancel(String jobId) throws IOException {
    return post(
        sim.baseUrl() + "/jobs/" + jobId + "/cancel", "Authorization", bearer(sim.apiKey()));
  }

  private Reply poll(String jobId) throws IOException {
    return get(sim.baseUrl() + "/jobs/" + jobId, "Authorization", bearer(sim.apiKey()));
  }

  @Test
  void baseUrlCarriesTheOpenApiPrefix() {
    assertTrue(sim.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/api/open/v1"), sim.baseUrl());
  }

  @Test
  void getAnswersTheJobObjectOfThePage() throws IOException {
    String jobId = sim.addJob("processing");

    Reply reply = poll(jobId);

    assertEquals(200, reply.code());
    assertEquals(List.of("job"), reply.keys());
    assertEquals(
        List.of(
            "id",
            "externalId",
            "status",
            "projectId",
            "limits",
            "pageCount",
            "successfulPageCount",
            "billing",
            "files",
            "resultUrl",
            "error",
            "createdAt",
            "updatedAt",
            "completedAt",
            "expiresAt"),
        reply.keys("job"));
    assertEquals(jobId, reply.at("job", "id"));
    assertEquals("processing", reply.at("job", "status"));
    assertEquals(List.of("maxDeclaredBytes", "maxFiles"), reply.keys("job", "limits"));
    assertEquals(List.of("id", "fileName", "status"), reply.keys("job", "files", 0));
    assertNull(reply.at("job", "completedAt"));
    assertTrue(((String) reply.at("job", "projectId")).startsWith("proj_"));
    assertTrue(jobId.matches("job_[0-9a-hjkmnp-tv-z]{26}"), jobId);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "provisioning",
        "awaiting_uploads",
        "uploading",
        "preflighting",
        "blocked_insufficient_credits",
        "processing"
      })
  void nonTerminalJobIsCancelledAtOnce(String status) throws IOException {
    String jobId = sim.addJob(status);

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals("cancelled", reply.at("job", "status"));
    assertEquals("cancelled", reply.at("job", "files", 0, "status"));
    assertNotNull(reply.at("job", "completedAt"));
    assertEquals(reply.at("job", "updatedAt"), reply.at("job", "completedAt"));
    assertEquals("cancelled", sim.status(jobId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"completed", "completed_with_errors", "failed", "cancelled", "expired"})
  void terminalJobRefusesWith409JobNotCancellable(String status) throws IOException {
    String jobId = sim.addJob(status);

    Reply reply = cancel(jobId);

    assertEquals(409, reply.code());
    assertEquals(List.of("error"), reply.keys());
    assertEquals("job_not_cancellable", reply.at("error", "code"));
    assertEquals(
        "Job is already in a terminal state (" + status + ")", reply.at("error", "message"));
    assertEquals(status, sim.status(jobId));
  }

  @Test
  void cancelAfterPollsAnswersTheStillProcessingJobAndFlipsLater() throws IOException {
    sim.cancelAfterPolls(2);
    String jobId = sim.addJob("processing");

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals("processing", reply.at("job", "status"));
    assertEquals("processing", poll(jobId).at("job", "status"));
    Reply flipped = poll(jobId);
    assertEquals("cancelled", flipped.at("job", "status"));
    assertEquals(10.0, flipped.at("job", "successfulPageCount"), "work done so far is kept");
  }

  @Test
  void completedJobHasAResultUrlAndFailedOneAnError() throws IOException {
    Reply completed = poll(sim.addJob("completed"));
    Reply failed = poll(sim.addJob("failed"));

    assertNotNull(completed.at("job", "resultUrl"));
    assertNull(completed.at("job", "error"));
    assertNull(failed.at("job", "resultUrl"));
    assertEquals("processing_failed", failed.at("job", "error", "code"));
  }

  @Test
  void wrongKeyIs401AndUnknownJob404() throws IOException {
    String jobId = sim.addJob("processing");

    Reply wrong =
        post(sim.baseUrl() + "/jobs/" + jobId + "/cancel", "Authorization", bearer("pgk_bad"));
    Reply unknown = poll("job_01hy3m8qtn2e5r7k9p0w4x1def");
    Reply unknownCancel = cancel("job_01hy3m8qtn2e5r7k9p0w4x1def");

    assertEquals(401, wrong.code());
    assertEquals("unauthorized", wrong.at("error", "code"));
    assertEquals("processing", sim.status(jobId));
    assertEquals(404, unknown.code());
    assertEquals("job_not_found", unknown.at("error", "code"));
    assertEquals(404, unknownCancel.code());
  }

  @Test
  void pathOutsideThePrefixIs404() throws IOException {
    String jobId = sim.addJob("processing");
    String root = sim.baseUrl().replace("/api/open/v1", "");

    Reply reply = get(root + "/jobs/" + jobId, "Authorization", bearer(sim.apiKey()));

    assertEquals(404, reply.code());
  }

  @Test
  void faultsUseTheErrorCodeEnvelope() throws IOException {
    String jobId = sim.addJob("processing");
    sim.failNextWith503(1);
    sim.rateLimitNext(Duration.ofSeconds(2));

    Reply unavailable = cancel(jobId);
    Reply limited = cancel(jobId);

    assertEquals(503, unavailable.code());
    assertEquals("service_unavailable", unavailable.at("error", "code"));
    assertEquals(429, limited.code());
    assertEquals("rate_limited", limited.at("error", "code"));
    assertEquals("2", limited.header("Retry-After"));
    assertEquals("processing", sim.status(jobId), "a faulted request is not acted on");
  }

  @Test
  void addJobRefusesUnknownStatusAndDuplicateId() {
    String jobId = sim.addJob("processing");

    assertThrows(IllegalArgumentException.class, () -> sim.addJob("canceled"));
    assertThrows(IllegalArgumentException.class, () -> sim.addJob(jobId, "processing"));
    assertEquals("job_x", sim.addJob("job_x", "expired"));
  }
}
