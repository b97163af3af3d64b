package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.assertJobRequest;
import static io.cancelkit.layers.LayersFixtures.builder;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static io.cancelkit.layers.LayersFixtures.json;
import static io.cancelkit.layers.LayersFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code status()}: {@code GET /v1/jobs/{jobId}} read into a snapshot. */
class LayersStatusTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void shutdown() throws IOException {
    server.shutdown();
  }

  @Test
  void runningJobIsReadWithStageProgressAndStartedAt() throws Exception {
    server.enqueue(json(200, fixture("job-running.json")).setHeader("ETag", "\"v1\""));
    JobSnapshot job = builder(server).build().status(JOB);

    assertEquals("layers", job.provider());
    assertEquals(JOB, job.jobId());
    assertEquals(JobState.RUNNING, job.state());
    assertEquals("running", job.providerStatus());
    assertEquals("generating_visuals", job.stage());
    // No finishedAt yet: updatedAt falls back to startedAt.
    assertEquals(Instant.parse("2026-04-18T12:04:11Z"), job.updatedAt());
    assertEquals(0.42, job.attributes().get("progress"));
    assertEquals("content_generate", job.attributes().get("kind"));
    assertJobRequest(take(server), JOB, null);
  }

  @Test
  void terminalJobUsesFinishedAtAndKeepsTheResult() throws Exception {
    // The Jobs concept page's terminal shape: no stage, no startedAt, a result.
    server.enqueue(json(200, fixture("job-completed.json")));
    JobSnapshot job = builder(server).build().status(JOB);

    assertEquals(JobState.COMPLETED, job.state());
    assertEquals("completed", job.providerStatus());
    assertNull(job.stage());
    assertEquals(Instant.parse("2026-04-18T12:07:33Z"), job.updatedAt());
    Map<?, ?> result = (Map<?, ?>) job.attributes().get("result");
    assertEquals("cnt_01HX9Y6K7EJ4T2ABCDEF", result.get("containerId"));
    assertJobRequest(take(server), JOB, null);
  }

  @Test
  void finishedAtWinsOverStartedAt() throws Exception {
    server.enqueue(json(200, fixture("job-canceled.json")));
    JobSnapshot job = builder(server).build().status(JOB);

    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("generating_visuals", job.stage());
    assertEquals(Instant.parse("2026-04-18T12:05:02Z"), job.updatedAt());
  }

  @ParameterizedTest(name = "status \"{0}\" -> {1}")
  @CsvSource({
    "running, RUNNING",
    "completed, COMPLETED",
    "failed, FAILED",
    "canceled, CANCELLED",
    "paused, UNKNOWN",
    "Canceled, UNKNOWN",
    "'', UNKNOWN"
  })
  void everyStatusWordMaps(String word, JobState state) throws Exception {
    server.enqueue(
        json(200, fixture("job-running.json").replace("\"running\"", "\"" + word + "\"")));
    JobSnapshot job = builder(server).build().status(JOB);

    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertJobRequest(take(server), JOB, null);
  }

  @Test
  void unknownJobThrowsNotFound() throws Exception {
    server.enqueue(json(404, fixture("error-404-not-found.json")));
    LayersCanceller layers = builder(server).build();
    JobCancelException e = assertThrows(JobCancelException.class, () -> layers.status(JOB));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(404, e.error().httpStatus());
    assertEquals("NOT_FOUND", e.error().providerCode());
    assertEquals("req_01HXA1PH3X5C7V9B2N4M6Q8W0E", e.error().requestId());
    assertJobRequest(take(server), JOB, null);
  }

  @Test
  void wrongKeyThrowsAuthentication() throws Exception {
    server.enqueue(json(401, fixture("error-401-unauthenticated.json")));
    LayersCanceller layers = builder(server).build();
    JobCancelException e = assertThrows(JobCancelException.class, () -> layers.status(JOB));

    assertEquals(ErrorKind.AUTHENTICATION, e.error().kind());
    assertEquals("UNAUTHENTICATED", e.error().providerCode());
    assertEquals("req_01HXA1PB6N4M8L2K7J5H3G9F1D", e.error().requestId());
    assertFalse(e.getMessage().contains(LayersFixtures.API_KEY));
  }

  @Test
  void jobWithoutStatusIsUnexpected() throws Exception {
    server.enqueue(json(200, "{\"jobId\":\"" + JOB + "\",\"stage\":\"x\"}"));
    server.enqueue(json(200, "{\"jobId\":\"" + JOB + "\",\"status\":7}"));
    server.enqueue(json(200, "not json"));
    LayersCanceller layers = builder(server).build();
    for (int i = 0; i < 3; i++) {
      JobCancelException e = assertThrows(JobCancelException.class, () -> layers.status(JOB));
      assertEquals(ErrorKind.UNEXPECTED_RESPONSE, e.error().kind());
      assertEquals(200, e.error().httpStatus());
    }
  }

  @Test
  void killSwitchOnReadIsRetriedWithoutAnIdempotencyKey() throws Exception {
    server.enqueue(json(503, fixture("error-503-kill-switch.json")));
    server.enqueue(json(200, fixture("job-running.json")));
    JobSnapshot job = builder(server).build().status(JOB);

    assertEquals(JobState.RUNNING, job.state());
    assertJobRequest(take(server), JOB, null);
    assertJobRequest(take(server), JOB, null);
  }
}
