package io.cancelkit.scale;

import static io.cancelkit.scale.ScaleTestSupport.CORRELATION_ID;
import static io.cancelkit.scale.ScaleTestSupport.JOB;
import static io.cancelkit.scale.ScaleTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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
import io.cancelkit.core.ResponseInfo;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Defaults;
import io.cancelkit.core.internal.Json;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ScaleMapper} fed answers directly, with no server: DESIGN.md's Scale rows and "all" rows
 * of the answer → outcome table, the status words, the settling GET and the request ids.
 */
class ScaleMapperTest {
  private static final ScaleMapper MAPPER = new ScaleMapper();

  /** A table cell: a fixture's name (ending in {@code .json}) or a body verbatim. */
  private static String body(String cell) {
    return cell.endsWith(".json") ? fixture(cell) : cell;
  }

  private static Answer answer(int status, String cell) {
    return Answer.of("scale", JOB, status, Headers.of(), body(cell));
  }

  /**
   * The mapper's verdict; a body it throws on is read as the engine reads it ({@link
   * io.cancelkit.core.internal.VendorMapper#cancel}), so every row ends in an outcome.
   */
  private static Verdict cancel(Answer a) {
    try {
      return MAPPER.cancel(a);
    } catch (IOException | RuntimeException e) {
      return Verdict.of(Defaults.unreadable(a, e));
    }
  }

  /** The outcome's type and the fields that a row decides, on one line. */
  private static String describe(Verdict verdict) {
    CancelOutcome o = verdict.outcome();
    String text = o.getClass().getSimpleName();
    if (o instanceof Cancelled c) text += c.snapshot().map(ScaleMapperTest::words).orElse("");
    if (o instanceof CancelPending p) text += p.snapshot().map(ScaleMapperTest::words).orElse("");
    if (o instanceof AlreadyFinished f) text += " " + f.finalState() + " " + f.providerStatus();
    if (o instanceof NotCancellable n) text += " " + n.stage();
    if (o instanceof Failed f) text += " " + f.error().kind();
    return (verdict.settles() ? "settle: " : "") + text;
  }

  private static String words(JobSnapshot job) {
    return " " + job.state() + " " + job.providerStatus();
  }

  // ---- cancel: the answer → outcome table ------------------------------------------------------

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Scale rows: 200 JobEntity (its status decides: Defaults.onJob), 202, 400, 422.
        "200 | job-cancelled.json                  | Cancelled CANCELLED cancelled      |",
        "200 | job-cancelled-older-schema.json     | Cancelled CANCELLED CANCELLED      |",
        "200 | job-pending.json                    | CancelPending QUEUED pending       |",
        "200 | job-running.json                    | CancelPending RUNNING running      |",
        "200 | job-running-batch-with-history.json | CancelPending RUNNING running      |",
        "200 | job-succeeded.json                  | AlreadyFinished COMPLETED succeeded |",
        "200 | job-partially-succeeded.json | AlreadyFinished COMPLETED partially_succeeded |",
        "200 | job-failed.json                     | AlreadyFinished FAILED failed      |",
        "202 | ''                                  | CancelPending                      |",
        "400 | error-400-terminal.json             | settle: AlreadyFinished UNKNOWN null |",
        "422 | validation-error-422.json | Failed INVALID_REQUEST | HTTP 422: path.job_id: String",
        // The "all" rows: the engine's defaults.
        "404 | error-404.json            | NotFound                   |",
        "401 | error-401.json            | Failed AUTHENTICATION      | HTTP 401: Invalid API key",
        "403 | error-403.json            | Failed PERMISSION          | HTTP 403: Account does not",
        "429 | error-429.json            | Failed RATE_LIMITED        | HTTP 429: Rate limit",
        "500 | error-500.json            | Failed PROVIDER_ERROR      | HTTP 500: Internal Server",
        "502 | <html>Bad Gateway</html>  | Failed PROVIDER_ERROR      | HTTP 502: <html>Bad",
        "503 | ''                        | Failed PROVIDER_ERROR      | HTTP 503: (empty body)",
        "301 | ''                        | Failed UNEXPECTED_RESPONSE | redirect not followed",
        "302 | <a href=/x>Found</a>      | Failed UNEXPECTED_RESPONSE | redirect not followed",
        "200 | <html>cancelled</html>    | Failed UNEXPECTED_RESPONSE | unreadable answer",
        "200 | ''                        | Failed UNEXPECTED_RESPONSE | unreadable answer",
        "200 | {\"id\": \"job_7f3c2a91\"}  | Failed UNEXPECTED_RESPONSE | JobEntity has no status",
        "200 | {\"status\": 5}             | Failed UNEXPECTED_RESPONSE | unreadable answer",
        "201 | job-cancelled.json        | Failed UNEXPECTED_RESPONSE | does not document",
        "204 | ''                        | Failed UNEXPECTED_RESPONSE | does not document",
        "409 | {\"detail\": \"Conflict\"}  | Failed UNEXPECTED_RESPONSE | unexpected status",
        "418 | ''                        | Failed UNEXPECTED_RESPONSE | unexpected status",
      })
  void cancelAnswerMapsToTheTablesOutcome(int status, String cell, String expected, String said) {
    Verdict verdict = cancel(answer(status, cell));

    assertEquals(expected, describe(verdict), verdict::toString);
    CancelOutcome outcome = verdict.outcome();
    assertEquals("scale", outcome.provider());
    assertEquals(JOB, outcome.jobId());
    assertEquals(new ResponseInfo(status, null, 1), outcome.response());
    if (outcome instanceof Failed failed) {
      assertEquals(status, failed.error().httpStatus());
      assertTrue(failed.error().message().contains(said), failed.error().message());
    }
  }

  @ParameterizedTest(name = "200 {0}")
  @ValueSource(
      strings = {
        "job-cancelled.json",
        "job-pending.json",
        "job-running-batch-with-history.json",
      })
  void cancel200KeepsTheWholeEntityInTheSnapshot(String fixture) throws IOException {
    CancelOutcome outcome = cancel(answer(200, fixture)).outcome();

    Optional<JobSnapshot> snapshot =
        outcome instanceof Cancelled c ? c.snapshot() : ((CancelPending) outcome).snapshot();
    assertEquals(Json.object(fixture(fixture)), snapshot.orElseThrow().attributes());
  }

  @Test
  void cancel200WithAnUnknownStatusWordIsUnexpectedResponseNoLongerPending() {
    // Intended change (issue 9): this was CancelPending. A word the SDK does not know proves
    // neither a cancel nor an end, and one core rule (Defaults.onJob) now says so for every vendor.
    Verdict verdict = cancel(answer(200, "{\"id\":\"job_7f3c2a91\",\"status\":\"cancelling\"}"));

    Failed failed = assertInstanceOf(Failed.class, verdict.outcome());
    assertFalse(verdict.settles());
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
    assertEquals(200, failed.error().httpStatus());
    assertTrue(failed.error().message().contains("\"cancelling\""), failed.error().message());
  }

  @Test
  void cancel422KeepsEveryValidationMessage() {
    Failed failed =
        assertInstanceOf(Failed.class, cancel(answer(422, "validation-error-422.json")).outcome());

    CancelError error = failed.error();
    assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
    assertEquals(
        "HTTP 422: path.job_id: String should match pattern '^[A-Za-z0-9_-]+$'; "
            + "path.job_id: String should have at least 12 characters",
        error.message());
  }

  @Test
  void cancel429KeepsTheRetryAfterHint() {
    Answer a =
        Answer.of("scale", JOB, 429, Headers.of("Retry-After", "7"), fixture("error-429.json"));

    Failed failed = assertInstanceOf(Failed.class, cancel(a).outcome());

    assertEquals(Optional.of(Duration.ofSeconds(7)), failed.error().retryAfter());
  }

  @ParameterizedTest(name = "{0} retryable: {1}")
  @CsvSource({
    "429, true", "500, true", "502, true", "503, true", "504, true",
    "200, false", "202, false", "400, false", "401, false", "403, false", "404, false",
    "422, false",
  })
  void onlyRateLimitsAndServerErrorsAreRetried(int status, boolean retryable) {
    assertEquals(retryable, MAPPER.retryable(answer(status, "")));
  }

  // ---- status words and snapshots --------------------------------------------------------------

  /** The page's JobStatus enum with DESIGN.md's state per word; the simulator test reads it too. */
  static Stream<Arguments> dexWords() {
    return Stream.of(
        arguments("pending", JobState.QUEUED),
        arguments("running", JobState.RUNNING),
        arguments("succeeded", JobState.COMPLETED),
        arguments("partially_succeeded", JobState.COMPLETED),
        arguments("failed", JobState.FAILED),
        arguments("cancelled", JobState.CANCELLED));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("dexWords")
  void everyDocumentedStatusWordHasItsDesignState(String word, JobState state) {
    assertEquals(state, ScaleMapper.state(word));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // The page's prose and older entities write the words in capitals.
    "PENDING, QUEUED",
    "RUNNING, RUNNING",
    "SUCCEEDED, COMPLETED",
    "PARTIALLY_SUCCEEDED, COMPLETED",
    "FAILED, FAILED",
    "Cancelled, CANCELLED",
    "'', UNKNOWN",
    "queued, UNKNOWN",
    "expired, UNKNOWN",
    "archived, UNKNOWN",
    "canceled, UNKNOWN",
  })
  void otherSpellingsAndUnknownWords(String word, JobState state) {
    assertEquals(state, ScaleMapper.state(word));
  }

  @Test
  void noStatusWordIsUnknown() {
    assertEquals(JobState.UNKNOWN, ScaleMapper.state(null));
  }

  @ParameterizedTest(name = "GET {0} -> {1}")
  @CsvSource({
    // updatedAt: completed_at ?? started_at ?? created_at
    "job-pending.json,                    QUEUED,    pending,             2025-06-02T09:14:03.512Z",
    "job-running.json,                    RUNNING,   running,             2025-06-02T09:14:04.100Z",
    "job-running-batch-with-history.json, RUNNING,   running,             2025-06-02T09:14:04.100Z",
    "job-succeeded.json,                  COMPLETED, succeeded,           2025-06-02T09:15:41.877Z",
    "job-partially-succeeded.json,        COMPLETED, partially_succeeded, 2025-06-02T09:18:12.004Z",
    "job-failed.json,                     FAILED,    failed,              2025-06-02T09:14:09.250Z",
    "job-cancelled.json,                  CANCELLED, cancelled,           2025-06-02T09:14:05.020Z",
    "job-cancelled-older-schema.json,     CANCELLED, CANCELLED,           2025-06-02T09:14:03.512Z",
  })
  void snapshotReadsTheJobEntity(
      String fixture, JobState state, String providerStatus, Instant updatedAt) throws IOException {
    JobSnapshot job = MAPPER.snapshot(answer(200, fixture));

    assertEquals("scale", job.provider());
    assertEquals(JOB, job.jobId());
    assertEquals(state, job.state());
    assertEquals(providerStatus, job.providerStatus());
    assertNull(job.stage(), "Dex reports no stage");
    assertEquals(updatedAt, job.updatedAt());
    assertEquals(Json.object(fixture(fixture)), job.attributes());
  }

  @Test
  void snapshotKeepsTheNewerFieldsAsAttributes() throws IOException {
    JobSnapshot job = MAPPER.snapshot(answer(200, "job-running-batch-with-history.json"));

    Map<?, ?> progress = (Map<?, ?>) job.attributes().get("progress");
    assertEquals(3.0, progress.get("total"));
    assertEquals(3, ((List<?>) progress.get("child_jobs")).size());
    List<?> history = (List<?>) job.attributes().get("history");
    assertEquals("Parsing documents", ((Map<?, ?>) history.get(1)).get("step"));
  }

  @Test
  void anUnreadableTimestampFallsBackToTheNextOne() throws IOException {
    JobSnapshot job =
        MAPPER.snapshot(
            answer(
                200,
                "{\"status\":\"succeeded\",\"completed_at\":\"yesterday\","
                    + "\"started_at\":\"2025-06-02T09:14:04Z\","
                    + "\"created_at\":\"2025-06-02T09:14:03Z\"}"));

    assertEquals(Instant.parse("2025-06-02T09:14:04Z"), job.updatedAt());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "{\"id\": \"job_7f3c2a91\", \"project_id\": \"proj_acme\"}",
        "{\"id\": \"job_7f3c2a91\", \"status\": null}",
        "{\"id\": \"job_7f3c2a91\", \"status\": \"  \"}",
        "{\"id\": \"job_7f3c2a91\", \"status\": 5}",
        "{\"status\": \"cancelled\", \"created_at\": 17}",
        "[]",
        "null",
        "\"cancelled\"",
        "<html>cancelled</html>",
        "",
      })
  void aBodyThatIsNotAJobEntityIsNeverASnapshot(String body) {
    Answer a = answer(200, body);

    // As a status GET the engine reports it as UNEXPECTED_RESPONSE; as a 200 cancel, the same.
    Exception e = assertThrows(Exception.class, () -> MAPPER.snapshot(a));
    assertTrue(e instanceof IOException || e instanceof JsonDataException, e::toString);
    Failed failed = assertInstanceOf(Failed.class, cancel(a).outcome());
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, failed.error().kind());
  }

  @ParameterizedTest(name = "status GET {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "404 | error-404.json            | NOT_FOUND       | no job job_7f3c2a91 for these",
        "401 | error-401.json            | AUTHENTICATION  | HTTP 401: Invalid API key",
        "403 | error-403.json            | PERMISSION      | HTTP 403: Account does not have",
        "422 | validation-error-422.json | INVALID_REQUEST | HTTP 422: path.job_id: String",
        "429 | error-429.json            | RATE_LIMITED    | HTTP 429: Rate limit exceeded",
        "500 | error-500.json            | PROVIDER_ERROR  | HTTP 500: Internal Server Error",
      })
  void aFailedStatusGetIsTheDefaultError(int status, String fixture, ErrorKind kind, String said) {
    CancelError error = MAPPER.statusError(answer(status, fixture));

    assertEquals(kind, error.kind());
    assertEquals(status, error.httpStatus());
    assertTrue(error.message().startsWith(said), error.message());
  }

  // ---- settle: the 400's one GET ---------------------------------------------------------------

  @ParameterizedTest(name = "400, then GET {0} -> {1}")
  @CsvSource({
    "job-cancelled.json,              Cancelled CANCELLED cancelled,                 corr-5d2e8b10",
    "job-cancelled-older-schema.json, Cancelled CANCELLED CANCELLED,",
    "job-succeeded.json,              AlreadyFinished COMPLETED succeeded,           corr-5d2e8b10",
    "job-partially-succeeded.json,    AlreadyFinished COMPLETED partially_succeeded, corr-5d2e8b10",
    "job-failed.json,                 AlreadyFinished FAILED failed,                 corr-5d2e8b10",
    // Still running or pending: the 400 refused a live job, so its stage (the word) refuses.
    "job-running.json,                NotCancellable running,                        corr-5d2e8b10",
    "job-pending.json,                NotCancellable pending,                        corr-5d2e8b10",
  })
  void cancel400IsDecidedByTheJobsState(String getFixture, String expected, String requestId)
      throws IOException {
    Answer refused = answer(400, "error-400-terminal.json");
    JobSnapshot job = MAPPER.snapshot(answer(200, getFixture));

    // The GET's answer brought no request id: the entity's correlation_id stands in.
    CancelOutcome outcome = MAPPER.settle(refused, job, new ResponseInfo(200, null, 2));

    assertEquals(expected, describe(Verdict.of(outcome)));
    assertEquals(new ResponseInfo(200, requestId, 2), outcome.response());
    if (outcome instanceof NotCancellable n) {
      assertEquals("Job is in a terminal state (SUCCEEDED) and cannot be cancelled", n.reason());
    }
  }

  @Test
  void settleKeepsARequestIdTheGetBrought() throws IOException {
    JobSnapshot job = MAPPER.snapshot(answer(200, "job-failed.json"));

    CancelOutcome outcome =
        MAPPER.settle(
            answer(400, "error-400-terminal.json"), job, new ResponseInfo(200, "req_hdr_1", 2));

    assertEquals("req_hdr_1", outcome.response().requestId());
  }

  // ---- request ids -----------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}, X-Request-Id [{2}] -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "200 | job-cancelled.json              |           | " + CORRELATION_ID,
        "200 | job-failed.json                 |           | " + CORRELATION_ID,
        "200 | job-cancelled.json              | req_hdr_1 | req_hdr_1",
        "200 | job-cancelled-older-schema.json |           |",
        "202 | ''                              |           |",
        "202 | ''                              | req_hdr_2 | req_hdr_2",
        "400 | error-400-terminal.json         |           |",
        "422 | validation-error-422.json       |           |",
        "502 | <html>Bad Gateway</html>        |           |",
      })
  void requestIdIsTheCorrelationIdUnlessAHeaderNamesOne(
      int status, String cell, String header, String expected) {
    Headers headers = header == null ? Headers.of() : Headers.of("X-Request-Id", header);

    assertEquals(expected, MAPPER.requestId(Answer.of("scale", JOB, status, headers, body(cell))));
  }
}
