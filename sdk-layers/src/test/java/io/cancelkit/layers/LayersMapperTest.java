package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Defaults;
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
 * {@link LayersMapper} alone, fed answers with no server: DESIGN.md's answer → outcome table row by
 * row (the Layers rows and the "all" rows), with the Layers pages' own example JSON.
 */
class LayersMapperTest {
  private static final LayersMapper MAPPER = new LayersMapper();

  private static final String ACCEPTED = "cancel-202-accepted.json";
  private static final String ALREADY_COMPLETED = "cancel-200-already-completed.json";
  private static final String JOB_CANCEL_UNAVAILABLE = "cancel-409-job-cancel-unavailable.json";

  /** An answer as the engine hands it over: the request id already read by the mapper. */
  static Answer answer(int status, Headers headers, String body) {
    Answer a = Answer.of("layers", JOB, status, headers, body);
    return a.withRequestId(MAPPER.requestId(a));
  }

  static Answer answer(int status, String body) {
    return answer(status, Headers.of(), body);
  }

  /**
   * The outcome of a cancel answer: the mapper's verdict, or, for a body the mapper refuses to read
   * (it throws), what the engine makes of that ({@link Defaults#unreadable}).
   */
  static CancelOutcome cancel(Answer a) {
    Verdict verdict;
    try {
      verdict = MAPPER.cancel(a);
    } catch (IOException | RuntimeException e) {
      return Defaults.unreadable(a, e);
    }
    // DESIGN has no "settle with one GET" row for Layers: every answer of its table is final.
    assertFalse(verdict.settles(), "a Layers cancel answer never needs a settling GET");
    return verdict.outcome();
  }

  /** What a table row expects of the outcome. */
  @FunctionalInterface
  interface Expect {
    void check(CancelOutcome outcome);
  }

  static Arguments row(String name, int status, String body, Expect expect) {
    return row(name, status, Headers.of(), body, expect);
  }

  static Arguments row(String name, int status, Headers headers, String body, Expect expect) {
    return Arguments.of(name, answer(status, headers, body), expect);
  }

  static String alreadyTerminal(String reason) {
    return fixture(ALREADY_COMPLETED).replace("ALREADY_COMPLETED", reason);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        // cancel-job 202: "Cancel signal accepted."
        row("202 {accepted:true} -> CancelPending", 202, fixture(ACCEPTED), pending(null)),
        row(
            "200 {accepted:true} -> CancelPending: accepted decides, on 200 as on 202",
            200,
            fixture(ACCEPTED),
            pending(null)),
        row(
            "202 with X-Request-Id -> CancelPending with the header's request id",
            202,
            Headers.of("X-Request-Id", "req_hdr_202"),
            fixture(ACCEPTED),
            pending("req_hdr_202")),
        // cancel-job 200: "Already terminal - nothing to cancel."
        row(
            "200 ALREADY_COMPLETED -> AlreadyFinished(COMPLETED)",
            200,
            fixture(ALREADY_COMPLETED),
            alreadyFinished(JobState.COMPLETED, "ALREADY_COMPLETED")),
        row(
            "200 ALREADY_CANCELED -> Cancelled",
            200,
            alreadyTerminal("ALREADY_CANCELED"),
            cancelled()),
        row(
            "200 ALREADY_CANCELLED -> Cancelled",
            200,
            alreadyTerminal("ALREADY_CANCELLED"),
            cancelled()),
        row(
            "200 already_canceled (lower case) -> Cancelled",
            200,
            alreadyTerminal("already_canceled"),
            cancelled()),
        row(
            "200 ALREADY_FAILED -> AlreadyFinished(FAILED)",
            200,
            alreadyTerminal("ALREADY_FAILED"),
            alreadyFinished(JobState.FAILED, "ALREADY_FAILED")),
        row(
            "200 an unknown reason -> AlreadyFinished(UNKNOWN), reason verbatim",
            200,
            alreadyTerminal("ALREADY_ARCHIVED"),
            alreadyFinished(JobState.UNKNOWN, "ALREADY_ARCHIVED")),
        row(
            "200 a reason denying the cancel -> AlreadyFinished(UNKNOWN), never Cancelled",
            200,
            alreadyTerminal("NOT_CANCELABLE"),
            alreadyFinished(JobState.UNKNOWN, "NOT_CANCELABLE")),
        row(
            "200 {accepted:false} without reason -> AlreadyFinished(UNKNOWN)",
            200,
            "{\"jobId\":\"" + JOB + "\",\"accepted\":false}",
            alreadyFinished(JobState.UNKNOWN, null)),
        // cancel-job 409: "Current stage refuses cancellation."
        row(
            "409 CONFLICT JOB_CANCEL_UNAVAILABLE -> NotCancellable(details.stage)",
            409,
            fixture(JOB_CANCEL_UNAVAILABLE),
            notCancellable(
                "opening_pr",
                "Job cannot be canceled during this stage.",
                "req_01HXA1NHZ4KYE8GP9Q2WX3BCDE")),
        row(
            "409 CONFLICT STAGE_NOT_CANCELABLE -> NotCancellable(finalizing)",
            409,
            fixture("cancel-409-stage-not-cancelable.json"),
            notCancellable(
                "finalizing",
                "Job cannot be canceled during the finalizing stage.",
                "req_01HXA1P2Q8ZJ4M7N3B6V5C1X0W")),
        row(
            "409 code STAGE_NOT_CANCELABLE without subcode -> NotCancellable",
            409,
            "{\"error\":{\"code\":\"STAGE_NOT_CANCELABLE\",\"message\":\"refused\","
                + "\"details\":{\"stage\":\"persisting\"}}}",
            notCancellable("persisting", "refused", null)),
        row(
            "409 JOB_CANCEL_UNAVAILABLE without details.stage -> NotCancellable(null)",
            409,
            "{\"error\":{\"code\":\"CONFLICT\",\"message\":\"no\","
                + "\"details\":{\"subcode\":\"JOB_CANCEL_UNAVAILABLE\"}}}",
            notCancellable(null, "no", null)),
        row(
            "409 with X-Request-Id -> the header wins over error.requestId",
            409,
            Headers.of("X-Request-Id", "req_hdr_409"),
            fixture(JOB_CANCEL_UNAVAILABLE),
            notCancellable(
                "opening_pr", "Job cannot be canceled during this stage.", "req_hdr_409")),
        row(
            "409 IDEMPOTENCY_CONFLICT -> Failed(INVALID_REQUEST)",
            409,
            fixture("cancel-409-idempotency-conflict.json"),
            failed(
                ErrorKind.INVALID_REQUEST,
                "IDEMPOTENCY_CONFLICT",
                "req_01HXA1P7D3K9QW2E5R8T1Y4U6I",
                "Idempotency-Key was already used")),
        row(
            "409 CONFLICT with an undocumented subcode -> Failed(UNEXPECTED_RESPONSE), words kept",
            409,
            fixture(JOB_CANCEL_UNAVAILABLE).replace("JOB_CANCEL_UNAVAILABLE", "JOB_LOCKED"),
            failed(
                ErrorKind.UNEXPECTED_RESPONSE,
                "CONFLICT",
                "req_01HXA1NHZ4KYE8GP9Q2WX3BCDE",
                "JOB_LOCKED",
                "Job cannot be canceled")),
        row(
            "409 with a body that is no envelope -> Failed(UNEXPECTED_RESPONSE)",
            409,
            "<html>conflict</html>",
            failed(ErrorKind.UNEXPECTED_RESPONSE, null, null, "<html>conflict</html>")),
        // The rows every vendor shares, read from Layers' {error:{code,message,requestId}}.
        row(
            "404 NOT_FOUND -> NotFound",
            404,
            fixture("error-404-not-found.json"),
            notFound("req_01HXA1PH3X5C7V9B2N4M6Q8W0E")),
        row("404 without a body, as the cancel page shows it -> NotFound", 404, "", notFound(null)),
        row(
            "401 UNAUTHENTICATED -> Failed(AUTHENTICATION)",
            401,
            fixture("error-401-unauthenticated.json"),
            failed(
                ErrorKind.AUTHENTICATION,
                "UNAUTHENTICATED",
                "req_01HXA1PB6N4M8L2K7J5H3G9F1D",
                "wrong API key")),
        row(
            "403 FORBIDDEN_SCOPE -> Failed(PERMISSION)",
            403,
            fixture("error-403-forbidden-scope.json"),
            failed(
                ErrorKind.PERMISSION,
                "FORBIDDEN_SCOPE",
                "req_01HXA1PE9S2D6F4G8H1J3K5L7Z",
                "jobs:cancel")),
        row(
            "400 VALIDATION -> Failed(INVALID_REQUEST)",
            400,
            "{\"error\":{\"code\":\"VALIDATION\",\"message\":\"bad jobId\","
                + "\"requestId\":\"req_v\"}}",
            failed(ErrorKind.INVALID_REQUEST, "VALIDATION", "req_v", "bad jobId")),
        row(
            "429 RATE_LIMITED with Retry-After: 7 -> Failed(RATE_LIMITED), the hint kept",
            429,
            Headers.of("Retry-After", "7"),
            fixture("error-429-rate-limited.json"),
            rateLimited(Optional.of(Duration.ofSeconds(7)))),
        row(
            "429 RATE_LIMITED without Retry-After -> Failed(RATE_LIMITED), no hint",
            429,
            fixture("error-429-rate-limited.json"),
            rateLimited(Optional.empty())),
        row(
            "503 KILL_SWITCH -> Failed(PROVIDER_ERROR)",
            503,
            fixture("error-503-kill-switch.json"),
            failed(
                ErrorKind.PROVIDER_ERROR,
                "KILL_SWITCH",
                "req_01HXA1PN2D4F6G8H0J2K4L6Z8X",
                "temporarily disabled")),
        row(
            "500 PLATFORM_ERROR -> Failed(PROVIDER_ERROR)",
            500,
            "{\"error\":{\"code\":\"PLATFORM_ERROR\",\"message\":\"Internal error.\"}}",
            failed(ErrorKind.PROVIDER_ERROR, "PLATFORM_ERROR", null, "Internal error.")),
        row(
            "502 HTML from a proxy -> Failed(PROVIDER_ERROR) quoting the body",
            502,
            "<html><body>Bad Gateway</body></html>",
            failed(ErrorKind.PROVIDER_ERROR, null, null, "Bad Gateway")),
        row(
            "302 -> Failed(UNEXPECTED_RESPONSE): a redirect is not followed",
            302,
            Headers.of("Location", "https://elsewhere.example/"),
            "",
            failed(ErrorKind.UNEXPECTED_RESPONSE, null, null, "redirect not followed")),
        row(
            "307 -> Failed(UNEXPECTED_RESPONSE): a redirect is not followed",
            307,
            Headers.of("Location", "https://elsewhere.example/"),
            "",
            failed(ErrorKind.UNEXPECTED_RESPONSE, null, null, "redirect not followed")),
        row(
            "201 {accepted:true} -> Failed(UNEXPECTED_RESPONSE): an undocumented 2xx is no success",
            201,
            fixture(ACCEPTED),
            failed(ErrorKind.UNEXPECTED_RESPONSE, null, null, "does not document")),
        row(
            "204 without a body -> Failed(UNEXPECTED_RESPONSE)",
            204,
            "",
            failed(ErrorKind.UNEXPECTED_RESPONSE, null, null, "(empty body)")),
        row(
            "418, an unknown status -> Failed(UNEXPECTED_RESPONSE)",
            418,
            "I'm a teapot",
            failed(ErrorKind.UNEXPECTED_RESPONSE, null, null, "unexpected status", "teapot")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void cancelAnswerMapsToOutcome(String row, Answer answer, Expect expect) {
    CancelOutcome outcome = cancel(answer);

    expect.check(outcome);
    assertEquals("layers", outcome.provider());
    assertEquals(JOB, outcome.jobId());
    assertEquals(answer.status(), outcome.response().httpStatus());
    assertEquals(1, outcome.response().attempts());
  }

  static Stream<Arguments> twoHundredsWithoutABooleanAccepted() {
    List<String> bodies =
        List.of(
            "{}",
            "{\"jobId\":\"" + JOB + "\"}",
            "{\"accepted\":null,\"reason\":\"ALREADY_CANCELED\"}",
            "{\"accepted\":\"true\"}",
            "{\"accepted\":1}",
            "{\"accepted\":true",
            "[true]",
            "true",
            "null",
            "<html>ok</html>",
            "");
    return Stream.of(200, 202).flatMap(s -> bodies.stream().map(b -> Arguments.of(s, b)));
  }

  @ParameterizedTest(name = "{0} \"{1}\" -> Failed(UNEXPECTED_RESPONSE)")
  @MethodSource("twoHundredsWithoutABooleanAccepted")
  void twoHundredWithoutABooleanAcceptedIsNeverASuccess(int status, String body) {
    Answer a = answer(status, body);
    Failed f = assertInstanceOf(Failed.class, cancel(a));

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, f.error().kind(), f.error().message());
    assertEquals(status, f.error().httpStatus());
    assertTrue(f.error().message().endsWith(a.snippet()), "quotes the body: " + f.error());
  }

  @Test
  void anUnreadableBodyIsQuotedAsABoundedSnippet() {
    Failed f = assertInstanceOf(Failed.class, cancel(answer(200, "<p>" + "x".repeat(5_000))));

    assertTrue(f.error().message().length() < 400, f.error().message());
    assertTrue(f.error().message().endsWith("…"), f.error().message());
  }

  @ParameterizedTest(name = "HTTP {0} is retried: {1}")
  @CsvSource({
    "429, true",
    "500, true",
    "502, true",
    "503, true",
    "504, true",
    "200, false",
    "202, false",
    "302, false",
    "400, false",
    "401, false",
    "403, false",
    "404, false",
    "409, false"
  })
  void onlyRateLimitsAndServerErrorsAreRetried(int status, boolean retried) {
    assertEquals(retried, MAPPER.retryable(answer(status, "")));
  }

  static Stream<Arguments> statusErrors() {
    return Stream.of(
        Arguments.of(
            404, "error-404-not-found.json", ErrorKind.NOT_FOUND, "NOT_FOUND",
            "req_01HXA1PH3X5C7V9B2N4M6Q8W0E"),
        Arguments.of(
            401, "error-401-unauthenticated.json", ErrorKind.AUTHENTICATION, "UNAUTHENTICATED",
            "req_01HXA1PB6N4M8L2K7J5H3G9F1D"),
        Arguments.of(
            403, "error-403-forbidden-scope.json", ErrorKind.PERMISSION, "FORBIDDEN_SCOPE",
            "req_01HXA1PE9S2D6F4G8H1J3K5L7Z"),
        Arguments.of(
            429, "error-429-rate-limited.json", ErrorKind.RATE_LIMITED, "RATE_LIMITED",
            "req_01HXA1PK7R9T1Y3U5I7O9P2A4S"),
        Arguments.of(
            503, "error-503-kill-switch.json", ErrorKind.PROVIDER_ERROR, "KILL_SWITCH",
            "req_01HXA1PN2D4F6G8H0J2K4L6Z8X"),
        Arguments.of(302, "", ErrorKind.UNEXPECTED_RESPONSE, null, null));
  }

  @ParameterizedTest(name = "status() HTTP {0} -> {2}")
  @MethodSource("statusErrors")
  void statusErrorsFollowTheSharedRows(
      int status, String fixtureName, ErrorKind kind, String code, String requestId) {
    String body = fixtureName.isEmpty() ? "" : fixture(fixtureName);
    CancelError e = MAPPER.statusError(answer(status, body));

    assertEquals(kind, e.kind(), e.message());
    assertEquals(status, e.httpStatus());
    assertEquals(code, e.providerCode());
    assertEquals(requestId, e.requestId());
  }

  // ---- the job GET ------------------------------------------------------------------------------

  @Test
  void runningJobIsReadWithStageProgressAndStartedAt() throws IOException {
    JobSnapshot job = MAPPER.snapshot(answer(200, fixture("job-running.json")));

    assertEquals("layers", job.provider());
    assertEquals(JOB, job.jobId());
    assertEquals(JobState.RUNNING, job.state());
    assertEquals("running", job.providerStatus());
    assertEquals("generating_visuals", job.stage());
    // No finishedAt yet: updatedAt falls back to startedAt.
    assertEquals(Instant.parse("2026-04-18T12:04:11Z"), job.updatedAt());
    assertEquals(0.42, job.attributes().get("progress"));
    assertEquals("content_generate", job.attributes().get("kind"));
  }

  @Test
  void terminalJobUsesFinishedAtAndKeepsTheResult() throws IOException {
    // The Jobs concept page's terminal shape: no stage, no startedAt, a result.
    JobSnapshot job = MAPPER.snapshot(answer(200, fixture("job-completed.json")));

    assertEquals(JobState.COMPLETED, job.state());
    assertEquals("completed", job.providerStatus());
    assertNull(job.stage());
    assertEquals(Instant.parse("2026-04-18T12:07:33Z"), job.updatedAt());
    Map<?, ?> result = (Map<?, ?>) job.attributes().get("result");
    assertEquals("cnt_01HX9Y6K7EJ4T2ABCDEF", result.get("containerId"));
  }

  @Test
  void finishedAtWinsOverStartedAt() throws IOException {
    JobSnapshot job = MAPPER.snapshot(answer(200, fixture("job-canceled.json")));

    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("generating_visuals", job.stage());
    assertEquals(Instant.parse("2026-04-18T12:05:02Z"), job.updatedAt());
  }

  @ParameterizedTest(name = "job status \"{0}\" -> {1}")
  @CsvSource({
    "running, RUNNING",
    "completed, COMPLETED",
    "failed, FAILED",
    "canceled, CANCELLED",
    "paused, UNKNOWN",
    "Canceled, UNKNOWN",
    "'', UNKNOWN"
  })
  void everyStatusWordOfAJobMaps(String word, JobState state) throws IOException {
    String body = fixture("job-running.json").replace("\"running\"", "\"" + word + "\"");
    JobSnapshot job = MAPPER.snapshot(answer(200, body));

    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus(), "the vendor's word, verbatim");
  }

  @ParameterizedTest(name = "job body {0} is refused")
  @ValueSource(
      strings = {
        "{\"jobId\":\"job_01HXA1NHKJZXPV8R7Q6WSM5BCD\",\"stage\":\"x\"}",
        "{\"jobId\":\"job_01HXA1NHKJZXPV8R7Q6WSM5BCD\",\"status\":7}",
        "[]",
        "null",
        "not json",
        ""
      })
  void aJobWithoutATextStatusIsRefused(String body) {
    // The engine turns the refusal into JobCancelException(UNEXPECTED_RESPONSE), never a snapshot.
    assertThrows(Exception.class, () -> MAPPER.snapshot(answer(200, body)));
  }

  // ---- Layers' words ----------------------------------------------------------------------------

  @ParameterizedTest(name = "reason {0} -> {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "ALREADY_COMPLETED, COMPLETED",
        "COMPLETED, COMPLETED",
        "ALREADY_CANCELED, CANCELLED",
        "ALREADY_CANCELLED, CANCELLED",
        "already_canceled, CANCELLED",
        "Canceled, CANCELLED",
        "CANCELED_BY_USER, CANCELLED",
        "ALREADY_FAILED, FAILED",
        "FAILED, FAILED",
        "JOB_FAILURE, FAILED",
        "NOT_CANCELABLE, UNKNOWN",
        "NOT_CANCELLABLE, UNKNOWN",
        "CANCEL_UNAVAILABLE, UNKNOWN",
        "CANCEL_FAILED, UNKNOWN",
        "UNCANCELABLE, UNKNOWN",
        "NONCANCELLABLE, UNKNOWN",
        "ALREADY_EXPIRED, UNKNOWN",
        "ALREADY_TERMINAL, UNKNOWN",
        "'', UNKNOWN",
        "NULL, UNKNOWN"
      })
  void reasonNamesTheTerminalState(String reason, JobState state) {
    assertEquals(state, LayersMapper.terminalState(reason));
  }

  @ParameterizedTest(name = "status {0} -> {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "running, RUNNING",
        "completed, COMPLETED",
        "failed, FAILED",
        "canceled, CANCELLED",
        "cancelled, UNKNOWN",
        "queued, UNKNOWN",
        "RUNNING, UNKNOWN",
        "NULL, UNKNOWN"
      })
  void statusWordsFollowTheDesignTable(String word, JobState state) {
    assertEquals(state, LayersMapper.state(word));
  }

  // ---- expectations -----------------------------------------------------------------------------

  static Expect pending(String requestId) {
    return o -> {
      CancelPending p = assertInstanceOf(CancelPending.class, o);
      assertEquals(Optional.empty(), p.snapshot(), "the cancel answer carries no job");
      assertEquals(requestId, o.response().requestId());
    };
  }

  static Expect cancelled() {
    return o -> {
      Cancelled c = assertInstanceOf(Cancelled.class, o);
      assertEquals(Optional.empty(), c.snapshot());
    };
  }

  static Expect alreadyFinished(JobState state, String providerStatus) {
    return o -> {
      AlreadyFinished a = assertInstanceOf(AlreadyFinished.class, o);
      assertEquals(state, a.finalState());
      assertEquals(providerStatus, a.providerStatus());
    };
  }

  static Expect notCancellable(String stage, String reason, String requestId) {
    return o -> {
      NotCancellable n = assertInstanceOf(NotCancellable.class, o);
      assertEquals(stage, n.stage());
      assertEquals(reason, n.reason());
      assertEquals(requestId, o.response().requestId());
    };
  }

  static Expect notFound(String requestId) {
    return o -> {
      assertInstanceOf(NotFound.class, o);
      assertEquals(requestId, o.response().requestId());
    };
  }

  /** A Failed outcome of {@code kind} whose message contains each of {@code says}. */
  static Expect failed(ErrorKind kind, String providerCode, String requestId, String... says) {
    return o -> error(o, kind, providerCode, requestId, says);
  }

  static Expect rateLimited(Optional<Duration> retryAfter) {
    return o -> {
      CancelError e =
          error(o, ErrorKind.RATE_LIMITED, "RATE_LIMITED", "req_01HXA1PK7R9T1Y3U5I7O9P2A4S");
      assertEquals(retryAfter, e.retryAfter());
    };
  }

  private static CancelError error(
      CancelOutcome o, ErrorKind kind, String providerCode, String requestId, String... says) {
    CancelError e = assertInstanceOf(Failed.class, o).error();
    assertEquals(kind, e.kind(), e.message());
    assertEquals(o.response().httpStatus(), e.httpStatus());
    assertEquals(providerCode, e.providerCode());
    assertEquals(requestId, e.requestId());
    assertEquals(requestId, o.response().requestId());
    for (String said : says) assertTrue(e.message().contains(said), e.message());
    return e;
  }
}
