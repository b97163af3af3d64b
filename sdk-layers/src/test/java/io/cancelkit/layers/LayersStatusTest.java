package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.assertJobRequest;
import static io.cancelkit.layers.LayersFixtures.builder;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static io.cancelkit.layers.LayersFixtures.json;
import static io.cancelkit.layers.LayersFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code status()} end to end: the GET Layers gets and the exception it throws. How a job body
 * reads is {@link LayersMapperTest}'s.
 */
class LayersStatusTest {
  @AutoClose private final MockWebServer server = new MockWebServer();
  private final VirtualClock clock = new VirtualClock();

  @Test
  void statusGetsTheJobUnderThePrefixWithBearerOnly() throws Exception {
    server.enqueue(json(200, fixture("job-running.json")).setHeader("ETag", "\"v1\""));
    JobSnapshot job = builder(server).build(clock).status(JOB);

    assertEquals(JobState.RUNNING, job.state());
    assertEquals("generating_visuals", job.stage());
    // No If-None-Match (status() has no ETag yet) and no Idempotency-Key (a GET).
    assertJobRequest(take(server), JOB, null);
  }

  @Test
  void unknownJobThrowsNotFound() throws Exception {
    server.enqueue(json(404, fixture("error-404-not-found.json")));
    LayersCanceller layers = builder(server).build(clock);
    JobCancelException e = assertThrows(JobCancelException.class, () -> layers.status(JOB));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(404, e.error().httpStatus());
    assertEquals("NOT_FOUND", e.error().providerCode());
    assertEquals("req_01HXA1PH3X5C7V9B2N4M6Q8W0E", e.error().requestId());
    assertEquals(1, server.getRequestCount(), "a 404 is not retried");
  }

  @Test
  void killSwitchOnReadIsRetriedAfterABackoff() throws Exception {
    server.enqueue(json(503, fixture("error-503-kill-switch.json")));
    server.enqueue(json(200, fixture("job-running.json")));
    JobSnapshot job = builder(server).build(clock).status(JOB);

    assertEquals(JobState.RUNNING, job.state());
    assertEquals(List.of(Duration.ofMillis(250)), clock.waits());
    assertJobRequest(take(server), JOB, null);
    assertJobRequest(take(server), JOB, null);
  }
}
