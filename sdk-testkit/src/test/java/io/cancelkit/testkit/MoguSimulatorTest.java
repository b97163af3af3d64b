package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static io.cancelkit.testkit.Http.get;
import static io.cancelkit.testkit.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class MoguSimulatorTest {
  private static final List<Object> SHAPE =
      List.of(
          "jobId", "status", "stage", "publicUrl", "builderUrl", "tripId", "tripSlug", "updatedAt");

  @AutoClose private final MoguSimulator sim = Simulators.mogu();

  private Reply cancel(String jobId, String... headers) throws IOException {
    return post(sim.baseUrl() + "/ai/trips/" + jobId + "/actions/cancel", headers);
  }

  private Reply cancel(String jobId) throws IOException {
    return cancel(jobId, "Authorization", bearer(sim.apiKey()));
  }

  private Reply publicStatus(String jobId, String... headers) throws IOException {
    return get(sim.baseUrl() + "/ai/trips/" + jobId + "/status", headers);
  }

  @Test
  void processingJobIsCanceledAtOnce() throws IOException {
    String jobId = sim.addJob("processing", "generatingBlocks");

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals(SHAPE, reply.keys());
    assertEquals(jobId, reply.at("jobId"));
    assertEquals("canceled", reply.at("status"));
    assertEquals("generatingBlocks", reply.at("stage"));
    assertEquals("https://v2.app.moguplatform.com/ai/trip/public/" + jobId, reply.at("publicUrl"));
    assertEquals("https://v2.app.moguplatform.com/ai/trip/" + jobId, reply.at("builderUrl"));
    assertNull(reply.at("tripId"));
    assertTrue(
        ((String) reply.at("updatedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals("canceled", sim.status(jobId));
  }

  @Test
  void statusIsPublicAndIgnoresAnyKey() throws IOException {
    String jobId = sim.addJob("processing", "extractingText");

    Reply anonymous = publicStatus(jobId);
    Reply badKey = publicStatus(jobId, "Authorization", bearer("ak_wrong"));

    assertEquals(200, anonymous.code());
    assertEquals(SHAPE, anonymous.keys());
    assertEquals("processing", anonymous.at("status"));
    assertEquals(200, badKey.code());
    assertEquals(404, publicStatus(UUID.randomUUID().toString()).code());
  }

  @Test
  void cancelAfterPollsAnswersProcessingAndFlipsOnTheNthStatusGet() throws IOException {
    sim.cancelAfterPolls(1);
    String jobId = sim.addJob("processing", "enrichingBlocks");

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals("processing", reply.at("status"));
    assertEquals("canceled", publicStatus(jobId).at("status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"completed", "error", "canceled"})
  void finishedJobIs400JobNotCancelable(String status) throws IOException {
    String jobId = sim.addJob(status, "completed");

    Reply reply = cancel(jobId);

    assertEquals(400, reply.code());
    assertEquals(List.of("code", "message"), reply.keys("error"));
    assertEquals("job_not_cancelable", reply.at("error", "code"));
    assertEquals(status, sim.status(jobId));
  }

  @Test
  void completedJobHasTripAndErroredJobAnError() throws IOException {
    Reply completed = publicStatus(sim.addJob("completed", "completed"));
    Reply errored = publicStatus(sim.addJob("error", "extractingText"));

    assertTrue(completed.at("tripId") instanceof Double);
    assertTrue(completed.at("tripSlug") instanceof String);
    assertTrue(errored.keys().contains("error"));
    assertEquals("extractingText", errored.at("stage"));
  }

  @Test
  void anotherAgentsKeyGets404AndTheJobRuns() throws IOException {
    String jobId = sim.addJob("processing", "generatingBlocks");

    Reply reply = cancel(jobId, "Authorization", bearer(sim.otherApiKey()));

    assertEquals(404, reply.code());
    assertEquals("job_not_found", reply.at("error", "code"));
    assertEquals("processing", sim.status(jobId));
  }

  @Test
  void missingKeyAndWrongKeyAre401WithTheirCodes() throws IOException {
    String jobId = sim.addJob("processing", "generatingBlocks");

    Reply missing = cancel(jobId, new String[0]);
    Reply wrong = cancel(jobId, "Authorization", bearer("ak_wrong"));

    assertEquals(401, missing.code());
    assertEquals("missing_api_key", missing.at("error", "code"));
    assertEquals(401, wrong.code());
    assertEquals("invalid_api_key", wrong.at("error", "code"));
    assertEquals("processing", sim.status(jobId));
  }

  @Test
  void unknownJobIs404JobNotFound() throws IOException {
    Reply reply = cancel(UUID.randomUUID().toString());

    assertEquals(404, reply.code());
    assertEquals("job_not_found", reply.at("error", "code"));
  }

  @Test
  void faultsUseTheErrorCodeEnvelopeOnThePublicEndpointToo() throws IOException {
    String jobId = sim.addJob("processing", "generatingBlocks");
    sim.failNextWith503(1);
    sim.rateLimitNext(Duration.ZERO);

    Reply unavailable = publicStatus(jobId);
    Reply limited = publicStatus(jobId);

    assertEquals(503, unavailable.code());
    assertEquals("service_unavailable", unavailable.at("error", "code"));
    assertEquals(429, limited.code());
    assertEquals("0", limited.header("Retry-After"));
  }

  @Test
  void addJobChecksStatusAndStageWords() {
    assertThrows(IllegalArgumentException.class, () -> sim.addJob("cancelled", "completed"));
    assertThrows(IllegalArgumentException.class, () -> sim.addJob("processing", "rendering"));
    String jobId = sim.addJob("processing", "initializing");
    assertEquals(jobId, UUID.fromString(jobId).toString());
    assertEquals("initializing", sim.stage(jobId));
  }
}
