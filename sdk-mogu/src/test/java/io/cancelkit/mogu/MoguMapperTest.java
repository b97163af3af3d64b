package io.cancelkit.mogu;

import static io.cancelkit.mogu.MoguFixtures.ID;
import static io.cancelkit.mogu.MoguFixtures.UPDATED_AT;
import static io.cancelkit.mogu.MoguFixtures.answer;
import static io.cancelkit.mogu.MoguFixtures.errorObject;
import static io.cancelkit.mogu.MoguFixtures.fixture;
import static io.cancelkit.mogu.MoguFixtures.parseJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonDataException;
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
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MoguMapper}, fed answers directly with no server: one row per answer of DESIGN.md's table
 * that reaches Mogu, the settling GET, the status words and the status GET.
 */
class MoguMapperTest {
  private final MoguMapper mapper = new MoguMapper();

  /** A verdict that stands as it is: the mapper did not ask for a settling GET. */
  private CancelOutcome outcome(Answer a) throws IOException {
    Verdict verdict = mapper.cancel(a);
    assertFalse(verdict.settles(), "no settling GET for HTTP " + a.status());
    return verdict.outcome();
  }

  private CancelError failure(Answer a) throws IOException {
    return assertInstanceOf(Failed.class, outcome(a)).error();
  }

  /**
   * Checks that {@code a} maps to {@code NotFound} (for {@code kind} NOT_FOUND, which a cancel
   * reports as that outcome) or to {@code Failed(kind)} with {@code code}; returns the error, or
   * null for {@code NotFound}.
   */
  private CancelError assertOutcome(Answer a, ErrorKind kind, String code) throws IOException {
    CancelOutcome outcome = outcome(a);
    assertEquals(a.status(), outcome.response().httpStatus());
    if (kind == ErrorKind.NOT_FOUND) {
      assertInstanceOf(NotFound.class, outcome);
      return null;
    }
    CancelError error = assertInstanceOf(Failed.class, outcome).error();
    assertEquals(kind, error.kind());
    assertEquals(a.status(), error.httpStatus());
    assertEquals(code, error.providerCode());
    return error;
  }

  // ---- Mogu: 200 with the job --------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "job-canceled,   Cancelled,     CANCELLED",
    "job-processing, CancelPending, RUNNING",
  })
  void cancel200WithLiveOrCanceledJobCarriesItsSnapshot(String fixture, String type, JobState state)
      throws IOException {
    CancelOutcome outcome = outcome(answer(200, fixture(fixture)));

    Optional<JobSnapshot> snapshot =
        type.equals("Cancelled")
            ? assertInstanceOf(Cancelled.class, outcome).snapshot()
            : assertInstanceOf(CancelPending.class, outcome).snapshot();
    // The job the answer carries, read as the status GET reads it (snapshotReadsEveryMoguJob).
    assertEquals(mapper.snapshot(answer(200, fixture(fixture))), snapshot.orElseThrow());
    assertEquals(state, snapshot.orElseThrow().state());
    assertEquals(200, outcome.response().httpStatus());
  }

  @ParameterizedTest(name = "{0} -> AlreadyFinished({1})")
  @CsvSource({"job-completed, COMPLETED, completed", "job-error, FAILED, error"})
  void cancel200WithEndedJobIsAlreadyFinished(String fixture, JobState state, String word)
      throws IOException {
    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, outcome(answer(200, fixture(fixture))));

    assertEquals(state, finished.finalState());
    assertEquals(word, finished.providerStatus());
    assertEquals(200, finished.response().httpStatus());
  }

  @ParameterizedTest
  @ValueSource(strings = {"queued", "cancelled", "CANCELED", "paused"})
  void cancel200WithUnknownStatusWordIsUnexpectedNeverSuccess(String word) throws IOException {
    String body = fixture("job-processing").replace("\"processing\"", '"' + word + '"');

    // Core's one rule (Defaults.onJob): an unknown word proves neither a cancel nor an end.
    CancelError error = failure(answer(200, body));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, error.kind());
    assertEquals(200, error.httpStatus());
    assertNull(error.providerCode());
    assertTrue(error.message().contains('"' + word + '"'), error.message());
    assertTrue(error.message().contains(ID), "snippet of the body: " + error.message());
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
  void cancel200ThatIsNotMogusJobIsUnreadable(String body) {
    // The engine turns this into Failed(UNEXPECTED_RESPONSE) with a snippet (MoguHttpTest checks
    // one end to end); what matters here is that it is a parse failure, never an outcome.
    Exception e = assertThrows(Exception.class, () -> mapper.cancel(answer(200, body)));

    assertTrue(e instanceof IOException || e instanceof JsonDataException, e.toString());
  }

  @Test
  void cancel200ReadsAJobWhateverIdItEchoes() throws IOException {
    String body = fixture("job-canceled").replace(ID, ID.toUpperCase());

    Cancelled cancelled = assertInstanceOf(Cancelled.class, outcome(answer(200, body)));

    assertEquals(ID, cancelled.snapshot().orElseThrow().jobId(), "the id the caller asked about");
  }

  // ---- Mogu: the error envelope, by code first ---------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {400, 404, 401})
  void jobNotCancelableSettlesWithOneGet(int status) throws IOException {
    Verdict verdict = mapper.cancel(answer(status, fixture("error-job-not-cancelable")));

    assertTrue(verdict.settles(), "the public status decides");
    // What stands if the settling GET fails: the job ended, in a state nobody saw.
    AlreadyFinished fallback = assertInstanceOf(AlreadyFinished.class, verdict.outcome());
    assertEquals(JobState.UNKNOWN, fallback.finalState());
    assertNull(fallback.providerStatus());
    assertEquals(status, fallback.response().httpStatus());
  }

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
  void errorMapsByCodeFirst(int status, String fixture, ErrorKind kind, String code)
      throws IOException {
    CancelError error = assertOutcome(answer(status, fixture(fixture)), kind, code);

    if (error != null) {
      String message = (String) errorObject(fixture).get("message");
      assertEquals("HTTP " + status + " " + code + ": " + message, error.message());
    }
  }

  // ---- all vendors: what Mogu does not document differently --------------------------------------

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          404 | ''                                                           | NOT_FOUND           |
          404 | Not Found                                                    | NOT_FOUND           |
          404 | {"error":{"code":"gone","message":"No such trip"}}           | NOT_FOUND           |
          401 | Unauthorized                                                 | AUTHENTICATION      |
          401 | {"error":{"code":"token_expired","message":"Expired"}}       | AUTHENTICATION      | token_expired
          403 | {"error":{"code":"forbidden","message":"Not your job"}}      | PERMISSION          | forbidden
          429 | ''                                                           | RATE_LIMITED        |
          500 | {"error":{"code":"job_not_found","message":"Job not found"}} | PROVIDER_ERROR      | job_not_found
          502 | ''                                                           | PROVIDER_ERROR      |
          503 | <html>Service Unavailable</html>                             | PROVIDER_ERROR      |
          400 | {"error":{"code":"bad_thing","message":"Something is off"}}  | INVALID_REQUEST     | bad_thing
          400 | ''                                                           | INVALID_REQUEST     |
          301 | ''                                                           | UNEXPECTED_RESPONSE |
          302 | <a href="/elsewhere">Found</a>                               | UNEXPECTED_RESPONSE |
          307 | ''                                                           | UNEXPECTED_RESPONSE |
          201 | {"status":"canceled"}                                        | UNEXPECTED_RESPONSE |
          202 | ''                                                           | UNEXPECTED_RESPONSE |
          204 | ''                                                           | UNEXPECTED_RESPONSE |
          409 | {"error":{"code":"job_not_cancelable","message":"No"}}       | UNEXPECTED_RESPONSE | job_not_cancelable
          418 | teapot                                                       | UNEXPECTED_RESPONSE |
          """)
  void otherAnswersTakeTheEngineDefaults(int status, String body, ErrorKind kind, String code)
      throws IOException {
    CancelError error = assertOutcome(answer(status, body), kind, code);

    if (error != null) assertTrue(error.message().startsWith("HTTP " + status), error.message());
  }

  @Test
  void rateLimitKeepsTheRetryAfterHint() throws IOException {
    Answer a = answer(429, Headers.of("Retry-After", "7"), "");

    assertEquals(Optional.of(Duration.ofSeconds(7)), failure(a).retryAfter());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "429, '',                       true",
    "500, '',                       true",
    "503, error-job-not-found,      true",
    "400, error-job-not-cancelable, false",
    "404, error-job-not-found,      false",
    "401, error-invalid-api-key,    false",
    "403, '',                       false",
    "200, job-canceled,             false",
  })
  void onlyRateLimitsAndServerErrorsAreRetried(int status, String fixture, boolean retried) {
    String body = fixture.isEmpty() ? "" : fixture(fixture);

    assertEquals(retried, mapper.retryable(answer(status, body)));
  }

  @Test
  void requestIdComesFromTheXRequestIdHeader() {
    Answer a = answer(404, Headers.of("X-Request-Id", "req_404"), fixture("error-job-not-found"));

    assertEquals("req_404", mapper.requestId(a));
  }

  // ---- the settling GET of job_not_cancelable ----------------------------------------------------

  @ParameterizedTest(name = "GET {0} -> {1}")
  @CsvSource({
    "canceled,   Cancelled,       CANCELLED",
    "completed,  AlreadyFinished, COMPLETED",
    "error,      AlreadyFinished, FAILED",
    "archived,   AlreadyFinished, UNKNOWN",
    "processing, NotCancellable,  RUNNING",
  })
  void jobNotCancelableIsSettledByThePublicStatus(String word, String type, JobState state)
      throws IOException {
    Answer refused = answer(400, fixture("error-job-not-cancelable"));
    // A word Mogu may add later: the job is read as UNKNOWN, so it ended in a state nobody names.
    String body =
        word.equals("archived")
            ? fixture("job-processing").replace("\"processing\"", "\"archived\"")
            : fixture("job-" + word);
    Answer get = answer(200, body);
    JobSnapshot job = mapper.snapshot(get);

    CancelOutcome outcome = mapper.settle(refused, job, get.info());

    assertEquals(200, outcome.response().httpStatus(), "the facts of the GET");
    switch (type) {
      case "Cancelled" ->
          assertEquals(job, assertInstanceOf(Cancelled.class, outcome).snapshot().orElseThrow());
      case "AlreadyFinished" -> {
        AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
        assertEquals(state, finished.finalState());
        assertEquals(word, finished.providerStatus());
      }
      default -> {
        // Mogu refused while the job still runs: its stage refuses, with Mogu's words as reason.
        NotCancellable refusal = assertInstanceOf(NotCancellable.class, outcome);
        assertEquals("generatingBlocks", refusal.stage());
        assertEquals("Job cannot be canceled in its current status", refusal.reason());
      }
    }
  }

  // ---- the status GET and Mogu's words -----------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "job-processing, RUNNING,   processing, generatingBlocks",
    "job-completed,  COMPLETED, completed,  completed",
    "job-error,      FAILED,    error,      extractingText",
    "job-canceled,   CANCELLED, canceled,   extractingText",
  })
  void snapshotReadsEveryMoguJob(String fixture, JobState state, String word, String stage)
      throws IOException {
    JobSnapshot job = mapper.snapshot(answer(200, fixture(fixture)));

    assertEquals("mogu", job.provider());
    assertEquals(ID, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertEquals(stage, job.stage());
    assertEquals(UPDATED_AT, job.updatedAt());
    assertEquals(parseJson(fixture(fixture)), job.attributes());
  }

  @Test
  void snapshotKeepsWhatOnlyMoguSaysInAttributes() throws IOException {
    JobSnapshot completed = mapper.snapshot(answer(200, fixture("job-completed")));
    JobSnapshot failed = mapper.snapshot(answer(200, fixture("job-error")));

    assertEquals(48213.0, completed.attributes().get("tripId"));
    assertEquals("lisbon-and-porto-in-7-days", completed.attributes().get("tripSlug"));
    assertEquals(
        "Could not extract trip information from document", failed.attributes().get("error"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "not json", "{\"status\":7}", "[]", "{\"status\":\"  \"}"})
  void snapshotOfAnythingButMogusJobThrows(String body) {
    Exception e = assertThrows(Exception.class, () -> mapper.snapshot(answer(200, body)));

    assertTrue(e instanceof IOException || e instanceof JsonDataException, e.toString());
  }

  @Test
  void status404IsNotFoundWithMogusCode() {
    CancelError error = mapper.statusError(answer(404, fixture("error-job-not-found")));

    assertEquals(ErrorKind.NOT_FOUND, error.kind());
    assertEquals(404, error.httpStatus());
    assertEquals("job_not_found", error.providerCode());
  }

  @ParameterizedTest
  @CsvSource({
    "processing, RUNNING",
    "completed, COMPLETED",
    "error, FAILED",
    "canceled, CANCELLED",
  })
  void documentedWordsMapToTheirStates(String word, JobState expected) {
    assertEquals(expected, MoguMapper.state(word));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "queued", "cancelled", "CANCELED", "Processing", "failed", "stopped"})
  void anyOtherWordIsUnknownNeverAnException(String word) {
    assertEquals(JobState.UNKNOWN, MoguMapper.state(word));
  }
}
