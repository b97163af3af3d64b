package io.cancelkit.omni;

import static io.cancelkit.omni.OmniFixtures.JOB;
import static io.cancelkit.omni.OmniFixtures.answer;
import static io.cancelkit.omni.OmniFixtures.fixture;
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
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of {@link OmniMapper}, fed answers directly: DESIGN.md's table, without a server. */
class OmniMapperTest {
  private final OmniMapper mapper = new OmniMapper();

  /** The mapper's verdict, with a body it cannot read made what the engine makes of it. */
  private Verdict verdict(Answer a) {
    try {
      return mapper.cancel(a);
    } catch (IOException | RuntimeException e) {
      return Verdict.of(Defaults.unreadable(a, e));
    }
  }

  /** An outcome in one line: its type and what decides it, for the tables below. */
  private static String describe(CancelOutcome o) {
    if (o instanceof Cancelled c) return "Cancelled " + c.snapshot().orElseThrow().state();
    if (o instanceof CancelPending p) {
      JobSnapshot job = p.snapshot().orElseThrow();
      return "CancelPending " + job.state() + " " + job.stage();
    }
    if (o instanceof AlreadyFinished f) {
      return "AlreadyFinished " + f.finalState() + " " + f.providerStatus();
    }
    if (o instanceof NotCancellable n) return "NotCancellable " + n.stage();
    if (o instanceof NotFound) return "NotFound";
    CancelError e = ((Failed) o).error();
    return "Failed " + e.kind() + " " + e.httpStatus() + " " + e.providerCode();
  }

  private static CancelError failed(CancelOutcome o, ErrorKind kind) {
    CancelError e = assertInstanceOf(Failed.class, o).error();
    assertEquals(kind, e.kind());
    return e;
  }

  // ---- answers that decide by themselves ------------------------------------------------------

  @ParameterizedTest(name = "{index}: HTTP {0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // DESIGN.md, Omni: 200 {state} -> Cancelled; COMPLETE/FAILED -> AlreadyFinished;
        // QUEUED/EXECUTING -> CancelPending; DELIVERING, which the cancel page refuses.
        "200 | cancel-200-cancelled.json  | Cancelled CANCELLED",
        "200 | cancel-200-complete.json   | AlreadyFinished COMPLETED COMPLETE",
        "200 | cancel-200-failed.json     | AlreadyFinished FAILED FAILED",
        "200 | cancel-200-queued.json     | CancelPending QUEUED null",
        "200 | cancel-200-executing.json  | CancelPending RUNNING EXECUTING",
        "200 | cancel-200-delivering.json | NotCancellable DELIVERING",
        // DESIGN.md, all: the engine's defaults, reading both of Omni's error shapes.
        "404 | cancel-404.json            | NotFound",
        "401 | cancel-401.json            | Failed AUTHENTICATION 401 401",
        "403 | cancel-403.json            | Failed PERMISSION 403 403",
        "403 | cancel-403-detail.json     | Failed PERMISSION 403 403",
        "429 | cancel-429.json            | Failed RATE_LIMITED 429 429",
        "500 | cancel-500.json            | Failed PROVIDER_ERROR 500 500",
        "503 | cancel-500.json            | Failed PROVIDER_ERROR 503 500",
        // A redirect is never followed, and a success body under another status proves nothing.
        "302 | cancel-200-cancelled.json  | Failed UNEXPECTED_RESPONSE 302 null",
        "202 | cancel-200-cancelled.json  | Failed UNEXPECTED_RESPONSE 202 null",
        "418 | cancel-200-cancelled.json  | Failed UNEXPECTED_RESPONSE 418 null"
      })
  void cancelAnswerMapsToItsOutcome(int status, String fixture, String expected) {
    Answer a = answer(status, fixture(fixture));

    Verdict v = verdict(a);

    assertFalse(v.settles(), "decided without a GET");
    assertEquals(expected, describe(v.outcome()));
    assertEquals("omni", v.outcome().provider());
    assertEquals(JOB, v.outcome().jobId());
    assertEquals(a.info(), v.outcome().response());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cancel-403.json", "cancel-403-detail.json"})
  void bothErrorShapesKeepOmnisMessage(String fixture) {
    CancelError e = failed(verdict(answer(403, fixture(fixture))).outcome(), ErrorKind.PERMISSION);

    assertTrue(
        e.message()
            .endsWith("Permission denied. Only the job owner or organization admins can cancel jobs."),
        e.message());
  }

  @Test
  void deliveringAnswerSaysWhyItIsNotCancellable() {
    NotCancellable n =
        assertInstanceOf(
            NotCancellable.class, verdict(answer(200, fixture("cancel-200-delivering.json"))).outcome());

    assertTrue(n.reason().contains("finalizing results"), n.reason());
  }

  @Test
  void rateLimitedKeepsTheRetryAfterHint() {
    Answer a =
        Answer.of("omni", JOB, 429, Headers.of("Retry-After", "7"), fixture("cancel-429.json"));

    CancelError e = failed(verdict(a).outcome(), ErrorKind.RATE_LIMITED);

    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
  }

  @Test
  void unknownStateWordIsUnexpectedResponseNeverASuccess() {
    // Issue 9's one core rule (Defaults.onJob): a word the SDK does not know proves no cancel.
    Answer a = answer(200, "{\"jobId\":\"" + JOB + "\",\"state\":\"PAUSED\"}");

    CancelError e = failed(verdict(a).outcome(), ErrorKind.UNEXPECTED_RESPONSE);

    assertTrue(e.message().contains("\"PAUSED\""), e.message());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(
      strings = {
        "not json",
        "<html>busy</html>",
        "{}",
        "{\"jobId\":\"" + JOB + "\"}",
        "{\"jobId\":\"" + JOB + "\",\"state\":null}",
        "{\"jobId\":\"" + JOB + "\",\"state\":[\"CANCELLED\"]}",
        "[{\"jobId\":\"" + JOB + "\",\"state\":\"CANCELLED\"}]",
        "null",
        ""
      })
  void unreadable200IsUnexpectedResponse(String body) {
    CancelError e = failed(verdict(answer(200, body)).outcome(), ErrorKind.UNEXPECTED_RESPONSE);

    assertTrue(e.message().startsWith("HTTP 200: unreadable answer"), e.message());
  }

  @Test
  void theAnswerIsReadWhateverJobIdItEchoes() {
    // The path names the job; the page's example answer keeps its own example id.
    String other = "7dadf906-6b7e-479f-b770-7e54d832e9c6";
    Answer a = Answer.of("omni", other, 200, Headers.of(), fixture("cancel-200-cancelled.json"));

    Cancelled c = assertInstanceOf(Cancelled.class, verdict(a).outcome());

    assertEquals(other, c.jobId());
    assertEquals(other, c.snapshot().orElseThrow().jobId());
  }

  // ---- 400 and 409: settled by one GET ------------------------------------------------------

  @ParameterizedTest(name = "{index}: HTTP {0} {1}")
  @CsvSource({
    "400, cancel-400-not-cancellable.json",
    "400, cancel-400-not-cancellable-detail.json",
    "400, cancel-400-cannot-cancel-delivering.json",
    "400, cancel-400-other.json",
    "409, cancel-409-conflict.json"
  })
  void refusalSettlesWithAlreadyFinishedUnknownAsFallback(int status, String fixture) {
    // DEFECT 4 of issue 9: every Omni 400 settles, whatever its wording, not only "cancellable state".
    Verdict v = verdict(answer(status, fixture(fixture)));

    assertTrue(v.settles());
    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, v.outcome());
    assertEquals(JobState.UNKNOWN, f.finalState());
    assertNull(f.providerStatus());
    assertEquals(status, f.response().httpStatus());
  }

  @Test
  void bodiless400SettlesToo() {
    assertTrue(verdict(answer(400, "")).settles());
  }

  /** What {@link OmniMapper#settle} makes of {@code cancelFixture} when the GET reads {@code job}. */
  private CancelOutcome settle(int status, String cancelFixture, String jobFixture) throws IOException {
    Answer get = new Answer("omni", JOB, 200, Headers.of(), fixture(jobFixture), false, "req-get", 2);
    CancelOutcome o = mapper.settle(answer(status, fixture(cancelFixture)), mapper.snapshot(get), get.info());
    // The GET decided, so the outcome carries its facts.
    assertEquals(get.info(), o.response());
    return o;
  }

  @ParameterizedTest(name = "{index}: HTTP {0} {1} then GET {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // DESIGN.md, Omni 400: DELIVERING -> NotCancellable; terminal -> AlreadyFinished or
        // Cancelled; still QUEUED/EXECUTING -> Failed(INVALID_REQUEST): Omni cancels those, so its
        // 400 refused the request itself.
        "400 | cancel-400-not-cancellable.json          | job-delivering.json | NotCancellable DELIVERING",
        "400 | cancel-400-not-cancellable.json          | job-complete.json   | AlreadyFinished COMPLETED COMPLETE",
        "400 | cancel-400-not-cancellable.json          | job-failed.json     | AlreadyFinished FAILED FAILED",
        "400 | cancel-400-not-cancellable.json          | job-cancelled.json  | Cancelled CANCELLED",
        "400 | cancel-400-not-cancellable.json          | job-queued.json     | Failed INVALID_REQUEST 400 400",
        "400 | cancel-400-not-cancellable.json          | job-executing.json  | Failed INVALID_REQUEST 400 400",
        "400 | cancel-400-cannot-cancel-delivering.json | job-delivering.json | NotCancellable DELIVERING",
        "400 | cancel-400-cannot-cancel-delivering.json | job-complete.json   | AlreadyFinished COMPLETED COMPLETE",
        "400 | cancel-400-cannot-cancel-delivering.json | job-cancelled.json  | Cancelled CANCELLED",
        "400 | cancel-400-cannot-cancel-delivering.json | job-executing.json  | Failed INVALID_REQUEST 400 Bad Request",
        // A 409 keeps its reading from before issue 9: a running job is refused at its stage.
        "409 | cancel-409-conflict.json                 | job-delivering.json | NotCancellable DELIVERING",
        "409 | cancel-409-conflict.json                 | job-complete.json   | AlreadyFinished COMPLETED COMPLETE",
        "409 | cancel-409-conflict.json                 | job-failed.json     | AlreadyFinished FAILED FAILED",
        "409 | cancel-409-conflict.json                 | job-cancelled.json  | Cancelled CANCELLED",
        "409 | cancel-409-conflict.json                 | job-queued.json     | NotCancellable QUEUED",
        "409 | cancel-409-conflict.json                 | job-executing.json  | NotCancellable EXECUTING"
      })
  void refusalIsDecidedByTheJobsState(int status, String refusal, String job, String expected)
      throws IOException {
    assertEquals(expected, describe(settle(status, refusal, job)));
  }

  @Test
  void deliveringRefusalKeepsOmnisMessage() throws IOException {
    NotCancellable n =
        assertInstanceOf(
            NotCancellable.class,
            settle(400, "cancel-400-cannot-cancel-delivering.json", "job-delivering.json"));

    assertTrue(n.reason().startsWith("Cannot cancel job in state DELIVERING"), n.reason());
  }

  @Test
  void refusalOfAStillRunningJobKeepsOmnisMessage() throws IOException {
    CancelError e =
        assertInstanceOf(Failed.class, settle(400, "cancel-400-other.json", "job-executing.json"))
            .error();

    assertEquals("400", e.providerCode());
    assertTrue(e.message().contains("Invalid request"), e.message());
  }

  @Test
  void refusalOfAJobInAnUnknownStateIsAlreadyFinishedWithTheWord() throws IOException {
    Answer get = answer(200, "{\"id\":\"" + JOB + "\",\"state\":\"ARCHIVED\"}");

    CancelOutcome o =
        mapper.settle(
            answer(400, fixture("cancel-400-not-cancellable.json")), mapper.snapshot(get), get.info());

    AlreadyFinished f = assertInstanceOf(AlreadyFinished.class, o);
    assertEquals(JobState.UNKNOWN, f.finalState());
    assertEquals("ARCHIVED", f.providerStatus());
  }

  // ---- status words and snapshots ------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}, stage {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "QUEUED,     QUEUED,    null",
        "EXECUTING,  RUNNING,   EXECUTING",
        "DELIVERING, RUNNING,   DELIVERING",
        "COMPLETE,   COMPLETED, null",
        "FAILED,     FAILED,    null",
        "CANCELLED,  CANCELLED, null",
        "ARCHIVED,   UNKNOWN,   null",
        "complete,   UNKNOWN,   null",
        "COMPLETED,  UNKNOWN,   null",
        "CANCELED,   UNKNOWN,   null",
        "'',         UNKNOWN,   null"
      })
  void statusWordsFollowTheDesignTable(String word, JobState state, String stage) {
    assertEquals(state, OmniMapper.state(word));
    assertEquals(stage, OmniMapper.stage(word));
  }

  @Test
  void missingStatusWordIsUnknown() {
    assertEquals(JobState.UNKNOWN, OmniMapper.state(null));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"QUEUED", "EXECUTING", "DELIVERING", "COMPLETE", "FAILED", "CANCELLED"})
  void snapshotReadsEveryJobFixture(String word) throws IOException {
    JobSnapshot job = mapper.snapshot(answer(200, fixture("job-" + word.toLowerCase() + ".json")));

    assertEquals("omni", job.provider());
    assertEquals(JOB, job.jobId());
    assertEquals(OmniMapper.state(word), job.state());
    assertEquals(word, job.providerStatus());
    assertEquals(OmniMapper.stage(word), job.stage());
    assertNull(job.updatedAt());
    assertEquals("Which regions grew fastest last quarter?", job.attributes().get("prompt"));
  }

  @Test
  void snapshotKeepsOptionalFields() throws IOException {
    String body =
        "{\"id\":\"" + JOB + "\",\"state\":\"EXECUTING\",\"progress\":{\"step\":2,\"of\":5},"
            + "\"resultSummary\":null}";

    JobSnapshot job = mapper.snapshot(answer(200, body));

    assertEquals(Double.valueOf(2), ((Map<?, ?>) job.attributes().get("progress")).get("step"));
    assertTrue(job.attributes().containsKey("resultSummary"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "\"createdAt\":\"2025-01-02T03:04:05Z\",\"updatedAt\":\"2025-01-02T03:09:00Z\"|2025-01-02T03:09:00Z",
        "\"createdAt\":\"2025-01-02T03:04:05Z\",\"completedAt\":\"2025-01-02T03:08:00.5+01:00\"|2025-01-02T02:08:00.500Z",
        "\"createdAt\":\"2025-01-02T03:04:05Z\"|2025-01-02T03:04:05Z",
        "\"updatedAt\":\"yesterday\",\"createdAt\":\"2025-01-02T03:04:05\"|2025-01-02T03:04:05Z",
        "\"updatedAt\":1735787045000|null"
      })
  void updatedAtComesFromTheMostSpecificReadableTimestamp(String fields, String expected)
      throws IOException {
    String body = "{\"id\":\"" + JOB + "\",\"state\":\"COMPLETE\"," + fields + "}";

    Instant updatedAt = mapper.snapshot(answer(200, body)).updatedAt();

    assertEquals(expected == null ? null : Instant.parse(expected), updatedAt);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(
      strings = {
        "<html>busy</html>",
        "{\"id\":\"" + JOB + "\"}",
        "{\"id\":\"" + JOB + "\",\"state\":[\"COMPLETE\"]}",
        "[]",
        ""
      })
  void unreadableJobIsRefused(String body) {
    assertThrows(Exception.class, () -> mapper.snapshot(answer(200, body)));
  }

  @Test
  void statusErrorsAndRetriesAreTheEnginesDefaults() {
    Answer notFound = answer(404, fixture("cancel-404.json"));

    assertEquals(ErrorKind.NOT_FOUND, mapper.statusError(notFound).kind());
    assertTrue(mapper.retryable(answer(429, fixture("cancel-429.json"))));
    assertTrue(mapper.retryable(answer(500, fixture("cancel-500.json"))));
    assertFalse(mapper.retryable(answer(400, fixture("cancel-400-not-cancellable.json"))));
    Answer withId = Answer.of("omni", JOB, 200, Headers.of("X-Request-Id", "req-1"), "{}");
    assertEquals("req-1", mapper.requestId(withId));
  }

  // ---- job ids ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {JOB, "A1B2C3D4-E5F6-7890-ABCD-EF1234567890", "7dadf906-6b7e-479f-b770-7e54d832e9c6"})
  void uuidsInAnyCaseAreAccepted(String id) {
    mapper.checkJobId(id);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "job_1",
        "a1b2c3d4e5f67890abcdef1234567890",
        "{a1b2c3d4-e5f6-7890-abcd-ef1234567890}",
        "urn:uuid:a1b2c3d4-e5f6-7890-abcd-ef1234567890",
        "a1b2c3d4-e5f6-7890-abcd-ef1234567890 ",
        "a1b2c3d4-e5f6-7890-abcd-ef123456789",
        "a1b2c3d4-e5f6-7890-abcd-ef12345678901",
        "g1b2c3d4-e5f6-7890-abcd-ef1234567890",
        "1-1-1-1-1",
        "a1b2c3d4-e5f6-7890-abcd-ef1234567890/../x",
        "..",
        "a1b2c3d4-e5f6-7890-abcd-ef1234567890\n"
      })
  void otherIdsAreRefused(String id) {
    assertThrows(IllegalArgumentException.class, () -> mapper.checkJobId(id));
  }

  @Test
  void refusedIdMessageShowsTheExpectedForm() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> mapper.checkJobId("job_1"));

    assertTrue(e.getMessage().contains("not a UUID"), e.getMessage());
    assertTrue(e.getMessage().contains("job_1"), e.getMessage());
  }
}
