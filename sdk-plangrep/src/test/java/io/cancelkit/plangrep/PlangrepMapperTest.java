package io.cancelkit.plangrep;

import static io.cancelkit.plangrep.PlangrepFixtures.JOB;
import static io.cancelkit.plangrep.PlangrepFixtures.answer;
import static io.cancelkit.plangrep.PlangrepFixtures.body;
import static io.cancelkit.plangrep.PlangrepFixtures.fixture;
import static io.cancelkit.plangrep.PlangrepFixtures.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.ResponseInfo;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Defaults;
import io.cancelkit.core.internal.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** Every rule of Plangrep's answers, fed straight to the mapper: no server. */
class PlangrepMapperTest {
  private final PlangrepMapper mapper = new PlangrepMapper();

  // ---- cancel answer → outcome (DESIGN.md's table: the Plangrep rows and the "all" rows) -------

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # 200 {job}: the one core rule for a job in a success answer
          200 | cancel-200-cancelled.json            | Cancelled
          200 | job:provisioning                     | CancelPending
          200 | job:awaiting_uploads                 | CancelPending
          200 | job:uploading                        | CancelPending
          200 | job:preflighting                     | CancelPending
          200 | job:blocked_insufficient_credits     | CancelPending
          200 | job:processing                       | CancelPending
          200 | job:completed                        | AlreadyFinished(COMPLETED)
          200 | job:completed_with_errors            | AlreadyFinished(COMPLETED)
          200 | job:failed                           | AlreadyFinished(FAILED)
          200 | job:expired                          | AlreadyFinished(EXPIRED)
          # a word this SDK does not know confirms nothing (issue 9: it was CancelPending)
          200 | job:cancelling                       | Failed(UNEXPECTED_RESPONSE)
          # an error because the job is terminal: Plangrep documents neither its status nor its
          # body, so one GET decides; AlreadyFinished(UNKNOWN) stands if that GET fails
          400 | cancel-400-error-envelope.json       | settle AlreadyFinished(UNKNOWN)
          409 | cancel-409-code-message.json         | settle AlreadyFinished(UNKNOWN)
          422 | cancel-422-plain-text.txt            | settle AlreadyFinished(UNKNOWN)
          409 | ''                                   | settle AlreadyFinished(UNKNOWN)
          400 | {"code":"invalid_state"}             | settle AlreadyFinished(UNKNOWN)
          400 | {"code":"INVALID_STATUS_TRANSITION"} | settle AlreadyFinished(UNKNOWN)
          400 | {"code":"invalid_request","message":"done"} | settle AlreadyFinished(UNKNOWN)
          400 | {"code":"INVALID_OPERATION"}         | settle AlreadyFinished(UNKNOWN)
          400 | {"code":"invalid_job_id","message":"bad"} | settle AlreadyFinished(UNKNOWN)
          409 | {"error":{"code":"validation_state_error"}} | settle AlreadyFinished(UNKNOWN)
          409 | {"code":"conflict","message":"validation failed"} | settle AlreadyFinished(UNKNOWN)
          422 | {"detail":"Job already cancelled"}   | settle AlreadyFinished(UNKNOWN)
          422 | {"detail":[]}                        | settle AlreadyFinished(UNKNOWN)
          400 | <html><body>400 Bad Request</body></html> | settle AlreadyFinished(UNKNOWN)
          # ... unless it is clearly about the request: a validation code, or field errors
          400 | cancel-400-validation-error.json     | Failed(INVALID_REQUEST)
          422 | cancel-422-detail-list.json          | Failed(INVALID_REQUEST)
          409 | {"code":"VALIDATION","message":"bad"} | Failed(INVALID_REQUEST)
          # every vendor: the engine's defaults
          404 | {"error":{"code":"job_not_found"}}   | NotFound
          401 | {"error":{"code":"unauthorized"}}    | Failed(AUTHENTICATION)
          403 | {"code":"insufficient_scope"}        | Failed(PERMISSION)
          429 | {"error":{"code":"rate_limited"}}    | Failed(RATE_LIMITED)
          500 | Internal Server Error                | Failed(PROVIDER_ERROR)
          502 | <html>Bad Gateway</html>             | Failed(PROVIDER_ERROR)
          503 | {"error":{"code":"unavailable"}}     | Failed(PROVIDER_ERROR)
          302 | ''                                   | Failed(UNEXPECTED_RESPONSE)
          201 | cancel-200-cancelled.json            | Failed(UNEXPECTED_RESPONSE)
          202 | cancel-200-cancelled.json            | Failed(UNEXPECTED_RESPONSE)
          204 | ''                                   | Failed(UNEXPECTED_RESPONSE)
          418 | {"code":"teapot"}                    | Failed(UNEXPECTED_RESPONSE)
          # a 200 that is not JSON, or not {job:{status}}: never a success
          200 | ''                                   | Failed(UNEXPECTED_RESPONSE)
          200 | cancelled                            | Failed(UNEXPECTED_RESPONSE)
          200 | <html>OK</html>                      | Failed(UNEXPECTED_RESPONSE)
          200 | []                                   | Failed(UNEXPECTED_RESPONSE)
          200 | {}                                   | Failed(UNEXPECTED_RESPONSE)
          200 | {"status":"cancelled"}               | Failed(UNEXPECTED_RESPONSE)
          200 | {"job":null}                         | Failed(UNEXPECTED_RESPONSE)
          200 | {"job":"cancelled"}                  | Failed(UNEXPECTED_RESPONSE)
          200 | {"job":{"id":"job_1"}}               | Failed(UNEXPECTED_RESPONSE)
          200 | {"job":{"status":""}}                | Failed(UNEXPECTED_RESPONSE)
          200 | {"job":{"status":null}}              | Failed(UNEXPECTED_RESPONSE)
          200 | {"job":{"status":5}}                 | Failed(UNEXPECTED_RESPONSE)
          200 | {"job":{"status":"cancelled"}        | Failed(UNEXPECTED_RESPONSE)
          """)
  void cancelAnswerMapsAsDocumented(int status, String body, String expected) {
    Verdict verdict = cancel(answer(status, body(body)));

    assertEquals(expected, describe(verdict));
    CancelOutcome outcome = verdict.outcome();
    assertEquals("plangrep", outcome.provider());
    assertEquals(JOB, outcome.jobId());
    assertEquals(status, outcome.response().httpStatus());
    if (outcome instanceof Failed f) assertEquals(status, f.error().httpStatus());
  }

  @Test
  void cancelledAnswerCarriesTheWholeJobAsItsSnapshot() throws IOException {
    Answer a = answer(200, fixture("cancel-200-cancelled.json"));

    Cancelled c = assertInstanceOf(Cancelled.class, cancel(a).outcome());

    JobSnapshot s = c.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, s.state());
    assertEquals("cancelled", s.providerStatus());
    assertNull(s.stage(), "Plangrep reports no stage");
    assertEquals(Instant.parse("2024-11-02T09:22:17Z"), s.updatedAt());
    // The job object, not the {job:…} wrapper, so callers read Plangrep's own fields.
    assertEquals(a.object().get("job"), s.attributes());
    assertTrue(s.attributes().containsKey("resultUrl"));
  }

  @Test
  void pendingAnswerCarriesTheJobStillRunning() {
    CancelOutcome outcome = cancel(answer(200, job("processing"))).outcome();

    JobSnapshot s = assertInstanceOf(CancelPending.class, outcome).snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, s.state());
    assertEquals("processing", s.providerStatus());
    assertEquals(Instant.parse("2024-11-02T09:10:05Z"), s.updatedAt());
  }

  /** Issue 9: an unknown word read as CancelPending; it confirms nothing, so now it fails. */
  @Test
  void unknownStatusWordInA200IsUnexpectedResponseNotPending() {
    Failed f = assertInstanceOf(Failed.class, cancel(answer(200, job("cancelling"))).outcome());

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, f.error().kind());
    assertTrue(f.error().message().contains("\"cancelling\""), f.error().message());
  }

  @Test
  void unreadableUpdatedAtOnlyLeavesItOut() {
    String body = "{\"job\":{\"status\":\"cancelled\",\"updatedAt\":1730539337}}";

    Cancelled c = assertInstanceOf(Cancelled.class, cancel(answer(200, body)).outcome());

    assertNull(c.snapshot().orElseThrow().updatedAt());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          400 | cancel-400-validation-error.json | validation_error | \
            HTTP 400 validation_error: jobId: must start with job_
          422 | cancel-422-detail-list.json      |                  | \
            HTTP 422: path.jobId: string does not match pattern ^job_
          """)
  void validationErrorKeepsPlangrepsCodeAndMessage(
      int status, String fixture, String code, String message) {
    Failed f = assertInstanceOf(Failed.class, cancel(answer(status, fixture(fixture))).outcome());

    assertEquals(code, f.error().providerCode());
    assertEquals(message, f.error().message());
  }

  @Test
  void rateLimitKeepsTheRetryAfterHint() {
    Answer a = answer(429, Headers.of("Retry-After", "7"), "{\"code\":\"rate_limited\"}");

    Failed f = assertInstanceOf(Failed.class, cancel(a).outcome());

    assertEquals("rate_limited", f.error().providerCode());
    assertEquals(Optional.of(Duration.ofSeconds(7)), f.error().retryAfter());
  }

  @ParameterizedTest
  @CsvSource({"429, true", "500, true", "503, true", "200, false", "409, false", "401, false"})
  void only429And5xxAreRetried(int status, boolean retried) {
    assertEquals(retried, mapper.retryable(answer(status, "")));
  }

  @Test
  void requestIdComesFromTheHeaderElseTheErrorBody() {
    String body = "{\"error\":{\"code\":\"job_terminal\",\"requestId\":\"req_body\"}}";

    assertEquals("req_body", mapper.requestId(answer(409, body)));
    assertEquals("req_h", mapper.requestId(answer(409, Headers.of("X-Request-Id", "req_h"), body)));
  }

  // ---- settling: the state one GET reads decides a terminal error ------------------------------

  @ParameterizedTest(name = "GET reads {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          cancelled             | Cancelled
          completed             | AlreadyFinished(COMPLETED)
          completed_with_errors | AlreadyFinished(COMPLETED)
          failed                | AlreadyFinished(FAILED)
          expired               | AlreadyFinished(EXPIRED)
          archived              | AlreadyFinished(UNKNOWN)
          processing            | NotCancellable(processing)
          awaiting_uploads      | NotCancellable(awaiting_uploads)
          """)
  void settlingGetDecidesATerminalError(String word, String expected) {
    ResponseInfo get = new ResponseInfo(200, "req_get", 2);

    Answer refused = answer(409, fixture("cancel-409-code-message.json"));

    CancelOutcome outcome = settle(refused, word, get);

    assertEquals(expected, describe(Verdict.of(outcome)));
    assertEquals(get, outcome.response(), "the GET decided, so its facts stand");
    if (outcome instanceof AlreadyFinished f) assertEquals(word, f.providerStatus());
    if (outcome instanceof Cancelled c) {
      assertEquals(word, c.snapshot().orElseThrow().providerStatus());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          409 | cancel-409-code-message.json   | Job has already reached a terminal state
          400 | cancel-400-error-envelope.json | Job is in a terminal state and cannot be cancelled
          422 | cancel-422-plain-text.txt      | \
            Job cannot be cancelled: it is already in a terminal state.
          409 | ''                             |
          409 | {"code":"job_busy"}            |
          """)
  void refusalOfARunningJobKeepsPlangrepsWordsAsTheReason(int status, String body, String reason) {
    ResponseInfo get = new ResponseInfo(200, null, 2);

    CancelOutcome outcome = settle(answer(status, body(body)), "processing", get);

    NotCancellable n = assertInstanceOf(NotCancellable.class, outcome);
    assertEquals(reason, n.reason());
  }

  // ---- the status GET ---------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "provisioning, QUEUED",
    "awaiting_uploads, QUEUED",
    "uploading, QUEUED",
    "preflighting, QUEUED",
    "blocked_insufficient_credits, QUEUED",
    "processing, RUNNING",
    "completed, COMPLETED",
    "completed_with_errors, COMPLETED",
    "failed, FAILED",
    "cancelled, CANCELLED",
    "expired, EXPIRED",
    // Layers' and Mogu's spelling, a capital, a word Plangrep may add: not Plangrep's words.
    "canceled, UNKNOWN",
    "Cancelled, UNKNOWN",
    "archived, UNKNOWN"
  })
  void statusWordsFollowTheDesignTable(String word, JobState state) throws IOException {
    assertEquals(state, PlangrepMapper.state(word));
    JobSnapshot s = mapper.snapshot(answer(200, job(word)));
    assertEquals(state, s.state());
    assertEquals(word, s.providerStatus());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noStatusWordIsUnknown(String word) {
    assertEquals(JobState.UNKNOWN, PlangrepMapper.state(word));
  }

  @Test
  void statusGetWithoutAStatusWordIsUnreadable() {
    assertThrows(
        JsonDataException.class, () -> mapper.snapshot(answer(200, "{\"job\":{\"status\":7}}")));
  }

  // ---- usage: pages and credits of a snapshot ---------------------------------------------------

  @Test
  void usageReadsPagesAndCreditsOfTheDocumentedJob() throws IOException {
    JobSnapshot job = mapper.snapshot(answer(200, fixture("cancel-200-cancelled.json")));

    PlangrepCanceller.Usage u = PlangrepCanceller.usage(job);

    assertEquals(204, u.pageCount().orElseThrow());
    assertEquals(63, u.successfulPageCount().orElseThrow());
    assertEquals(63.0, u.creditsDebited().orElseThrow());
  }

  @Test
  void usageIgnoresMissingValuesAndValuesOfTheWrongType() {
    Map<String, Object> job = new HashMap<>();
    job.put("pageCount", "204");
    job.put("successfulPageCount", 20.5);
    job.put("billing", 63.0);

    for (Map<String, Object> attributes : List.of(Map.<String, Object>of(), job)) {
      PlangrepCanceller.Usage u = PlangrepCanceller.usage(running(attributes));
      assertTrue(u.pageCount().isEmpty());
      assertTrue(u.successfulPageCount().isEmpty());
      assertTrue(u.creditsDebited().isEmpty());
    }
  }

  @Test
  void usageKeepsFractionalCredits() {
    PlangrepCanceller.Usage u =
        PlangrepCanceller.usage(running(Map.of("billing", Map.of("creditsDebited", 12.5))));

    assertEquals(12.5, u.creditsDebited().orElseThrow());
  }

  @Test
  void usageRefusesAnotherVendorsSnapshot() {
    JobSnapshot layers = new JobSnapshot("layers", JOB, JobState.CANCELLED, "canceled", null, null);

    assertThrows(IllegalArgumentException.class, () -> PlangrepCanceller.usage(layers));
    assertThrows(NullPointerException.class, () -> PlangrepCanceller.usage(null));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The mapper's verdict; a body it cannot read becomes what the engine makes of the throw. */
  private Verdict cancel(Answer a) {
    try {
      return mapper.cancel(a);
    } catch (IOException | RuntimeException e) {
      return Verdict.of(Defaults.unreadable(a, e));
    }
  }

  /** The mapper's decision of {@code cancelAnswer} once a GET read the job in {@code word}. */
  private CancelOutcome settle(Answer cancelAnswer, String word, ResponseInfo get) {
    assertTrue(cancel(cancelAnswer).settles(), "only an answer that settles reaches settle()");
    try {
      return mapper.settle(cancelAnswer, mapper.snapshot(answer(200, job(word))), get);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code [settle ]Type[(detail)]}: the table's notation for a verdict. */
  private static String describe(Verdict v) {
    CancelOutcome o = v.outcome();
    String detail = "";
    if (o instanceof AlreadyFinished f) detail = "(" + f.finalState() + ")";
    if (o instanceof NotCancellable n) detail = "(" + n.stage() + ")";
    if (o instanceof Failed f) detail = "(" + f.error().kind() + ")";
    return (v.settles() ? "settle " : "") + o.getClass().getSimpleName() + detail;
  }

  private static JobSnapshot running(Map<String, Object> attributes) {
    return new JobSnapshot("plangrep", JOB, JobState.RUNNING, "processing", null, null, attributes);
  }
}
