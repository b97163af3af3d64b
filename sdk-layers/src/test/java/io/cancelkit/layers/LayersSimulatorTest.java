package io.cancelkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.internal.VirtualClock;
import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import io.cancelkit.testkit.SimRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end: the real {@link LayersCanceller} against the stateful Layers simulator of
 * sdk-testkit, which keeps jobs, idempotency keys and ETags the way the Layers pages describe. What
 * every vendor shares (retries, lost answers, unknown jobs, wrong keys, ids) is {@link
 * LayersContractTest}'s.
 */
class LayersSimulatorTest {
  /** Virtual: polls at the default pace (2 s, 2.6 s, …) cost no real time. */
  private static final Duration AWAIT = Duration.ofMinutes(1);

  @AutoClose private final LayersSimulator sim = Simulators.layers();
  private final VirtualClock clock = new VirtualClock();

  private LayersCanceller.Builder builder() {
    return LayersCanceller.builder()
        .apiKey(sim.apiKey())
        .baseUrl(sim.baseUrl());
  }

  private LayersCanceller canceller() {
    return builder().build(clock);
  }

  private String runningJob() {
    return sim.addJob("content_generate", "rendering", "running");
  }

  private static String cancelLine(String jobId) {
    return "POST /v1/jobs/" + jobId + "/cancel";
  }

  private static String getLine(String jobId) {
    return "GET /v1/jobs/" + jobId;
  }

  /** The Idempotency-Key of every cancel POST the simulator saw, each checked to be a UUID. */
  private List<String> idempotencyKeys() {
    List<String> keys = new ArrayList<>();
    for (SimRequest r : sim.requests()) {
      if (!r.getMethod().equals("POST")) continue;
      String key = r.getHeader("Idempotency-Key");
      assertNotNull(key, "every cancel carries an Idempotency-Key");
      assertEquals(key, UUID.fromString(key).toString(), "Idempotency-Key is a UUID");
      keys.add(key);
    }
    return keys;
  }

  // ---- cancel, then await ---------------------------------------------------------------------

  @Test
  void runningJobIsPendingAfterCancelAndCancelledAfterAwait() {
    sim.cancelAfterPolls(2);
    String jobId = runningJob();
    LayersCanceller canceller = canceller();

    CancelPending pending = assertInstanceOf(CancelPending.class, canceller.cancel(jobId));
    assertEquals("layers", pending.provider());
    assertEquals(jobId, pending.jobId());
    assertEquals(202, pending.response().httpStatus());
    assertEquals(1, pending.response().attempts());
    assertTrue(pending.response().requestId().startsWith("req_"), pending.response().toString());
    assertEquals(Optional.empty(), pending.snapshot(), "a 202 carries no job");
    assertEquals("running", sim.status(jobId), "Layers stops the job asynchronously");

    Cancelled done = assertInstanceOf(Cancelled.class, canceller.cancelAndAwait(jobId, AWAIT));
    JobSnapshot job = done.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals("canceled", job.providerStatus());
    assertEquals("rendering", job.stage());
    assertEquals("content_generate", job.attributes().get("kind"));
    assertNotNull(job.updatedAt(), "finishedAt of the canceled job");
    assertEquals(200, done.response().httpStatus());
    assertEquals(3, done.response().attempts(), "its own cancel and the two polls");
    assertEquals("canceled", sim.status(jobId));

    assertEquals(
        List.of(cancelLine(jobId), cancelLine(jobId), getLine(jobId), getLine(jobId)),
        sim.requestLines());
    List<String> keys = idempotencyKeys();
    assertNotEquals(keys.get(0), keys.get(1), "two logical cancels, two Idempotency-Keys");
    for (SimRequest r : sim.requests()) {
      assertEquals("Bearer " + sim.apiKey(), r.getHeader("Authorization"));
    }
  }

  @Test
  void awaitSendsIfNoneMatchAndKeepsTheLastSnapshotWhenTheSimulatorAnswers304() {
    // Polls 1 and 2 see the job unchanged, poll 3 sees it canceled.
    sim.cancelAfterPolls(3);
    String jobId = runningJob();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    OkHttpClient recording =
        new OkHttpClient.Builder()
            .addNetworkInterceptor(
                chain -> {
                  Response response = chain.proceed(chain.request());
                  seen.add(response.code() + " " + response.header("ETag"));
                  return response;
                })
            .build();
    try {
      CancelOutcome outcome =
          builder().okHttpClient(recording).build(clock).cancelAndAwait(jobId, AWAIT);

      Cancelled done = assertInstanceOf(Cancelled.class, outcome);
      assertEquals("canceled", done.snapshot().orElseThrow().providerStatus());
      assertEquals(4, done.response().attempts());
      assertEquals(200, done.response().httpStatus());

      List<SimRequest> requests = sim.requests();
      assertEquals(4, requests.size());
      String etag = seen.get(1).substring("200 ".length());
      assertTrue(etag.startsWith("\""), "a strong ETag from the first poll: " + seen);
      assertEquals(List.of("202 null", "200 " + etag, "304 " + etag), seen.subList(0, 3));
      assertTrue(seen.get(3).startsWith("200 "), seen.toString());
      assertNotEquals("200 " + etag, seen.get(3), "the canceled job has a new ETag");
      assertNull(requests.get(1).getHeader("If-None-Match"), "the first poll has no ETag yet");
      assertEquals(etag, requests.get(2).getHeader("If-None-Match"));
      assertEquals(etag, requests.get(3).getHeader("If-None-Match"), "a 304 keeps the ETag");
    } finally {
      recording.dispatcher().executorService().shutdown();
      recording.connectionPool().evictAll();
    }
  }

  // ---- stages that refuse cancel, terminal jobs -----------------------------------------------

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    "project_ingest_github, opening_pr",
    "project_ingest_github, finalizing",
    "project_ingest_website, persisting",
    "ad_optimizer_run, applying_actions",
    "content_generate, finalizing",
    "marketing_bootstrap, drafting_plan",
    "marketing_bootstrap, queued_for_review"
  })
  void stageThatRefusesCancelIsNotCancellableWithThatStage(String kind, String stage) {
    String jobId = sim.addJob(kind, stage, "running");

    NotCancellable refused = assertInstanceOf(NotCancellable.class, canceller().cancel(jobId));

    assertEquals(stage, refused.stage());
    assertEquals("Job cannot be canceled during this stage.", refused.reason());
    assertEquals(409, refused.response().httpStatus());
    assertEquals(1, refused.response().attempts(), "a refusal is an answer, not retried");
    assertTrue(refused.response().requestId().startsWith("req_"));
    assertEquals("running", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  @Test
  void cancelAndAwaitReturnsTheRefusalAtOnceWithoutPolling() {
    String jobId = sim.addJob("project_ingest_github", "opening_pr", "running");

    NotCancellable refused =
        assertInstanceOf(NotCancellable.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals("opening_pr", refused.stage());
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  @Test
  void aRefusingStageAcceptsTheNextCancelOnceTheJobHasMovedOn() {
    String jobId = sim.addJob("project_ingest_github", "opening_pr", "running");
    LayersCanceller canceller = canceller();
    assertInstanceOf(NotCancellable.class, canceller.cancel(jobId));

    sim.setStage(jobId, "indexing");
    CancelOutcome second = canceller.cancel(jobId);

    // With the first cancel's key the simulator would replay the 409.
    assertInstanceOf(CancelPending.class, second);
    assertEquals(202, second.response().httpStatus());
    List<String> keys = idempotencyKeys();
    assertEquals(2, keys.size());
    assertNotEquals(keys.get(0), keys.get(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"completed, COMPLETED, ALREADY_COMPLETED", "failed, FAILED, ALREADY_FAILED"})
  void terminalJobIsAlreadyFinishedWithTheReason(String status, JobState state, String reason) {
    String jobId = sim.addJob("content_generate", "rendering", status);

    AlreadyFinished finished =
        assertInstanceOf(AlreadyFinished.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals(state, finished.finalState());
    assertEquals(reason, finished.providerStatus());
    assertEquals(200, finished.response().httpStatus());
    assertEquals(1, finished.response().attempts());
    assertEquals(status, sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId)), sim.requestLines());
  }

  // ---- lost answers and transient faults ------------------------------------------------------

  @Test
  void lostAnswerIsRetriedWithTheSameIdempotencyKeyAndGetsTheReplayedAnswer() {
    // The first POST cancels the job at once; only a replay can still say 202 afterwards: a fresh
    // key would meet the canceled job and get 200 ALREADY_CANCELED.
    sim.cancelAfterPolls(0);
    String jobId = runningJob();
    sim.dropNextAnswer();

    CancelOutcome outcome = canceller().cancel(jobId);

    CancelPending pending = assertInstanceOf(CancelPending.class, outcome);
    assertEquals(202, pending.response().httpStatus());
    assertEquals(2, pending.response().attempts());
    assertEquals("canceled", sim.status(jobId));
    assertEquals(List.of(cancelLine(jobId), cancelLine(jobId)), sim.requestLines());
    List<String> keys = idempotencyKeys();
    assertEquals(keys.get(0), keys.get(1), "the retry repeats the Idempotency-Key");
  }

  @Test
  void lostAnswerOfAPollIsRetriedAndTheAwaitStillEndsCancelled() {
    sim.cancelAfterPolls(2);
    String jobId = runningJob();
    sim.delayNextHeaders(Duration.ZERO); // the cancel POST passes untouched
    sim.dropNextAnswer(); // the first poll is seen, its answer lost

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancelAndAwait(jobId, AWAIT));

    assertEquals(3, done.response().attempts(), "POST, lost GET, retried GET");
    assertEquals(List.of(cancelLine(jobId), getLine(jobId), getLine(jobId)), sim.requestLines());
  }

  @Test
  void answerSlowerThanTheTimeoutIsTimeoutAndTheNextCancelFindsTheJobCanceled() {
    sim.cancelAfterPolls(0);
    String jobId = runningJob();
    // The one real wait of this module: an answer that never comes in time is OkHttp's call
    // timeout, a socket-level timer no engine clock drives.
    LayersCanceller slowToAnswer = builder().timeout(Duration.ofMillis(200)).build(clock);
    // Warm the JVM and the connection first, so that the 200 ms cover the POST, not class loading.
    assertEquals(JobState.RUNNING, slowToAnswer.status(jobId).state());
    sim.delayNextHeaders(Duration.ofMillis(600));

    CancelOutcome first = slowToAnswer.cancel(jobId);

    Failed failed = assertInstanceOf(Failed.class, first);
    assertEquals(ErrorKind.TIMEOUT, failed.error().kind());
    assertEquals(0, failed.response().httpStatus(), "no answer came");
    assertEquals(1, failed.response().attempts(), "no time left to retry");
    // TIMEOUT means "may or may not have acted": here the vendor did act.
    assertEquals("canceled", sim.status(jobId));
    assertInstanceOf(Cancelled.class, canceller().cancel(jobId));
  }

  // ---- credentials ----------------------------------------------------------------------------

  @Test
  void wrongKeyMakesStatusThrowAuthentication() {
    String jobId = runningJob();

    JobCancelException e =
        assertThrows(
            JobCancelException.class,
            () -> builder().apiKey("lp_wrong").build(clock).status(jobId));

    assertEquals(ErrorKind.AUTHENTICATION, e.error().kind());
    assertEquals("UNAUTHENTICATED", e.error().providerCode());
  }

  @Test
  void readOnlyKeyMayReadButNotCancel() {
    String jobId = runningJob();
    LayersCanceller readOnly = builder().apiKey(sim.readOnlyApiKey()).build(clock);

    Failed failed = assertInstanceOf(Failed.class, readOnly.cancel(jobId));
    JobSnapshot job = readOnly.status(jobId);

    assertEquals(ErrorKind.PERMISSION, failed.error().kind());
    assertEquals(403, failed.error().httpStatus());
    assertEquals("FORBIDDEN_SCOPE", failed.error().providerCode());
    assertEquals(JobState.RUNNING, job.state());
    assertEquals("running", sim.status(jobId));
  }

  // ---- status ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"running, RUNNING", "completed, COMPLETED", "failed, FAILED", "canceled, CANCELLED"})
  void statusMapsEachLayersWord(String word, JobState state) {
    String jobId = sim.addJob("appstore_ingest", "fetching_metadata", word);

    JobSnapshot job = canceller().status(jobId);

    assertEquals("layers", job.provider());
    assertEquals(jobId, job.jobId());
    assertEquals(state, job.state());
    assertEquals(word, job.providerStatus());
    assertEquals("fetching_metadata", job.stage());
    assertEquals("appstore_ingest", job.attributes().get("kind"));
    assertNotNull(job.updatedAt());
    SimRequest get = sim.takeRequest();
    assertEquals(getLine(jobId), get.getMethod() + " " + get.getPath());
    assertEquals("Bearer " + sim.apiKey(), get.getHeader("Authorization"));
    assertNull(get.getHeader("If-None-Match"), "status() has no ETag to send");
    assertEquals(word, sim.status(jobId), "reading does not change the job");
  }
}
