package io.cancelkit.mogu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.internal.VirtualClock;
import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.List;
import io.cancelkit.testkit.SimRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end: the real {@link MoguCanceller} against the stateful Mogu simulator of sdk-testkit,
 * whose status endpoint is public and whose cancel refuses a finished job with {@code
 * job_not_cancelable}. What every vendor shares (retries, lost answers, unknown jobs, wrong keys,
 * ids) is {@link MoguContractTest}'s.
 */
class MoguSimulatorTest {
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

  @AutoClose private final MoguSimulator sim = Simulators.mogu();

  // Backoffs and polls at their defaults, on virtual time: no test waits for them for real.
  private final VirtualClock clock = new VirtualClock();

  private MoguCanceller.Builder builder() {
    return MoguCanceller.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl());
  }

  private MoguCanceller canceller() {
    return builder().build(clock);
  }

  private String processingJob() {
    return sim.addJob("processing", "generatingBlocks");
  }

  private static String cancelLine(String jobId) {
    return "POST /ai/trips/" + jobId + "/actions/cancel";
  }

  private static String getLine(String jobId) {
    return "GET /ai/trips/" + jobId + "/status";
  }

  /** Checks that the key went with every cancel and with no status GET. */
  private void assertKeyOnlyOnCancels() {
    for (SimRequest r : sim.requests()) {
      if (r.getMethod().equals("POST")) {
        assertEquals("Bearer " + sim.apiKey(), r.getHeader("Authorization"), r.getPath());
      } else {
        assertNull(r.getHeader("Authorization"), "the public status GET gets no key");
      }
    }
  }

  // ---- cancel, then await ---------------------------------------------------------------------

  @Test
  void processingJobIsCancelledAtOnceWithTheJobFromTheAnswer() {
    String jobId = processingJob();

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals("mogu", done.provider());
    assertEquals(200, done.response().httpStatus());
    assertEquals(1, done.response().attempts());
    JobSnapshot job = done.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("canceled", job.providerStatus());
    assertEquals("generatingBlocks", job.stage());
    assertNotNull(job.updatedAt());
    assertEquals("canceled", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
    assertKeyOnlyOnCancels();
  }

  @Test
  void cancelThatMoguCarriesOutLaterIsPendingThenAwaitSeesItCanceled() {
    sim.cancelAfterPolls(2);
    String jobId = processingJob();
    MoguCanceller canceller = canceller();

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller.cancel(jobId));
    assertEquals(200, pending.response().httpStatus());
    assertEquals(1, pending.response().attempts());
    JobSnapshot before = pending.snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, before.state());
    assertEquals("processing", before.providerStatus());
    assertEquals("processing", sim.status(jobId));

    Cancelled done = assertInstanceOf(Cancelled.class, canceller.cancelAndAwait(jobId, AWAIT));
    assertEquals("canceled", done.snapshot().orElseThrow().providerStatus());
    assertEquals(200, done.response().httpStatus());
    assertEquals(3, done.response().attempts(), "its own cancel and the two polls");
    assertEquals("canceled", sim.status(jobId));
    assertEquals(
        List.of(cancelLine(jobId), cancelLine(jobId), getLine(jobId), getLine(jobId)),
        sim.requestLines());
    assertKeyOnlyOnCancels();
  }

  // ---- finished jobs: job_not_cancelable is resolved by one public GET ------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource({"completed, completed, COMPLETED", "error, extractingText, FAILED"})
  void finishedJobIsAlreadyFinishedInTheStateTheResolvingGetReads(
      String word, String stage, JobState state) {
    String jobId = sim.addJob(word, stage);

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals(state, finished.finalState());
    assertEquals(word, finished.providerStatus());
    assertEquals(200, finished.response().httpStatus(), "the facts of the resolving GET");
    assertEquals(2, finished.response().attempts());
    assertEquals(word, sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), getLine(jobId)), sim.requestLines());
    assertKeyOnlyOnCancels();
  }

  @Test
  void alreadyCanceledJobIsCancelledThroughTheResolvingGet() {
    String jobId = sim.addJob("canceled", "enrichingBlocks");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals("canceled", done.snapshot().orElseThrow().providerStatus());
    assertEquals(2, done.response().attempts());
    assertEquals(List.of(cancelLine(jobId), getLine(jobId)), sim.requestLines());
  }

  // ---- lost answers and transient faults ------------------------------------------------------

  @Test
  void lostAnswerIsRetriedAndJobNotCancelableIsResolvedToCancelled() {
    String jobId = processingJob();
    sim.dropNextAnswer();

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals("canceled", done.snapshot().orElseThrow().providerStatus());
    assertEquals(3, done.response().attempts(), "lost POST, 400 POST, resolving GET");
    assertEquals(200, done.response().httpStatus());
    assertEquals("canceled", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), cancelLine(jobId), getLine(jobId)), sim.requestLines());
    assertKeyOnlyOnCancels();
  }

  @Test
  void lostAnswerOfTheResolvingGetIsRetried() {
    String jobId = sim.addJob("completed", "completed");
    sim.delayNextHeaders(Duration.ZERO); // the cancel POST passes untouched
    sim.dropNextAnswer(); // the resolving GET's answer is lost

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, canceller().cancel(jobId));

    assertEquals(JobState.COMPLETED, finished.finalState());
    assertEquals(3, finished.response().attempts());
    assertEquals(List.of(cancelLine(jobId), getLine(jobId), getLine(jobId)), sim.requestLines());
  }

  @Test
  void resolvingGetThatKeepsFailingLeavesAlreadyFinishedUnknown() {
    String jobId = sim.addJob("error", "extractingText");
    sim.delayNextHeaders(Duration.ZERO);
    sim.failNextWith503(3);

    CancelOutcome outcome = builder().maxAttempts(3).build(clock).cancel(jobId);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertEquals(400, finished.response().httpStatus(), "the cancel's own answer stands");
    assertEquals(4, finished.response().attempts());
  }

  // ---- credentials and unknown jobs -----------------------------------------------------------

  @Test
  void anotherAgentsKeyFindsNoSuchJobAndLeavesItRunning() {
    String jobId = processingJob();

    CancelOutcome outcome = builder().apiKey(sim.otherApiKey()).build(clock).cancel(jobId);

    NotFound missing = assertInstanceOf(NotFound.class, outcome);
    assertEquals(404, missing.response().httpStatus());
    assertEquals(1, missing.response().attempts());
    assertEquals("processing", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  @Test
  void statusIsPublicSoItWorksWhateverTheKey() {
    String jobId = processingJob();

    JobSnapshot job = builder().apiKey("ak_test_not_the_right_key").build(clock).status(jobId);

    assertEquals(JobState.RUNNING, job.state());
    assertNull(sim.takeRequest().getHeader("Authorization"));
  }

  @Test
  void aTripIdIsNotAJobIdAndIsNotFound() {
    MoguCanceller canceller = canceller();

    assertInstanceOf(NotFound.class, canceller.cancel("4001"));
    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller.status("4001"));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(2, sim.requestCount());
  }

  // ---- status ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "processing, enrichingBlocks, RUNNING",
    "completed, completed, COMPLETED",
    "error, extractingText, FAILED",
    "canceled, initializing, CANCELLED"
  })
  void statusMapsEachMoguWord(String word, String stage, JobState state) {
    String jobId = sim.addJob(word, stage);

    JobSnapshot job = canceller().status(jobId);

    assertEquals("mogu", job.provider());
    assertEquals(jobId, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertEquals(stage, job.stage());
    assertNotNull(job.updatedAt());
    assertEquals(jobId, job.attributes().get("jobId"));
    SimRequest get = sim.takeRequest();
    assertEquals(getLine(jobId), get.getMethod() + " " + get.getPath());
    assertNull(get.getHeader("Authorization"), "the status endpoint is public");
    assertEquals(word, sim.status(jobId));
  }
}
