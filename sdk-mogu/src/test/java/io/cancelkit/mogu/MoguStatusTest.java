package io.cancelkit.mogu;

import static io.cancelkit.mogu.MoguFixtures.ID;
import static io.cancelkit.mogu.MoguFixtures.UPDATED_AT;
import static io.cancelkit.mogu.MoguFixtures.assertStatusRequest;
import static io.cancelkit.mogu.MoguFixtures.canceller;
import static io.cancelkit.mogu.MoguFixtures.fixture;
import static io.cancelkit.mogu.MoguFixtures.json;
import static io.cancelkit.mogu.MoguFixtures.parseJson;
import static io.cancelkit.mogu.MoguFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import java.io.IOException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code status()}: the public {@code GET /ai/trips/{publicId}/status}, sent without the key. */
class MoguStatusTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void shutdown() throws IOException {
    server.shutdown();
  }

  @ParameterizedTest
  @CsvSource({
    "job-processing, RUNNING,   processing, generatingBlocks",
    "job-completed,  COMPLETED, completed,  completed",
    "job-error,      FAILED,    error,      extractingText",
    "job-canceled,   CANCELLED, canceled,   extractingText",
  })
  void statusReadsEveryMoguWord(String fixture, JobState state, String word, String stage)
      throws Exception {
    server.enqueue(json(200, fixture));

    JobSnapshot job = canceller(server).status(ID);

    assertEquals("mogu", job.provider());
    assertEquals(ID, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertEquals(stage, job.stage());
    assertEquals(UPDATED_AT, job.updatedAt());
    assertEquals(parseJson(fixture(fixture)), job.attributes());
    assertStatusRequest(take(server));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void statusKeepsWhatOnlyMoguSaysInAttributes() throws Exception {
    server.enqueue(json(200, "job-completed"));
    server.enqueue(json(200, "job-error"));
    MoguCanceller mogu = canceller(server);

    JobSnapshot completed = mogu.status(ID);
    JobSnapshot failed = mogu.status(ID);

    assertEquals(48213.0, completed.attributes().get("tripId"));
    assertEquals("lisbon-and-porto-in-7-days", completed.attributes().get("tripSlug"));
    assertEquals(
        "Could not extract trip information from document", failed.attributes().get("error"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"queued", "cancelled", "CANCELED", "archived"})
  void statusWithUnknownWordIsUnknownVerbatim(String word) throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setBody(fixture("job-processing").replace("\"processing\"", '"' + word + '"')));

    JobSnapshot job = canceller(server).status(ID);

    assertEquals(JobState.UNKNOWN, job.state());
    assertEquals(word, job.providerStatus());
    assertStatusRequest(take(server));
  }

  @Test
  void status404IsNotFoundException() throws Exception {
    server.enqueue(json(404, "error-job-not-found").setHeader("X-Request-Id", "req_404"));

    JobCancelException e =
        assertThrows(JobCancelException.class, () -> canceller(server).status(ID));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(404, e.error().httpStatus());
    assertEquals("job_not_found", e.error().providerCode());
    assertEquals("req_404", e.error().requestId());
    assertStatusRequest(take(server));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "not json", "{\"status\":7}", "[]"})
  void statusGarbageIsUnexpectedResponseException(String body) throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setBody(body));

    JobCancelException e =
        assertThrows(JobCancelException.class, () -> canceller(server).status(ID));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, e.error().kind());
    assertStatusRequest(take(server));
  }

  @Test
  void status5xxIsRetried() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(json(200, "job-processing"));

    assertEquals(JobState.RUNNING, canceller(server).status(ID).state());
    assertStatusRequest(take(server));
    assertStatusRequest(take(server));
  }
}
