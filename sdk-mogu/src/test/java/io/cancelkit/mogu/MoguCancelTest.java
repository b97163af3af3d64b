package io.cancelkit.mogu;

import static io.cancelkit.mogu.MoguFixtures.API_KEY;
import static io.cancelkit.mogu.MoguFixtures.ID;
import static io.cancelkit.mogu.MoguFixtures.UPDATED_AT;
import static io.cancelkit.mogu.MoguFixtures.assertCancelRequest;
import static io.cancelkit.mogu.MoguFixtures.assertStatusRequest;
import static io.cancelkit.mogu.MoguFixtures.canceller;
import static io.cancelkit.mogu.MoguFixtures.errorObject;
import static io.cancelkit.mogu.MoguFixtures.fixture;
import static io.cancelkit.mogu.MoguFixtures.json;
import static io.cancelkit.mogu.MoguFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cancel()}: every answer of Mogu's cancel endpoint, mapped to an outcome. */
class MoguCancelTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void shutdown() throws IOException {
    server.shutdown();
  }

  // ---- 200 with the job -------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "job-canceled,   Cancelled,       CANCELLED, canceled,   extractingText",
    "job-processing, CancelPending,   RUNNING,   processing, generatingBlocks",
  })
  void cancel200WithLiveOrCanceledJobCarriesItsSnapshot(
      String fixture, String type, JobState state, String word, String stage) throws Exception {
    server.enqueue(json(200, fixture).setHeader("X-Request-Id", "req_200"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    Optional<JobSnapshot> snapshot =
        type.equals("Cancelled")
            ? assertInstanceOf(Cancelled.class, outcome).snapshot()
            : assertInstanceOf(CancelPending.class, outcome).snapshot();
    JobSnapshot job = snapshot.orElseThrow();
    assertEquals("mogu", job.provider());
    assertEquals(ID, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertEquals(stage, job.stage());
    assertEquals(UPDATED_AT, job.updatedAt());
    assertEquals(ID, job.attributes().get("jobId"));
    assertEquals(
        "https://v2.app.moguplatform.com/ai/trip/public/" + ID, job.attributes().get("publicUrl"));
    assertTrue(job.attributes().containsKey("tripId"));
    assertNull(job.attributes().get("tripId"));
    assertEquals("mogu", outcome.provider());
    assertEquals(ID, outcome.jobId());
    assertEquals(200, outcome.response().httpStatus());
    assertEquals("req_200", outcome.response().requestId());
    assertEquals(1, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @CsvSource({"job-completed, COMPLETED, completed", "job-error, FAILED, error"})
  void cancel200WithEndedJobIsAlreadyFinished(String fixture, JobState state, String word)
      throws Exception {
    server.enqueue(json(200, fixture));

    CancelOutcome outcome = canceller(server).cancel(ID);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(state, finished.finalState());
    assertEquals(word, finished.providerStatus());
    assertEquals(200, finished.response().httpStatus());
    assertNull(finished.response().requestId());
    assertEquals(1, finished.response().attempts());
    assertCancelRequest(take(server));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"queued", "cancelled", "CANCELED", "paused"})
  void cancel200WithUndocumentedStatusWordClaimsNothing(String word) throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setBody(fixture("job-processing").replace("\"processing\"", '"' + word + '"')));

    CancelOutcome outcome = canceller(server).cancel(ID);

    // Neither Cancelled nor AlreadyFinished nor CancelPending: an unknown word proves none of them.
    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, error.kind());
    assertEquals(200, error.httpStatus());
    assertNull(error.providerCode());
    assertTrue(error.message().contains('"' + word + '"'), error.message());
    assertTrue(error.message().contains(ID), "snippet of the body: " + error.message());
    assertCancelRequest(take(server));
    assertEquals(1, server.getRequestCount(), "no resolving GET for an unknown word");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"jobId\":\"" + ID + "\",\"stage\":\"initializing\"}",
        "{\"status\":\"\"}",
        "{\"status\":null}",
        "{\"status\":42}",
        "{\"status\":\"canceled\",\"tripId\":\"not a number\"}",
        "{\"error\":{\"code\":\"job_not_found\",\"message\":\"Job not found\"}}",
        "[]",
        "null",
        "canceled",
        "<html>canceled</html>",
        "",
      })
  void cancel200GarbageIsUnexpectedNeverSuccess(String body) throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setBody(body));

    CancelOutcome outcome = canceller(server).cancel(ID);

    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, error.kind());
    assertEquals(200, error.httpStatus());
    assertEquals(1, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancelAcceptsJobIdInAnotherCase() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setBody(fixture("job-canceled").replace(ID, ID.toUpperCase())));

    assertInstanceOf(Cancelled.class, canceller(server).cancel(ID));
    assertCancelRequest(take(server));
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 202, 204})
  void cancelUndocumented2xxIsUnexpected(int status) throws Exception {
    server.enqueue(new MockResponse().setResponseCode(status));

    CancelOutcome outcome = canceller(server).cancel(ID);

    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, error.kind());
    assertEquals(status, error.httpStatus());
    assertCancelRequest(take(server));
  }

  // ---- error envelope: code first, then status --------------------------------------------------

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "404, error-job-not-found,       NOT_FOUND,       job_not_found",
    "400, error-job-not-found,       NOT_FOUND,       job_not_found",
    "401, error-job-not-found,       NOT_FOUND,       job_not_found",
    "400, error-invalid-source,      INVALID_REQUEST, invalid_source",
    "400, error-invalid-url,         INVALID_REQUEST, invalid_url",
    "400, error-unsupported-format,  INVALID_REQUEST, unsupported_format",
    "404, error-invalid-source,      INVALID_REQUEST, invalid_source",
    "404, error-unsupported-format,  INVALID_REQUEST, unsupported_format",
    "401, error-missing-api-key,     AUTHENTICATION,  missing_api_key",
    "401, error-invalid-api-key,     AUTHENTICATION,  invalid_api_key",
    "400, error-missing-api-key,     AUTHENTICATION,  missing_api_key",
    "400, error-invalid-api-key,     AUTHENTICATION,  invalid_api_key",
    "404, error-missing-api-key,     AUTHENTICATION,  missing_api_key",
    "404, error-invalid-api-key,     AUTHENTICATION,  invalid_api_key",
  })
  void cancelErrorMapsByCodeFirst(int status, String fixture, ErrorKind kind, String code)
      throws Exception {
    server.enqueue(json(status, fixture).setHeader("X-Request-Id", "req_err"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    if (kind == ErrorKind.NOT_FOUND) {
      assertInstanceOf(NotFound.class, outcome);
    } else {
      CancelError error = assertInstanceOf(Failed.class, outcome).error();
      assertEquals(kind, error.kind());
      assertEquals(code, error.providerCode());
      assertEquals(status, error.httpStatus());
      assertEquals("req_err", error.requestId());
      String message = (String) errorObject(fixture).get("message");
      assertTrue(error.message().contains(message), error.message());
      assertFalse(error.message().contains(API_KEY));
    }
    assertEquals(status, outcome.response().httpStatus());
    assertEquals("req_err", outcome.response().requestId());
    assertEquals(1, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertEquals(1, server.getRequestCount(), "no retry, no resolving GET");
  }

  @Test
  void cancel401WithoutMoguCodeIsAuthentication() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(401).setBody("Unauthorized"));

    CancelError error = assertInstanceOf(Failed.class, canceller(server).cancel(ID)).error();

    assertEquals(ErrorKind.AUTHENTICATION, error.kind());
    assertEquals(401, error.httpStatus());
    assertNull(error.providerCode());
    assertCancelRequest(take(server));
  }

  @Test
  void cancel403IsPermission() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(403)
            .setBody("{\"error\":{\"code\":\"forbidden\",\"message\":\"Not the job's agent\"}}"));

    CancelError error = assertInstanceOf(Failed.class, canceller(server).cancel(ID)).error();

    assertEquals(ErrorKind.PERMISSION, error.kind());
    assertEquals(403, error.httpStatus());
    assertEquals("forbidden", error.providerCode());
    assertTrue(error.message().contains("Not the job's agent"), error.message());
    assertCancelRequest(take(server));
  }

  @Test
  void cancel404WithoutBodyIsNotFound() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));

    CancelOutcome outcome = canceller(server).cancel(ID);

    assertInstanceOf(NotFound.class, outcome);
    assertEquals(404, outcome.response().httpStatus());
    assertCancelRequest(take(server));
  }

  @Test
  void cancel400WithUndocumentedCodeIsInvalidRequestKeepingTheCode() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody("{\"error\":{\"code\":\"bad_thing\",\"message\":\"Something is off\"}}"));

    CancelError error = assertInstanceOf(Failed.class, canceller(server).cancel(ID)).error();

    assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
    assertEquals("bad_thing", error.providerCode());
    assertTrue(error.message().contains("Something is off"), error.message());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancel5xxWithMoguCodeKeepsServerErrorMeaningAndIsRetried() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "error-job-not-found"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.PROVIDER_ERROR, error.kind());
    assertEquals(500, error.httpStatus());
    assertEquals("job_not_found", error.providerCode());
    assertEquals(3, outcome.response().attempts());
    for (int i = 0; i < 3; i++) assertCancelRequest(take(server));
  }

  // ---- job_not_cancelable: one public GET decides -----------------------------------------------

  @ParameterizedTest(name = "{0} then GET {1}")
  @CsvSource({
    "400, job-canceled,   Cancelled,       CANCELLED, canceled",
    "400, job-completed,  AlreadyFinished, COMPLETED, completed",
    "400, job-error,      AlreadyFinished, FAILED,    error",
    "400, job-processing, NotCancellable,  RUNNING,   processing",
    "404, job-canceled,   Cancelled,       CANCELLED, canceled",
  })
  void jobNotCancelableIsResolvedByOnePublicGet(
      int status, String getFixture, String type, JobState state, String word) throws Exception {
    server.enqueue(json(status, "error-job-not-cancelable"));
    server.enqueue(json(200, getFixture).setHeader("X-Request-Id", "req_get"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    switch (type) {
      case "Cancelled" -> {
        JobSnapshot job = assertInstanceOf(Cancelled.class, outcome).snapshot().orElseThrow();
        assertEquals(state, job.state());
        assertEquals(word, job.providerStatus());
        assertEquals(UPDATED_AT, job.updatedAt());
      }
      case "AlreadyFinished" -> {
        AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
        assertEquals(state, finished.finalState());
        assertEquals(word, finished.providerStatus());
      }
      default -> {
        NotCancellable refused = assertInstanceOf(NotCancellable.class, outcome);
        assertEquals("generatingBlocks", refused.stage());
        assertEquals("Job cannot be canceled in its current status", refused.reason());
      }
    }
    assertEquals(200, outcome.response().httpStatus());
    assertEquals("req_get", outcome.response().requestId());
    assertEquals(2, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void lostAnswerThenRetryIsResolvedToCancelled() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(400, "error-job-not-cancelable"));
    server.enqueue(json(200, "job-canceled"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    Cancelled cancelled = assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, cancelled.snapshot().orElseThrow().state());
    assertEquals(3, outcome.response().attempts());
    assertEquals(200, outcome.response().httpStatus());
    assertCancelRequest(take(server));
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void resolvingGetFailingWith5xxLeavesAlreadyFinishedUnknown() throws Exception {
    server.enqueue(json(400, "error-job-not-cancelable").setHeader("X-Request-Id", "req_400"));
    for (int i = 0; i < 3; i++) server.enqueue(new MockResponse().setResponseCode(500));

    CancelOutcome outcome = canceller(server).cancel(ID);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertNull(finished.providerStatus());
    // The cancel answer's facts stand; the attempts count the GETs too.
    assertEquals(400, outcome.response().httpStatus());
    assertEquals("req_400", outcome.response().requestId());
    assertEquals(4, outcome.response().attempts());
    assertCancelRequest(take(server));
    for (int i = 0; i < 3; i++) assertStatusRequest(take(server));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "not json", "{\"status\":7,\"jobId\":\"x\"}"})
  void resolvingGetUnreadableLeavesAlreadyFinishedUnknown(String body) throws Exception {
    server.enqueue(json(400, "error-job-not-cancelable"));
    server.enqueue(new MockResponse().setResponseCode(200).setBody(body));

    CancelOutcome outcome = canceller(server).cancel(ID);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertEquals(400, outcome.response().httpStatus());
    assertEquals(2, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));
  }

  @Test
  void resolvingGet404LeavesAlreadyFinishedUnknown() throws Exception {
    server.enqueue(json(400, "error-job-not-cancelable"));
    server.enqueue(json(404, "error-job-not-found"));

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller(server).cancel(ID));

    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertEquals(2, finished.response().attempts());
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));
  }

  // ---- engine defaults as Mogu sees them --------------------------------------------------------

  @Test
  void cancel429WithoutRetriesCarriesRetryAfter() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));

    CancelOutcome outcome = canceller(server, 1).cancel(ID);

    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.RATE_LIMITED, error.kind());
    assertEquals(429, error.httpStatus());
    assertEquals(Optional.of(Duration.ofSeconds(7)), error.retryAfter());
    assertEquals(1, outcome.response().attempts());
    assertCancelRequest(take(server));
  }

  @Test
  void cancel429ThenSuccessIsRetried() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "0"));
    server.enqueue(json(200, "job-canceled"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(2, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertCancelRequest(take(server));
  }

  @Test
  void cancel5xxIsRetriedUntilAnAnswer() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(json(200, "job-processing"));

    CancelOutcome outcome = canceller(server).cancel(ID);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(3, outcome.response().attempts());
    assertEquals(200, outcome.response().httpStatus());
    for (int i = 0; i < 3; i++) assertCancelRequest(take(server));
  }

  @Test
  void cancel5xxExhaustedIsProviderError() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(new MockResponse().setResponseCode(503));

    CancelOutcome outcome = canceller(server).cancel(ID);

    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.PROVIDER_ERROR, error.kind());
    assertEquals(503, error.httpStatus());
    assertEquals(3, outcome.response().attempts());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void cancelWithNoAnswerAtAllIsNetwork() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }

    CancelOutcome outcome = canceller(server).cancel(ID);

    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(ErrorKind.NETWORK, error.kind());
    assertEquals(0, outcome.response().httpStatus());
    assertEquals(3, outcome.response().attempts());
    assertTrue(error.cause().isPresent());
    for (int i = 0; i < 3; i++) assertCancelRequest(take(server));
  }

  @Test
  void cancelRedirectIsNotFollowed() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(302)
            .setHeader("Location", server.url("/elsewhere").toString()));

    CancelError error = assertInstanceOf(Failed.class, canceller(server).cancel(ID)).error();

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, error.kind());
    assertEquals(302, error.httpStatus());
    assertCancelRequest(take(server));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancelAsyncGivesTheSameOutcome() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(400, "error-job-not-cancelable"));
    server.enqueue(json(200, "job-canceled"));

    CancelOutcome outcome = canceller(server).cancelAsync(ID).get(10, TimeUnit.SECONDS);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(3, outcome.response().attempts());
    assertCancelRequest(take(server));
    assertCancelRequest(take(server));
    assertStatusRequest(take(server));
  }
}
