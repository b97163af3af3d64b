package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static io.cancelkit.testkit.Http.get;
import static io.cancelkit.testkit.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OmniSimulatorTest {
  private final AtomicLong nanos = new AtomicLong();
  @AutoClose private final OmniSimulator sim = Simulators.started(new OmniSimulator(nanos::get));

  private Reply cancel(String jobId, String key) throws IOException {
    return post(sim.baseUrl() + "/v1/ai/jobs/" + jobId + "/cancel", "Authorization", bearer(key));
  }

  private Reply cancel(String jobId) throws IOException {
    return cancel(jobId, sim.apiKey());
  }

  private Reply poll(String jobId, String key) throws IOException {
    return get(sim.baseUrl() + "/v1/ai/jobs/" + jobId, "Authorization", bearer(key));
  }

  private Reply poll(String jobId) throws IOException {
    return poll(jobId, sim.apiKey());
  }

  @Test
  void baseUrlEndsWithApi() {
    assertTrue(sim.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/api"), sim.baseUrl());
  }

  @Test
  void queuedJobIsCancelledAtOnce() throws IOException {
    String jobId = sim.addJob("QUEUED");

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals(Map.of("jobId", jobId, "state", "CANCELLED"), reply.json());
    assertEquals("CANCELLED", sim.status(jobId));
  }

  @Test
  void executingJobAnswersExecutingAndStopsAfterTheIteration() throws IOException {
    String jobId = sim.addJob("EXECUTING");

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals("EXECUTING", reply.at("state"));
    assertEquals("EXECUTING", sim.status(jobId));
    Reply polled = poll(jobId);
    assertEquals("CANCELLED", polled.at("state"));
    assertFalse(polled.keys().contains("progress"), "progress is only present during EXECUTING");
  }

  @Test
  void cancelAfterPollsHoldsAnExecutingJob() throws IOException {
    sim.cancelAfterPolls(2);
    String jobId = sim.addJob("EXECUTING");
    cancel(jobId);

    assertEquals("EXECUTING", poll(jobId).at("state"));
    assertEquals("EXECUTING", cancel(jobId).at("state"));
    assertEquals("CANCELLED", poll(jobId).at("state"));
  }

  @Test
  void deliveringJobIs400NotCancellable() throws IOException {
    String jobId = sim.addJob("DELIVERING");

    Reply reply = cancel(jobId);

    assertEquals(400, reply.code());
    assertEquals(
        Map.of("error", "400", "message", "Job is not in a cancellable state"), reply.json());
    assertEquals("DELIVERING", sim.status(jobId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"COMPLETE", "FAILED", "CANCELLED"})
  void finishedJobAnswers200WithItsCurrentState(String state) throws IOException {
    String jobId = sim.addJob(state);

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals(state, reply.at("state"));
    assertEquals(state, sim.status(jobId));
  }

  @Test
  void getAnswersTheDocumentedFieldsByState() throws IOException {
    Reply queued = poll(sim.addJob("QUEUED"));
    Reply executing = poll(sim.addJob("EXECUTING"));
    Reply complete = poll(sim.addJob("COMPLETE"));

    List<Object> base =
        List.of(
            "id",
            "state",
            "prompt",
            "conversationId",
            "modelId",
            "branchId",
            "organizationId",
            "userId",
            "topicName",
            "omniChatUrl",
            "createdAt",
            "updatedAt");
    assertEquals(base, queued.keys());
    assertTrue(executing.keys().contains("progress"));
    assertFalse(executing.keys().contains("resultSummary"));
    assertTrue(complete.keys().contains("resultSummary"));
    assertFalse(complete.keys().contains("progress"));
    UUID.fromString((String) queued.at("conversationId"));
  }

  @Test
  void onlyOwnerOrAdminMayCancel() throws IOException {
    String jobId = sim.addJob("QUEUED");

    Reply other = cancel(jobId, sim.otherUserApiKey());
    Reply otherReads = poll(jobId, sim.otherUserApiKey());

    assertEquals(403, other.code());
    assertEquals(
        "Permission denied. Only the job owner or organization admins can cancel jobs.",
        other.at("message"));
    assertEquals("403", other.at("error"));
    assertEquals(200, otherReads.code());
    assertEquals("QUEUED", sim.status(jobId));

    Reply admin = cancel(jobId, sim.adminApiKey());
    assertEquals(200, admin.code());
    assertEquals("CANCELLED", admin.at("state"));
  }

  @Test
  void wrongKeyIs401AndUnknownJob404() throws IOException {
    String jobId = sim.addJob("QUEUED");

    Reply wrong = cancel(jobId, "omni_wrong");
    Reply unknown = poll(UUID.randomUUID().toString());
    Reply notAUuid = cancel("not-a-uuid");

    assertEquals(401, wrong.code());
    assertEquals(Map.of("error", "401", "message", "Missing or invalid API key"), wrong.json());
    assertEquals("QUEUED", sim.status(jobId));
    assertEquals(404, unknown.code());
    assertEquals("404", unknown.at("error"));
    assertEquals(404, notAUuid.code());
  }

  @Test
  void detailStatusErrorsSwitchesTheEnvelope() throws IOException {
    sim.detailStatusErrors(true);

    Reply reply = poll(UUID.randomUUID().toString());

    assertEquals(404, reply.code());
    assertEquals(Map.of("detail", "Job not found", "status", 404.0), reply.json());
  }

  @Test
  void rateLimitCountsPerKeyInAWindow() throws IOException {
    sim.rateLimit(3, Duration.ofSeconds(60));
    String jobId = sim.addJob("QUEUED");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, poll(jobId).code());
    }

    Reply limited = poll(jobId);
    nanos.addAndGet(Duration.ofSeconds(45).toNanos());
    Reply stillLimited = cancel(jobId);
    Reply otherKey = poll(jobId, sim.otherUserApiKey());
    nanos.addAndGet(Duration.ofSeconds(15).toNanos());
    Reply nextWindow = cancel(jobId);

    assertEquals(429, limited.code());
    assertEquals("60", limited.header("Retry-After"));
    assertEquals("429", limited.at("error"));
    assertEquals(429, stillLimited.code());
    assertEquals("15", stillLimited.header("Retry-After"));
    assertEquals(200, otherKey.code(), "each key has its own window");
    assertEquals(200, nextWindow.code());
    assertEquals("CANCELLED", sim.status(jobId), "only the request in the new window acted");
    assertEquals(2, sim.rateLimitedAnswers());
  }

  @Test
  void defaultLimitIsSixtyRequestsAMinute() throws IOException {
    try (OmniSimulator real = Simulators.omni()) {
      String jobId = real.addJob("QUEUED");
      String url = real.baseUrl() + "/v1/ai/jobs/" + jobId;
      for (int i = 0; i < 60; i++) {
        assertEquals(200, get(url, "Authorization", bearer(real.apiKey())).code(), "request " + i);
      }

      Reply limited = get(url, "Authorization", bearer(real.apiKey()));

      assertEquals(429, limited.code());
      int retryAfter = Integer.parseInt(limited.header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }
  }

  @Test
  void addJobWantsUuidsAndOmniStateWords() {
    assertThrows(IllegalArgumentException.class, () -> sim.addJob("job_1", "QUEUED"));
    assertThrows(IllegalArgumentException.class, () -> sim.addJob("executing"));
    String jobId = sim.addJob("QUEUED");
    assertEquals(jobId, UUID.fromString(jobId).toString());
  }
}
