package io.cancelkit.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotFound;
import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.cancelkit.testkit.SimRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: the real {@link ScaleCanceller} against the stateful Scale GP Dex simulator of
 * sdk-testkit, which checks both auth headers and keeps jobs per project. What every vendor shares
 * (retries, lost answers, unknown jobs, wrong keys, ids) is {@link ScaleContractTest}'s.
 */
class ScaleSimulatorTest {
  private static final Duration AWAIT = Duration.ofSeconds(5);
  private static final String OTHER_PROJECT = "proj_other_team";

  @AutoClose private final ScaleSimulator sim = Simulators.scale();

  private ScaleCanceller.Builder builder() {
    return ScaleCanceller.builder()
        .apiKey(sim.apiKey())
        .accountId(sim.accountId())
        .projectId(sim.projectId())
        .baseUrl(sim.baseUrl())
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(5));
  }

  private ScaleCanceller canceller() {
    return builder().build();
  }

  private String cancelLine(String jobId) {
    return cancelLine(sim.projectId(), jobId);
  }

  private static String cancelLine(String projectId, String jobId) {
    return "POST /v1/projects/" + projectId + "/jobs/" + jobId + "/cancel";
  }

  private String getLine(String jobId) {
    return getLine(sim.projectId(), jobId);
  }

  private static String getLine(String projectId, String jobId) {
    return "GET /v1/projects/" + projectId + "/jobs/" + jobId;
  }

  // ---- cancel, then await ---------------------------------------------------------------------

  @Test
  void runningJobIsPendingAfterCancelAndCancelledAfterAwait() {
    sim.cancelAfterPolls(2);
    String jobId = sim.addJob("running");
    ScaleCanceller canceller = canceller();

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller.cancel(jobId));
    assertEquals("scale", pending.provider());
    assertEquals(202, pending.response().httpStatus());
    assertEquals(1, pending.response().attempts());
    assertEquals(Optional.empty(), pending.snapshot(), "a 202 has no body");
    assertEquals("running", sim.status(jobId), "Dex stops a running job asynchronously");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller.cancelAndAwait(jobId, AWAIT));
    JobSnapshot job = done.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("cancelled", job.providerStatus());
    assertNotNull(job.updatedAt(), "completed_at of the cancelled job");
    assertEquals(200, done.response().httpStatus());
    assertEquals(3, done.response().attempts(), "its own cancel and the two polls");
    assertEquals("cancelled", sim.status(jobId));
    assertEquals(
        List.of(cancelLine(jobId), cancelLine(jobId), getLine(jobId), getLine(jobId)),
        sim.requestLines());
  }

  @Test
  void everyRequestCarriesBothDexHeadersAndNoAuthorization() {
    String jobId = sim.addJob("running");

    assertInstanceOf(Cancelled.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals(2, sim.requestCount());
    for (SimRequest r : sim.requests()) {
      assertEquals(List.of(sim.apiKey()), r.getHeaders().values("x-api-key"));
      assertEquals(List.of(sim.accountId()), r.getHeaders().values("x-selected-account-id"));
      assertNull(r.getHeader("Authorization"));
      assertNull(r.getHeader("Idempotency-Key"), "Dex documents none");
    }
  }

  @Test
  void pendingJobIsCancelledAtOnceWithTheEntityAndItsCorrelationId() {
    String jobId = sim.addJob("pending");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    JobSnapshot job = done.snapshot().orElseThrow();
    assertEquals("cancelled", job.providerStatus());
    assertEquals(jobId, job.attributes().get("id"));
    assertEquals(sim.projectId(), job.attributes().get("project_id"));
    String correlationId = (String) job.attributes().get("correlation_id");
    assertNotNull(correlationId);
    assertEquals(correlationId, done.response().requestId(), "Dex's tracing id stands in");
    assertEquals(200, done.response().httpStatus());
    assertEquals(1, done.response().attempts());
    assertEquals("cancelled", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  @Test
  void alreadyCancelledJobIsCancelledByTheIdempotent200WithoutAGet() {
    String jobId = sim.addJob("cancelled");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals("cancelled", done.snapshot().orElseThrow().providerStatus());
    assertEquals(1, done.response().attempts());
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  // ---- terminal jobs: the 400 is resolved by one GET ------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource({"succeeded, COMPLETED", "partially_succeeded, COMPLETED", "failed, FAILED"})
  void terminalJobIsAlreadyFinishedInTheStateTheResolvingGetReads(String word, JobState state) {
    String jobId = sim.addJob(word);

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals(state, finished.finalState());
    assertEquals(word, finished.providerStatus());
    assertEquals(200, finished.response().httpStatus(), "the facts of the resolving GET");
    assertEquals(2, finished.response().attempts());
    assertEquals(word, sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), getLine(jobId)), sim.requestLines());
  }

  @Test
  void resolvedOutcomeCarriesTheCorrelationIdOfTheJob() {
    String jobId = sim.addJob("succeeded");
    ScaleCanceller canceller = canceller();

    CancelOutcome outcome = canceller.cancel(jobId);

    Object correlationId = canceller.status(jobId).attributes().get("correlation_id");
    assertNotNull(correlationId);
    assertEquals(correlationId, outcome.response().requestId());
  }

  @Test
  void resolvingGetThatKeepsFailingLeavesAlreadyFinishedUnknown() {
    String jobId = sim.addJob("failed");
    sim.delayNextHeaders(Duration.ZERO); // the cancel POST passes untouched
    sim.failNextWith503(3);

    CancelOutcome outcome = builder().maxAttempts(3).build().cancel(jobId);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertNull(finished.providerStatus());
    assertEquals(400, finished.response().httpStatus(), "the cancel's own answer stands");
    assertEquals(4, finished.response().attempts());
    assertEquals(
        List.of(cancelLine(jobId), getLine(jobId), getLine(jobId), getLine(jobId)), sim.requestLines());
  }

  // ---- lost answers ---------------------------------------------------------------------------

  @Test
  void lostAnswerIsRetriedAndTheIdempotent200SaysCancelled() {
    String jobId = sim.addJob("pending");
    sim.dropNextAnswer();

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals(200, done.response().httpStatus());
    assertEquals(2, done.response().attempts());
    assertEquals("cancelled", done.snapshot().orElseThrow().providerStatus());
    assertEquals("cancelled", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), cancelLine(jobId)), sim.requestLines());
  }

  @Test
  void lostAnswerForARunningJobCancelledAtOnceIsCancelledOnRetry() {
    sim.cancelAfterPolls(0);
    String jobId = sim.addJob("running");
    sim.dropNextAnswer();

    CancelOutcome outcome = canceller().cancel(jobId);

    // The lost answer was a 202; the retry meets the cancelled job and gets Dex's idempotent 200.
    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(2, outcome.response().attempts());
    assertEquals(List.of(cancelLine(jobId), cancelLine(jobId)), sim.requestLines());
  }

  // ---- credentials and projects ---------------------------------------------------------------

  @Test
  void wrongAccountIsAuthenticationFailureNamingTheAccountHeader() {
    String jobId = sim.addJob("pending");

    Failed failed =
        assertInstanceOf(
            Failed.class, builder().accountId("acct_someone_else").build().cancel(jobId));

    assertEquals(ErrorKind.AUTHENTICATION, failed.error().kind());
    assertTrue(
        failed.error().message().contains("Invalid or missing x-selected-account-id"),
        failed.error().message());
    assertEquals("pending", sim.status(jobId));
  }

  @Test
  void cancelWithAProjectIdReachesTheJobInThatProject() {
    String jobId = sim.addJob(OTHER_PROJECT, "job_other_1", "pending");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(OTHER_PROJECT, jobId));

    assertEquals(OTHER_PROJECT, done.snapshot().orElseThrow().attributes().get("project_id"));
    assertEquals("cancelled", sim.status(jobId));
    assertEquals(List.of(cancelLine(OTHER_PROJECT, jobId)), sim.requestLines());
  }

  @Test
  void theDefaultProjectDoesNotReachAJobOfAnotherProject() {
    String jobId = sim.addJob(OTHER_PROJECT, "job_other_2", "pending");

    assertInstanceOf(NotFound.class, canceller().cancel(jobId));

    assertEquals("pending", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  @Test
  void forProjectAwaitsAndReadsStatusInThatProject() {
    String jobId = sim.addJob(OTHER_PROJECT, "job_other_3", "running");
    ScaleCanceller other = canceller().forProject(OTHER_PROJECT);

    Cancelled done = assertInstanceOf(Cancelled.class, other.cancelAndAwait(jobId, AWAIT));
    JobSnapshot job = other.status(jobId);

    assertEquals(2, done.response().attempts());
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals(
        List.of(
            cancelLine(OTHER_PROJECT, jobId),
            getLine(OTHER_PROJECT, jobId),
            getLine(OTHER_PROJECT, jobId)),
        sim.requestLines());
    for (SimRequest r : sim.requests()) {
      assertEquals(sim.accountId(), r.getHeader("x-selected-account-id"));
    }
  }

  @Test
  void jobIdThatDexRejectsIsInvalidRequestWithTheValidationMessage() {
    Failed failed = assertInstanceOf(Failed.class, canceller().cancel("job with space"));

    assertEquals(ErrorKind.INVALID_REQUEST, failed.error().kind());
    assertEquals(422, failed.error().httpStatus());
    assertTrue(
        failed.error().message().contains("path.job_id: String should match pattern"),
        failed.error().message());
    assertEquals(1, failed.response().attempts());
    String path = sim.takeRequest().getPath();
    assertEquals("/v1/projects/" + sim.projectId() + "/jobs/job%20with%20space/cancel", path);
  }

  // ---- status ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("io.cancelkit.scale.ScaleMapperTest#dexWords")
  void statusMapsEachDexWord(String word, JobState state) {
    String jobId = sim.addJob(word);

    JobSnapshot job = canceller().status(jobId);

    assertEquals("scale", job.provider());
    assertEquals(jobId, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertNull(job.stage());
    assertNotNull(job.updatedAt());
    assertEquals("parse", job.attributes().get("operation"));
    SimRequest get = sim.takeRequest();
    assertEquals(getLine(jobId), get.getMethod() + " " + get.getPath());
    assertEquals(sim.apiKey(), get.getHeader("x-api-key"));
    assertEquals(sim.accountId(), get.getHeader("x-selected-account-id"));
    assertEquals(word, sim.status(jobId));
  }
}
