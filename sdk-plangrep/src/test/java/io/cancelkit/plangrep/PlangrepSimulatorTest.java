package io.cancelkit.plangrep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.testkit.PlangrepSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.cancelkit.testkit.SimRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: the real {@link PlangrepCanceller} against the stateful Plangrep simulator of
 * sdk-testkit, which answers a cancel of a terminal job with 409 {@code job_not_cancellable}. What
 * every vendor shares (retries, lost answers, unknown jobs, wrong keys, ids) is {@link
 * PlangrepContractTest}'s.
 */
class PlangrepSimulatorTest {
  private static final Duration AWAIT = Duration.ofSeconds(5);

  @AutoClose private final PlangrepSimulator sim = Simulators.plangrep();

  private PlangrepCanceller.Builder builder() {
    return PlangrepCanceller.builder()
        .apiKey(sim.apiKey())
        .baseUrl(sim.baseUrl())
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(5));
  }

  private PlangrepCanceller canceller() {
    return builder().build();
  }

  private static String cancelLine(String jobId) {
    return "POST /api/open/v1/jobs/" + jobId + "/cancel";
  }

  private static String getLine(String jobId) {
    return "GET /api/open/v1/jobs/" + jobId;
  }

  // ---- cancel, then await ---------------------------------------------------------------------

  @Test
  void processingJobIsCancelledAtOnceWithTheJobFromTheAnswer() {
    String jobId = sim.addJob("processing");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals("plangrep", done.provider());
    assertEquals(jobId, done.jobId());
    assertEquals(200, done.response().httpStatus());
    assertEquals(1, done.response().attempts());
    JobSnapshot job = done.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("cancelled", job.providerStatus());
    assertNotNull(job.updatedAt());
    PlangrepCanceller.Usage usage = PlangrepCanceller.usage(job);
    assertEquals(OptionalLong.of(24), usage.pageCount());
    assertEquals(OptionalLong.of(10), usage.successfulPageCount(), "pages done before the cancel");
    assertEquals("cancelled", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
    SimRequest post = sim.takeRequest();
    assertEquals("Bearer " + sim.apiKey(), post.getHeader("Authorization"));
    assertEquals(0, post.getBodySize(), "the cancel takes no body");
  }

  @Test
  void cancelThatPlangrepCarriesOutLaterIsPendingThenAwaitSeesItCancelled() {
    sim.cancelAfterPolls(2);
    String jobId = sim.addJob("processing");
    PlangrepCanceller canceller = canceller();

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller.cancel(jobId));
    assertEquals(200, pending.response().httpStatus());
    assertEquals(1, pending.response().attempts());
    JobSnapshot before = pending.snapshot().orElseThrow();
    assertEquals(JobState.RUNNING, before.state());
    assertEquals("processing", before.providerStatus());
    assertEquals("processing", sim.status(jobId));

    Cancelled done = assertInstanceOf(Cancelled.class, canceller.cancelAndAwait(jobId, AWAIT));
    assertEquals("cancelled", done.snapshot().orElseThrow().providerStatus());
    assertEquals(200, done.response().httpStatus());
    assertEquals(3, done.response().attempts(), "its own cancel and the two polls");
    assertEquals("cancelled", sim.status(jobId));
    assertEquals(
        List.of(cancelLine(jobId), cancelLine(jobId), getLine(jobId), getLine(jobId)),
        sim.requestLines());
  }

  @Test
  void queuedJobIsPendingWhileStillQueued() {
    sim.cancelAfterPolls(1);
    String jobId = sim.addJob("awaiting_uploads");

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller().cancel(jobId));

    JobSnapshot job = pending.snapshot().orElseThrow();
    assertEquals(JobState.QUEUED, job.state());
    assertEquals("awaiting_uploads", job.providerStatus());
    assertEquals(OptionalLong.empty(), PlangrepCanceller.usage(job).pageCount());
  }

  // ---- terminal jobs: the 409 is settled by one GET --------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"completed", "completed_with_errors", "failed", "expired"})
  void terminalJobIsAlreadyFinishedInTheStateTheSettlingGetReads(String word) {
    String jobId = sim.addJob(word);

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals(PlangrepMapper.state(word), finished.finalState());
    assertEquals(word, finished.providerStatus());
    assertEquals(200, finished.response().httpStatus(), "the facts of the settling GET");
    assertEquals(2, finished.response().attempts());
    assertEquals(word, sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), getLine(jobId)), sim.requestLines());
  }

  @Test
  void alreadyCancelledJobIsCancelledThroughTheSettlingGet() {
    String jobId = sim.addJob("cancelled");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals("cancelled", done.snapshot().orElseThrow().providerStatus());
    assertEquals(2, done.response().attempts());
    assertEquals(List.of(cancelLine(jobId), getLine(jobId)), sim.requestLines());
  }

  // ---- lost answers and transient faults ------------------------------------------------------

  @Test
  void lostAnswerIsRetriedAndTheTerminalErrorIsSettledAsCancelled() {
    String jobId = sim.addJob("processing");
    sim.dropNextAnswer();

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancel(jobId));

    assertEquals("cancelled", done.snapshot().orElseThrow().providerStatus());
    assertEquals(3, done.response().attempts(), "lost POST, 409 POST, settling GET");
    assertEquals(200, done.response().httpStatus());
    assertEquals("cancelled", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), cancelLine(jobId), getLine(jobId)), sim.requestLines());
  }

  @Test
  void lostAnswerOfTheSettlingGetIsRetried() {
    String jobId = sim.addJob("completed");
    sim.delayNextHeaders(Duration.ZERO); // the cancel POST passes untouched
    sim.dropNextAnswer(); // the settling GET's answer is lost

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, canceller().cancel(jobId));

    assertEquals(JobState.COMPLETED, finished.finalState());
    assertEquals(3, finished.response().attempts());
    assertEquals(List.of(cancelLine(jobId), getLine(jobId), getLine(jobId)), sim.requestLines());
  }

  @Test
  void settlingGetThatKeepsFailingLeavesAlreadyFinishedUnknown() {
    String jobId = sim.addJob("failed");
    sim.delayNextHeaders(Duration.ZERO);
    sim.failNextWith503(3);

    CancelOutcome outcome = builder().maxAttempts(3).build().cancel(jobId);

    AlreadyFinished finished = assertInstanceOf(AlreadyFinished.class, outcome);
    assertEquals(JobState.UNKNOWN, finished.finalState());
    assertNull(finished.providerStatus());
    assertEquals(409, finished.response().httpStatus(), "the cancel's own answer stands");
    assertEquals(4, finished.response().attempts());
  }

  @Test
  void manyConcurrentAsyncCancelsEachEndCancelled() throws Exception {
    PlangrepCanceller canceller = canceller();
    List<String> jobIds = new ArrayList<>();
    for (int i = 0; i < 20; i++) jobIds.add(sim.addJob("processing"));

    List<CompletableFuture<CancelOutcome>> futures = new ArrayList<>();
    for (String jobId : jobIds) futures.add(canceller.cancelAsync(jobId));

    for (int i = 0; i < jobIds.size(); i++) {
      CancelOutcome outcome = futures.get(i).get(5, TimeUnit.SECONDS);
      assertInstanceOf(Cancelled.class, outcome);
      assertEquals(jobIds.get(i), outcome.jobId());
      assertEquals("cancelled", sim.status(jobIds.get(i)));
    }
    assertEquals(20, sim.requestCount());
  }

  @Test
  void baseUrlWithATrailingSlashKeepsThePrefix() {
    String jobId = sim.addJob("processing");

    CancelOutcome outcome = builder().baseUrl(sim.baseUrl() + "/").build().cancel(jobId);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  // ---- status ---------------------------------------------------------------------------------

  // The word table is PlangrepMapperTest's; this checks the simulator speaks every documented word.
  @ParameterizedTest(name = "{0}")
  @FieldSource("io.cancelkit.testkit.PlangrepSimulator#STATUSES")
  void statusReadsEachDocumentedWordFromTheSimulator(String word) {
    String jobId = sim.addJob(word);

    JobSnapshot job = canceller().status(jobId);

    assertEquals("plangrep", job.provider());
    assertEquals(jobId, job.jobId());
    assertEquals(PlangrepMapper.state(word), job.state());
    assertNotEquals(JobState.UNKNOWN, job.state());
    assertEquals(word, job.providerStatus());
    assertNull(job.stage(), "Plangrep reports no stage");
    assertNotNull(job.updatedAt());
    assertEquals(jobId, job.attributes().get("id"));
    SimRequest get = sim.takeRequest();
    assertEquals(getLine(jobId), get.getMethod() + " " + get.getPath());
    assertEquals("Bearer " + sim.apiKey(), get.getHeader("Authorization"));
    assertEquals(word, sim.status(jobId));
  }
}
