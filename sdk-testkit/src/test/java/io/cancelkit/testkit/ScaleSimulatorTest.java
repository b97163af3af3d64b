package io.cancelkit.testkit;

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
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaleSimulatorTest {
  @AutoClose private final ScaleSimulator sim = Simulators.scale();

  private String jobUrl(String projectId, String jobId) {
    return sim.baseUrl() + "/v1/projects/" + projectId + "/jobs/" + jobId;
  }

  private Reply cancel(String jobId) throws IOException {
    return post(
        jobUrl(sim.projectId(), jobId) + "/cancel",
        "x-api-key",
        sim.apiKey(),
        "x-selected-account-id",
        sim.accountId());
  }

  private Reply poll(String jobId) throws IOException {
    return get(
        jobUrl(sim.projectId(), jobId),
        "x-api-key",
        sim.apiKey(),
        "x-selected-account-id",
        sim.accountId());
  }

  @Test
  void pendingJobIsCancelledAtOnceAnd200JobEntity() throws IOException {
    String jobId = sim.addJob("pending");

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals(
        List.of(
            "id",
            "project_id",
            "object",
            "operation",
            "status",
            "source_id",
            "correlation_id",
            "created_at",
            "started_at",
            "completed_at",
            "result",
            "progress",
            "error",
            "history"),
        reply.keys());
    assertEquals(jobId, reply.at("id"));
    assertEquals(sim.projectId(), reply.at("project_id"));
    assertEquals("job", reply.at("object"));
    assertEquals("cancelled", reply.at("status"));
    assertNull(reply.at("started_at"), "a pending job never started");
    assertNotNull(reply.at("completed_at"));
    assertEquals("cancelled", sim.status(jobId));
  }

  @Test
  void runningJobIs202WithoutBodyThenCancelledOnTheFirstPoll() throws IOException {
    String jobId = sim.addJob("running");

    Reply reply = cancel(jobId);

    assertEquals(202, reply.code());
    assertEquals("", reply.body());
    assertEquals("running", sim.status(jobId));
    Reply polled = poll(jobId);
    assertEquals("cancelled", polled.at("status"));
    List<Object> steps =
        ((List<?>) polled.at("history"))
            .stream().map(event -> Http.at(event, "step")).map(Object.class::cast).toList();
    assertEquals(List.of("created", "started", "cancel_requested", "cancelled"), steps);
  }

  @Test
  void cancelAfterPollsHoldsARunningJobForNPolls() throws IOException {
    sim.cancelAfterPolls(2);
    String jobId = sim.addJob("running");
    assertEquals(202, cancel(jobId).code());

    assertEquals("running", poll(jobId).at("status"));
    assertEquals(202, cancel(jobId).code(), "still running, so still 202");
    assertEquals("cancelled", poll(jobId).at("status"));
  }

  @Test
  void alreadyCancelledJobIs200Idempotent() throws IOException {
    String jobId = sim.addJob("cancelled");

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals("cancelled", reply.at("status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"succeeded", "partially_succeeded", "failed"})
  void terminalJobIs400Detail(String status) throws IOException {
    String jobId = sim.addJob(status);

    Reply reply = cancel(jobId);

    assertEquals(400, reply.code());
    assertEquals(List.of("detail"), reply.keys());
    assertEquals("Job is in a terminal state", reply.at("detail"));
    assertEquals(status, sim.status(jobId));
  }

  @Test
  void bothAuthHeadersAreChecked() throws IOException {
    String jobId = sim.addJob("running");
    String url = jobUrl(sim.projectId(), jobId) + "/cancel";

    Reply noAccount = post(url, "x-api-key", sim.apiKey());
    Reply wrongAccount =
        post(url, "x-api-key", sim.apiKey(), "x-selected-account-id", "acct_other");
    Reply noKey = post(url, "x-selected-account-id", sim.accountId());
    Reply wrongKey = post(url, "x-api-key", "wrong", "x-selected-account-id", sim.accountId());
    Reply bearerInstead =
        post(
            url,
            "Authorization",
            "Bearer " + sim.apiKey(),
            "x-selected-account-id",
            sim.accountId());

    for (Reply reply : List.of(noAccount, wrongAccount, noKey, wrongKey, bearerInstead)) {
      assertEquals(401, reply.code());
      assertEquals(List.of("detail"), reply.keys());
      assertTrue(reply.at("detail") instanceof String);
    }
    assertTrue(((String) noAccount.at("detail")).contains("x-selected-account-id"));
    assertTrue(((String) noKey.at("detail")).contains("x-api-key"));
    assertEquals("running", sim.status(jobId));
  }

  @Test
  void unknownJobOrProjectIs404JobNotFound() throws IOException {
    String jobId = sim.addJob("running");

    Reply unknownJob = cancel(UUID.randomUUID().toString());
    Reply unknownProject =
        get(
            jobUrl("proj_other", jobId),
            "x-api-key",
            sim.apiKey(),
            "x-selected-account-id",
            sim.accountId());

    for (Reply reply : List.of(unknownJob, unknownProject)) {
      assertEquals(404, reply.code());
      assertEquals("Job not found", reply.at("detail"));
    }
  }

  @Test
  void malformedIdIs422HttpValidationError() throws IOException {
    Reply reply = cancel("bad id");

    assertEquals(422, reply.code());
    assertEquals(List.of("path", "job_id"), reply.at("detail", 0, "loc"));
    assertEquals("string_pattern_mismatch", reply.at("detail", 0, "type"));
    assertEquals("bad id", reply.at("detail", 0, "input"));
    assertTrue(reply.at("detail", 0, "msg") instanceof String);
  }

  @Test
  void jobsCanLiveInAnotherProject() throws IOException {
    String jobId = sim.addJob("proj_other", "job-in-other-project", "pending");

    Reply inItsProject =
        post(
            jobUrl("proj_other", jobId) + "/cancel",
            "x-api-key",
            sim.apiKey(),
            "x-selected-account-id",
            sim.accountId());
    Reply inTheDefault = poll(jobId);

    assertEquals(200, inItsProject.code());
    assertEquals("proj_other", inItsProject.at("project_id"));
    assertEquals(404, inTheDefault.code());
  }

  @Test
  void faultsUseTheDetailEnvelope() throws IOException {
    String jobId = sim.addJob("pending");
    sim.failNextWith503(1);
    sim.rateLimitNext(Duration.ofMillis(1500));

    Reply unavailable = cancel(jobId);
    Reply limited = cancel(jobId);

    assertEquals(503, unavailable.code());
    assertEquals(List.of("detail"), unavailable.keys());
    assertEquals(429, limited.code());
    assertEquals("2", limited.header("Retry-After"), "rounded up to whole seconds");
    assertEquals("pending", sim.status(jobId));
  }

  @Test
  void defaultsAreStableAndIdsAreUuids() {
    String jobId = sim.addJob("running");

    assertEquals("sgp_test_cancelkit", sim.apiKey());
    assertEquals("acct_cancelkit_test", sim.accountId());
    assertEquals("proj_cancelkit_test", sim.projectId());
    assertEquals(jobId, UUID.fromString(jobId).toString());
    assertThrows(IllegalArgumentException.class, () -> sim.addJob("canceled"));
  }
}
