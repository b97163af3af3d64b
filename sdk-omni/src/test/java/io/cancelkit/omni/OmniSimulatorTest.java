package io.cancelkit.omni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.List;
import io.cancelkit.testkit.SimRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: the real {@link OmniCanceller} against the stateful Omni simulator of sdk-testkit,
 * with its owners, admins and per-key rate limit. What every vendor shares (retries, lost answers,
 * unknown jobs, wrong keys, ids) is {@link OmniContractTest}'s.
 */
class OmniSimulatorTest {
  private static final Duration AWAIT = Duration.ofSeconds(5);

  @AutoClose private final OmniSimulator sim = Simulators.omni();

  private OmniCanceller.Builder builder() {
    return OmniCanceller.builder()
        .apiKey(sim.apiKey())
        .baseUrl(sim.baseUrl())
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(5));
  }

  private OmniCanceller canceller() {
    return builder().build();
  }

  private static String cancelLine(String jobId) {
    return "POST /api/v1/ai/jobs/" + jobId + "/cancel";
  }

  private static String getLine(String jobId) {
    return "GET /api/v1/ai/jobs/" + jobId;
  }

  // ---- cancel, then await ---------------------------------------------------------------------

  @Test
  void executingJobIsPendingAfterCancelAndCancelledAfterAwait() {
    sim.cancelAfterPolls(2);
    String jobId = sim.addJob("EXECUTING");
    OmniCanceller canceller = canceller();

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller.cancel(jobId));
    assertEquals("omni", pending.provider());
    assertEquals(200, pending.response().httpStatus());
    assertEquals(1, pending.response().attempts());
    JobSnapshot before = pending.snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, before.state());
    assertEquals("EXECUTING", before.providerStatus());
    assertEquals("EXECUTING", sim.status(jobId), "Omni stops after the current iteration");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller.cancelAndAwait(jobId, AWAIT));
    JobSnapshot job = done.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("CANCELLED", job.providerStatus());
    assertNotNull(job.updatedAt());
    assertEquals(200, done.response().httpStatus());
    assertEquals(3, done.response().attempts(), "its own cancel and the two polls");
    assertEquals("CANCELLED", sim.status(jobId));
    assertEquals(
        List.of(cancelLine(jobId), cancelLine(jobId), getLine(jobId), getLine(jobId)),
        sim.requestLines());
    for (SimRequest r : sim.requests()) {
      assertEquals("Bearer " + sim.apiKey(), r.getHeader("Authorization"));
      assertNull(r.getHeader("Idempotency-Key"), "Omni documents none");
      assertNull(r.getHeader("If-None-Match"), "Omni documents no ETag");
    }
  }

  @Test
  void queuedJobIsCancelledAtOnce() {
    String jobId = sim.addJob("QUEUED");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals("CANCELLED", done.snapshot().orElseThrow().providerStatus());
    assertEquals(1, done.response().attempts());
    assertEquals("CANCELLED", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  // ---- DELIVERING and terminal jobs -----------------------------------------------------------

  @Test
  void deliveringJobIsNotCancellableThroughTheSettlingGet() {
    String jobId = sim.addJob("DELIVERING");

    NotCancellable refused =
        assertInstanceOf(NotCancellable.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals("DELIVERING", refused.stage());
    assertTrue(refused.reason().contains("Job is not in a cancellable state"), refused.reason());
    assertEquals(200, refused.response().httpStatus(), "the facts of the settling GET");
    assertEquals(2, refused.response().attempts());
    assertEquals("DELIVERING", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), getLine(jobId)), sim.requestLines());
  }

  @Test
  void deliveringJobWhoseSettlingGetKeepsFailingIsAlreadyFinishedUnknown() {
    String jobId = sim.addJob("DELIVERING");
    sim.delayNextHeaders(Duration.ZERO); // the cancel POST passes untouched
    sim.failNextWith503(3);

    CancelOutcome outcome = builder().maxAttempts(3).build().cancel(jobId);

    // DESIGN.md: a failed settling GET leaves the best reading of the 400 alone.
    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertEquals(400, finished.response().httpStatus());
    assertEquals(4, finished.response().attempts());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"COMPLETE, COMPLETED", "FAILED, FAILED"})
  void terminalJobIsAlreadyFinishedFromTheIdempotent200(String word, JobState state) {
    String jobId = sim.addJob(word);

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals(state, finished.finalState());
    assertEquals(word, finished.providerStatus());
    assertEquals(200, finished.response().httpStatus());
    assertEquals(1, finished.response().attempts());
    assertEquals(word, sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  // ---- lost answers ---------------------------------------------------------------------------

  @Test
  void lostAnswerIsRetriedAndTheIdempotent200SaysCancelled() {
    String jobId = sim.addJob("QUEUED");
    sim.dropNextAnswer();

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals(200, done.response().httpStatus());
    assertEquals(2, done.response().attempts());
    assertEquals("CANCELLED", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), cancelLine(jobId)), sim.requestLines());
  }

  // ---- Omni's own rate limit ------------------------------------------------------------------

  @Test
  void exhaustedRateLimitWithoutRetriesIsRateLimitedWithTheSecondsLeftInTheWindow() {
    sim.rateLimit(3, Duration.ofMinutes(1));
    String jobId = sim.addJob("EXECUTING");
    OmniCanceller canceller = builder().maxAttempts(1).build();
    for (int i = 0; i < 3; i++) assertEquals(JobState.RUNNING, canceller.status(jobId).state());

    Failed failed = assertInstanceOf(Failed.class, canceller.cancel(jobId));

    CancelError error = failed.error();
    assertEquals(ErrorKind.RATE_LIMITED, error.kind());
    assertEquals(429, error.httpStatus());
    assertEquals("429", error.providerCode());
    assertTrue(error.message().contains("Rate limit exceeded"), error.message());
    Duration wait = error.retryAfter().orElseThrow();
    assertTrue(
        wait.compareTo(Duration.ofSeconds(1)) >= 0 && wait.compareTo(Duration.ofSeconds(60)) <= 0,
        "Retry-After is the rest of the one-minute window: " + wait);
    assertEquals(1, failed.response().attempts());
    assertEquals("EXECUTING", sim.status(jobId), "a limited request is not acted on");
    assertEquals(4, sim.requestCount());
  }

  @Test
  void retryAfterBeyondTheDeadlineIsNotWaitedFor() {
    sim.rateLimit(1, Duration.ofMinutes(1));
    String jobId = sim.addJob("QUEUED");
    OmniCanceller canceller = builder().maxAttempts(3).timeout(Duration.ofSeconds(2)).build();
    canceller.status(jobId);

    Failed failed = assertInstanceOf(Failed.class, canceller.cancel(jobId));

    assertEquals(ErrorKind.RATE_LIMITED, failed.error().kind());
    assertTrue(failed.error().retryAfter().isPresent());
    assertEquals(1, failed.response().attempts(), "a wait past the deadline is not started");
    assertEquals(2, sim.requestCount());
    assertEquals("QUEUED", sim.status(jobId));
  }

  @Test
  void awaitSendsNoFurtherPollsWhileTheRateLimitWindowIsClosed() {
    // Two requests a minute: the cancel and one poll; the second poll meets Retry-After ~60 s.
    sim.rateLimit(2, Duration.ofMinutes(1));
    sim.cancelAfterPolls(100);
    String jobId = sim.addJob("EXECUTING");

    CancelOutcome outcome = canceller().cancelAndAwait(jobId, Duration.ofSeconds(1));

    CancelPending pending = assertInstanceOf(CancelPending.class, outcome);
    assertEquals("EXECUTING", pending.snapshot().orElseThrow().providerStatus());
    assertEquals(
        List.of(cancelLine(jobId), getLine(jobId), getLine(jobId)),
        sim.requestLines(),
        "no poll may be sent before the Retry-After of the rate-limited one has passed");
  }

  @Test
  void baseUrlWithATrailingSlashKeepsTheApiPrefix() {
    String jobId = sim.addJob("QUEUED");

    CancelOutcome outcome = builder().baseUrl(sim.baseUrl() + "/").build().cancel(jobId);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  // ---- credentials and ids --------------------------------------------------------------------

  @ParameterizedTest(name = "detailStatusErrors={0}")
  @ValueSource(booleans = {false, true})
  void wrongKeyIsAuthenticationFailureInEitherOmniErrorShape(boolean detailStatus) {
    sim.detailStatusErrors(detailStatus);
    String jobId = sim.addJob("QUEUED");
    String wrongKey = "omni_test_not_the_right_key";

    Failed failed =
        assertInstanceOf(Failed.class, builder().apiKey(wrongKey).build().cancel(jobId));

    CancelError error = failed.error();
    assertEquals(ErrorKind.AUTHENTICATION, error.kind());
    assertEquals(401, error.httpStatus());
    assertEquals("401", error.providerCode());
    assertTrue(error.message().contains("Missing or invalid API key"), error.message());
    assertFalse(error.message().contains(wrongKey));
    assertEquals(1, failed.response().attempts());
    assertEquals("QUEUED", sim.status(jobId));
  }

  @Test
  void anotherUsersKeyMayReadButNotCancel() {
    String jobId = sim.addJob("EXECUTING");
    OmniCanceller other = builder().apiKey(sim.otherUserApiKey()).build();

    Failed failed = assertInstanceOf(Failed.class, other.cancel(jobId));

    assertEquals(ErrorKind.PERMISSION, failed.error().kind());
    assertEquals(403, failed.error().httpStatus());
    assertTrue(failed.error().message().contains("Only the job owner"), failed.error().message());
    assertEquals(JobState.RUNNING, other.status(jobId).state());
    assertEquals("EXECUTING", sim.status(jobId));
  }

  @Test
  void anAdminKeyCancelsAnotherUsersJob() {
    String jobId = sim.addJob("QUEUED");

    CancelOutcome outcome = builder().apiKey(sim.adminApiKey()).build().cancel(jobId);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals("CANCELLED", sim.status(jobId));
  }

  @Test
  void nonUuidJobIdIsRefusedBeforeAnyRequest() {
    OmniCanceller canceller = canceller();

    assertThrows(IllegalArgumentException.class, () -> canceller.cancel("job_123"));
    assertThrows(IllegalArgumentException.class, () -> canceller.status("job_123"));

    assertEquals(0, sim.requestCount());
  }

  // ---- status ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "QUEUED, QUEUED,",
    "EXECUTING, RUNNING, EXECUTING",
    "DELIVERING, RUNNING, DELIVERING",
    "COMPLETE, COMPLETED,",
    "FAILED, FAILED,",
    "CANCELLED, CANCELLED,"
  })
  void statusMapsEachOmniState(String word, JobState state, String stage) {
    String jobId = sim.addJob(word);

    JobSnapshot job = canceller().status(jobId);

    assertEquals("omni", job.provider());
    assertEquals(jobId, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertEquals(stage, job.stage());
    assertNotNull(job.updatedAt());
    assertEquals(jobId, job.attributes().get("id"));
    SimRequest get = sim.takeRequest();
    assertEquals(getLine(jobId), get.getMethod() + " " + get.getPath());
    assertEquals("Bearer " + sim.apiKey(), get.getHeader("Authorization"));
    assertEquals(word, sim.status(jobId));
  }
}
