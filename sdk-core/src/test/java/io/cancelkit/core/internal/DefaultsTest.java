package io.cancelkit.core.internal;

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
import io.cancelkit.core.ResponseInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's defaults as the functions mappers call by name, fed answers with no server. */
class DefaultsTest {
  static final String ENVELOPE = "{\"error\":{\"code\":\"CODE\",\"message\":\"said so\",\"requestId\":\"req_b\"}}";

  static Answer answer(int status, String body) {
    return Answer.of("p", "job_1", status, Headers.of(), body);
  }

  static JobSnapshot job(JobState state, String word, String stage) {
    return new JobSnapshot("p", "job_1", state, word, stage, null);
  }

  // ---- cancel and outcome -----------------------------------------------------------------------

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "401, AUTHENTICATION",
    "403, PERMISSION",
    "429, RATE_LIMITED",
    "500, PROVIDER_ERROR",
    "503, PROVIDER_ERROR",
    "599, PROVIDER_ERROR",
    "400, INVALID_REQUEST",
    "422, INVALID_REQUEST",
    "409, UNEXPECTED_RESPONSE",
    "418, UNEXPECTED_RESPONSE",
    "600, UNEXPECTED_RESPONSE",
  })
  void cancelMapsEachStatusToItsKindAndKeepsTheEnvelope(int status, ErrorKind kind) {
    Verdict verdict = Defaults.cancel(answer(status, ENVELOPE));

    assertFalse(verdict.settles(), "the defaults never settle");
    Failed failed = assertInstanceOf(Failed.class, verdict.outcome());
    assertEquals(kind, failed.error().kind());
    assertEquals(status, failed.error().httpStatus());
    assertEquals("CODE", failed.error().providerCode());
    assertEquals(new ResponseInfo(status, null, 1), failed.response());
    String expected =
        kind == ErrorKind.UNEXPECTED_RESPONSE
            ? "HTTP " + status + ": unexpected status: " + ENVELOPE
            : "HTTP " + status + " CODE: said so";
    assertEquals(expected, failed.error().message());
  }

  @Test
  void cancelReads404AsNotFound() {
    NotFound notFound = assertInstanceOf(NotFound.class, Defaults.outcome(answer(404, "")));
    assertEquals(404, notFound.response().httpStatus());
  }

  @Test
  void aRateLimitKeepsItsRetryAfterHint() {
    Answer a = Answer.of("p", "job_1", 429, Headers.of("Retry-After", "7"), "{}");

    Failed failed = assertInstanceOf(Failed.class, Defaults.outcome(a));

    assertEquals(Optional.of(Duration.ofSeconds(7)), failed.error().retryAfter());
  }

  @ParameterizedTest
  @CsvSource({"301", "307", "308"})
  void aRedirectIsUnexpectedAndNamesTheBaseUrl(int status) {
    Failed failed = assertInstanceOf(Failed.class, Defaults.outcome(answer(status, "moved")));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertTrue(failed.error().message().contains("redirect not followed"), failed.error().message());
    assertTrue(failed.error().message().contains("check baseUrl"), failed.error().message());
  }

  @Test
  void anUndocumented2xxIsUnexpectedNeverSuccess() {
    Failed failed = assertInstanceOf(Failed.class, Defaults.outcome(answer(204, "")));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals("HTTP 204: an answer the vendor does not document: (empty body)", failed.error().message());
  }

  @Test
  void theHeadLeavesOutACodeThatOnlyRepeatsTheStatus() {
    Answer repeats = answer(403, "{\"error\":\"403\",\"message\":\"Permission denied.\"}");
    Answer plain = answer(500, "Service Unavailable");

    assertEquals("HTTP 403: ", Defaults.head(repeats));
    assertEquals("Permission denied.", Defaults.said(repeats));
    assertEquals("HTTP 500: ", Defaults.head(plain));
    assertEquals("Service Unavailable", Defaults.said(plain), "a snippet when there is no message");
  }

  // ---- statusError ------------------------------------------------------------------------------

  @Test
  void statusErrorReads404AsNotFoundNamingTheJob() {
    CancelError error = Defaults.statusError(answer(404, "{\"error\":\"not_found\"}"));

    assertEquals(ErrorKind.NOT_FOUND, error.kind());
    assertEquals("not_found", error.providerCode());
    assertEquals("no job job_1 for these credentials", error.message());
  }

  @Test
  void statusErrorReadsOtherStatusesAsACancelWould() {
    CancelError error = Defaults.statusError(answer(401, ENVELOPE));

    assertEquals(ErrorKind.AUTHENTICATION, error.kind());
    assertEquals("HTTP 401 CODE: said so", error.message());
  }

  // ---- onJob: the one rule for a 2xx cancel answer that carries the job ---------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "CANCELLED, Cancelled",
    "COMPLETED, AlreadyFinished",
    "FAILED, AlreadyFinished",
    "EXPIRED, AlreadyFinished",
    "QUEUED, CancelPending",
    "RUNNING, CancelPending",
    "UNKNOWN, Failed",
  })
  void onJobMapsEveryState(JobState state, String type) {
    JobSnapshot job = job(state, "word", null);

    CancelOutcome outcome = Defaults.onJob(answer(200, "{}"), job);

    assertEquals(type, outcome.getClass().getSimpleName());
    assertEquals(new ResponseInfo(200, null, 1), outcome.response());
    if (outcome instanceof Cancelled c) assertEquals(Optional.of(job), c.snapshot());
    if (outcome instanceof CancelPending p) assertEquals(Optional.of(job), p.snapshot());
    if (outcome instanceof AlreadyFinished f) {
      assertEquals(state, f.finalState());
      assertEquals("word", f.providerStatus());
    }
  }

  @Test
  void onJobReadsAnUnknownWordAsUnexpectedNeverAsSuccess() {
    Answer a = answer(200, "{\"status\":\"paused_by_vendor\"}");

    Failed failed =
        assertInstanceOf(
            Failed.class, Defaults.onJob(a, job(JobState.UNKNOWN, "paused_by_vendor", null)));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals(
        "HTTP 200: job status \"paused_by_vendor\" is not a word this SDK knows, so the cancel is not"
            + " confirmed: {\"status\":\"paused_by_vendor\"}",
        failed.error().message());
  }

  // ---- settle -----------------------------------------------------------------------------------

  @Test
  void settleReadsTheJobsStateWithTheGetsFacts() {
    Answer refused = answer(409, "{\"message\":\"job is busy\"}");
    ResponseInfo get = new ResponseInfo(200, "req_get", 2);

    CancelOutcome cancelled = Defaults.settle(refused, job(JobState.CANCELLED, "cancelled", null), get);
    CancelOutcome staged = Defaults.settle(refused, job(JobState.RUNNING, "running", "writing"), get);
    CancelOutcome queued = Defaults.settle(refused, job(JobState.QUEUED, "queued", null), get);
    CancelOutcome done = Defaults.settle(refused, job(JobState.COMPLETED, "done", null), get);
    CancelOutcome unknown = Defaults.settle(refused, job(JobState.UNKNOWN, "paused", null), get);

    assertEquals(get, cancelled.response());
    assertInstanceOf(Cancelled.class, cancelled);
    assertEquals(new NotCancellable("p", "job_1", get, "writing", "job is busy"), staged);
    assertEquals(new NotCancellable("p", "job_1", get, "queued", "job is busy"), queued, "no stage: the word");
    assertEquals(new AlreadyFinished("p", "job_1", get, JobState.COMPLETED, "done"), done);
    assertEquals(new AlreadyFinished("p", "job_1", get, JobState.UNKNOWN, "paused"), unknown);
  }

  // ---- retryable and requestId ------------------------------------------------------------------

  @ParameterizedTest(name = "HTTP {0} retryable: {1}")
  @CsvSource({
    "429, true", "500, true", "502, true", "503, true", "599, true",
    "200, false", "202, false", "400, false", "401, false", "404, false", "409, false", "600, false",
  })
  void onlyRateLimitsAndServerErrorsAreRetryable(int status, boolean retryable) {
    assertEquals(retryable, Defaults.retryable(answer(status, "")));
  }

  @Test
  void requestIdPrefersHeadersInOrderThenTheBody() {
    String body = "{\"requestId\":\"req_body\"}";
    Headers all = Headers.of("X-Correlation-Id", "corr", "Request-Id", "req", "X-Request-Id", "xreq");

    assertEquals("xreq", Defaults.requestId(Answer.of("p", "j", 200, all, body)));
    assertEquals("req", Defaults.requestId(Answer.of("p", "j", 200, all.newBuilder().removeAll("X-Request-Id").build(), body)));
    assertEquals("corr", Defaults.requestId(Answer.of("p", "j", 200, Headers.of("X-Correlation-Id", "corr"), body)));
    assertEquals("req_body", Defaults.requestId(Answer.of("p", "j", 200, Headers.of("X-Request-Id", " "), body)), "a blank header is none");
    assertEquals("req_n", Defaults.requestId(answer(409, "{\"error\":{\"request_id\":\"req_n\"}}")));
    assertEquals("corr_b", Defaults.requestId(answer(200, "{\"correlation_id\":\"corr_b\"}")));
    assertNull(Defaults.requestId(answer(200, "")));
    assertNull(Defaults.requestId(answer(500, "<html>oops</html>")));
  }

  @Test
  void anUnreadableBodyIsUnexpectedWithTheReasonAndASnippet() {
    Failed failed =
        Defaults.unreadable(answer(200, "{\"status\": 7}"), new IOException("Expected a string"));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals(
        "HTTP 200: unreadable answer (IOException: Expected a string): {\"status\": 7}",
        failed.error().message());
  }
}
