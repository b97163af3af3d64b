package io.cancelkit.testkit.contract;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotFound;
import io.cancelkit.testkit.VendorSimulator;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours that every vendor's {@link JobCanceller} shares, because the engine gives them,
 * tested once here and run by each vendor module against its simulator: retries of 429 and 503,
 * a lost answer, unknown jobs, a wrong key, what {@code toString} shows, the thread {@code
 * cancelAsync} completes on, and ids refused before any request.
 *
 * <p>A vendor module extends it in its tests, naming its simulator and how to add a running job
 * (one whose cancel is accepted) and a cancelled one; JUnit runs the inherited tests under the
 * subclass's name:
 *
 * <pre>{@code
 * class LayersContractTest extends CancellerContract<LayersSimulator> {
 *   LayersContractTest() {
 *     super(
 *         Simulators::layers,
 *         sim -> sim.addJob("content_generate", "rendering", "running"),
 *         sim -> sim.addJob("content_generate", "rendering", "canceled"));
 *   }
 * }
 * }</pre>
 *
 * <p>The canceller comes from the vendor's {@link CancellerProvider} (the one {@link
 * java.util.ServiceLoader} finds under the simulator's {@link VendorSimulator#provider() name}), fed
 * the simulator's {@link VendorSimulator#environment() environment}, with a 1 ms backoff and a 5 ms
 * poll interval so that no test waits long; override {@link #canceller} to build it otherwise. The
 * suite uses only the public API of sdk-core and the simulators, and needs JUnit Jupiter on the test
 * class path (sdk-testkit declares it optional). Each test gets a fresh simulator, closed after it.
 * Vendor-specific answers (stages that refuse, terminal jobs, scopes, ETags, idempotency keys) stay
 * in the vendor's own tests.
 *
 * @param <S> the vendor's simulator
 */
public abstract class CancellerContract<S extends VendorSimulator> {
  private static final String WRONG_KEY = "cancelkit_contract_wrong_key_7Qx";
  private static final Duration AWAIT = Duration.ofSeconds(10);

  private final Supplier<S> simulators;
  private final Function<S, String> runningJob;
  private final Function<S, String> cancelledJob;
  private S sim;

  /**
   * For subclasses.
   *
   * @param simulators starts a fresh simulator with its default settings, such as {@code
   *     Simulators::layers}
   * @param runningJob adds a job whose cancel is accepted to the simulator and returns its id
   * @param cancelledJob adds an already cancelled job to the simulator and returns its id
   */
  protected CancellerContract(
      Supplier<S> simulators, Function<S, String> runningJob, Function<S, String> cancelledJob) {
    this.simulators = Objects.requireNonNull(simulators, "simulators == null");
    this.runningJob = Objects.requireNonNull(runningJob, "runningJob == null");
    this.cancelledJob = Objects.requireNonNull(cancelledJob, "cancelledJob == null");
  }

  /**
   * A canceller of the vendor on {@code sim} with {@code apiKey}: by default the vendor's provider
   * built from the simulator's environment, with the backoff and poll interval cut to milliseconds.
   * An override must keep the other defaults: the suite relies on 3 attempts per call, the 30 s
   * timeout and the shared callback executor.
   *
   * @param sim the simulator this test started
   * @param apiKey the key to send: the simulator's own, or a wrong one for the 401 tests
   * @return a new canceller pointed at {@code sim}
   */
  protected JobCanceller canceller(S sim, String apiKey) {
    CancellerProvider provider =
        CancellerProvider.installed().stream()
            .filter(p -> p.name().equals(sim.provider()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no CancellerProvider named " + sim.provider()));
    Map<String, String> env = new HashMap<>(sim.environment());
    // The key is the one value equal to the simulator's key; a wrong key takes its place.
    env.replaceAll((name, value) -> value.equals(sim.apiKey()) ? apiKey : value);
    return provider.fromEnv(
        env::get, b -> b.initialBackoff(Duration.ofMillis(1)).pollInterval(Duration.ofMillis(5)));
  }

  /**
   * A well-formed id that {@code sim} knows no job by; by default a UUID no simulator generates.
   *
   * @param sim the simulator this test started
   * @return the id
   */
  protected String unknownJobId(S sim) {
    return "00000000-0000-4000-8000-000000000000";
  }

  /**
   * Ids that the canceller must refuse before sending anything: null, blank, longer than 256
   * characters, a dot segment, a control character, a slash. Override to replace {@code "a/b"}
   * where an id may name a scope (Scale's {@code project/job}).
   *
   * @return the ids; the list may hold null
   */
  protected List<String> malformedIds() {
    return Arrays.asList(null, "", " ", "j".repeat(257), ".", "..", "a\nb", "a\u0000b", "a/b");
  }

  @BeforeEach
  final void startSimulator() {
    sim = simulators.get();
  }

  @AfterEach
  final void stopSimulator() {
    sim.close();
  }

  private JobCanceller canceller() {
    return canceller(sim, sim.apiKey());
  }

  // ---- the happy path -------------------------------------------------------------------------

  @Test
  void cancelOfARunningJobIsAcceptedAndStatusThenReadsTheVendorsWord() {
    JobCanceller canceller = canceller();
    String jobId = runningJob.apply(sim);

    CancelOutcome outcome = canceller.cancel(jobId);
    JobSnapshot job = canceller.status(jobId);

    assertAccepted(outcome);
    assertEquals(sim.provider(), outcome.provider());
    assertEquals(jobId, outcome.jobId());
    assertEquals(1, outcome.response().attempts());
    assertEquals(2, outcome.response().httpStatus() / 100, outcome.toString());
    assertEquals(sim.provider(), job.provider());
    assertEquals(jobId, job.jobId());
    assertEquals(sim.status(jobId), job.providerStatus());
    // Every simulator's default carries an accepted cancel out by the first poll at the latest.
    assertEquals(JobState.CANCELLED, job.state(), job.toString());
    assertEquals(2, sim.requestCount());
  }

  @Test
  void cancelAndAwaitOfARunningJobEndsCancelled() {
    String jobId = runningJob.apply(sim);

    Cancelled done = assertInstanceOf(Cancelled.class, canceller().cancelAndAwait(jobId, AWAIT));

    JobSnapshot job = done.snapshot().orElseThrow();
    assertEquals(JobState.CANCELLED, job.state());
    assertEquals(sim.status(jobId), job.providerStatus());
    assertEquals(sim.requestCount(), done.response().attempts(), "every request counts");
  }

  @Test
  void cancelOfACancelledJobIsCancelled() {
    JobCanceller canceller = canceller();
    String jobId = cancelledJob.apply(sim);

    CancelOutcome outcome = canceller.cancel(jobId);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(JobState.CANCELLED, canceller.status(jobId).state());
  }

  // ---- retries --------------------------------------------------------------------------------

  @Test
  void rateLimitWithRetryAfterZeroIsRetriedOnceAndThenSucceeds() {
    String jobId = runningJob.apply(sim);
    sim.rateLimitNext(Duration.ZERO);

    CancelOutcome outcome = canceller().cancel(jobId);

    assertAccepted(outcome);
    assertEquals(2, outcome.response().attempts());
    assertEquals(2, sim.requestCount());
    assertEquals(1, sim.rateLimitedAnswers());
  }

  @Test
  void retryAfterPastTheDeadlineIsRateLimitedAtOnceWithTheHint() {
    String jobId = runningJob.apply(sim);
    String before = sim.status(jobId);
    sim.rateLimitNext(Duration.ofMinutes(2)); // past the 30 s timeout

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel(jobId));

    CancelError error = failed.error();
    assertEquals(ErrorKind.RATE_LIMITED, error.kind());
    assertEquals(429, error.httpStatus());
    assertEquals(Optional.of(Duration.ofMinutes(2)), error.retryAfter());
    assertTrue(error.message().contains("retries stopped"), error.message());
    assertEquals(1, failed.response().attempts(), "no retry that would start after the deadline");
    assertEquals(1, sim.requestCount());
    assertEquals(before, sim.status(jobId), "a limited request is not acted on");
  }

  @Test
  void two503sAreRetriedAndTheThirdAttemptSucceeds() {
    String jobId = runningJob.apply(sim);
    sim.failNextWith503(2);

    CancelOutcome outcome = canceller().cancel(jobId);

    assertAccepted(outcome);
    assertEquals(3, outcome.response().attempts());
    assertEquals(3, sim.requestCount());
  }

  @Test
  void three503sExhaustThreeAttemptsAsProviderErrorAndLeaveTheJobAlone() {
    String jobId = runningJob.apply(sim);
    String before = sim.status(jobId);
    sim.failNextWith503(3);

    Failed failed = assertInstanceOf(Failed.class, canceller().cancel(jobId));

    assertEquals(ErrorKind.PROVIDER_ERROR, failed.error().kind());
    assertEquals(503, failed.error().httpStatus());
    assertTrue(
        failed.error().message().endsWith(" (gave up after 3 attempts)"), failed.error().message());
    assertEquals(3, failed.response().attempts());
    assertEquals(3, sim.requestCount());
    assertEquals(before, sim.status(jobId), "a 503 is not acted on");
  }

  @Test
  void lostAnswerConvergesToTheOutcomeOfAnUndisturbedCancel() {
    assertLostAnswerConverges(canceller()::cancel);
  }

  @Test
  void lostAnswerOfAnAsyncCancelConvergesToTheOutcomeOfAnUndisturbedCancel() {
    JobCanceller canceller = canceller();
    assertLostAnswerConverges(jobId -> get(canceller.cancelAsync(jobId)));
  }

  /** A cancel whose answer is lost (the vendor acted) ends where an undisturbed one does. */
  private void assertLostAnswerConverges(Function<String, CancelOutcome> cancel) {
    String undisturbed = runningJob.apply(sim);
    CancelOutcome expected = cancel.apply(undisturbed);
    String jobId = runningJob.apply(sim);
    sim.dropNextAnswer();

    CancelOutcome outcome = cancel.apply(jobId);

    assertAccepted(expected);
    assertEquals(expected.getClass(), outcome.getClass(), outcome.toString());
    assertTrue(outcome.response().attempts() >= 2, "the lost answer was retried: " + outcome);
    assertEquals(sim.status(undisturbed), sim.status(jobId));
  }

  // ---- unknown jobs and wrong keys ------------------------------------------------------------

  @Test
  void statusOfAnUnknownJobThrowsNotFound() {
    JobCanceller canceller = canceller();
    String unknown = unknownJobId(sim);

    JobCancelException e = assertThrows(JobCancelException.class, () -> canceller.status(unknown));

    assertEquals(ErrorKind.NOT_FOUND, e.error().kind());
    assertEquals(404, e.error().httpStatus());
    assertEquals(1, sim.requestCount(), "a 404 is not retried");
  }

  @Test
  void cancelOfAnUnknownJobIsNotFoundAfterOneRequest() {
    String unknown = unknownJobId(sim);

    NotFound missing = assertInstanceOf(NotFound.class, canceller().cancel(unknown));

    assertEquals(unknown, missing.jobId());
    assertEquals(404, missing.response().httpStatus());
    assertEquals(1, missing.response().attempts());
    assertEquals(1, sim.requestCount(), "nothing to settle: no follow-up GET");
  }

  @Test
  void wrongKeyIsAuthenticationFailureAndTheKeyAppearsNowhere() {
    String jobId = runningJob.apply(sim);
    String before = sim.status(jobId);
    JobCanceller wrong = canceller(sim, WRONG_KEY);

    Failed failed = assertInstanceOf(Failed.class, wrong.cancel(jobId));

    assertEquals(ErrorKind.AUTHENTICATION, failed.error().kind());
    assertEquals(401, failed.error().httpStatus());
    assertEquals(1, failed.response().attempts(), "a 401 is not retried");
    assertEquals(before, sim.status(jobId));
    String sent = String.valueOf(sim.takeRequest().getHeaders().toMultimap());
    assertTrue(sent.contains(WRONG_KEY), "the wrong key was sent: " + sent);
    for (String text : List.of(failed.toString(), failed.error().message(), wrong.toString())) {
      assertFalse(text.contains(WRONG_KEY), text);
    }
  }

  @Test
  void toStringOfTheCancellerAndItsOutcomesHidesTheKey() {
    JobCanceller canceller = canceller();

    CancelOutcome outcome = canceller.cancel(runningJob.apply(sim));

    assertTrue(canceller.toString().startsWith(canceller.getClass().getSimpleName()));
    assertFalse(canceller.toString().contains(sim.apiKey()), canceller.toString());
    assertFalse(outcome.toString().contains(sim.apiKey()), outcome.toString());
  }

  // ---- threads and ids ------------------------------------------------------------------------

  @Test
  void cancelAsyncCompletesOnACancelkitCallbackThread() throws Exception {
    String jobId = runningJob.apply(sim);
    // Held back, so that the continuation is attached before the future completes: one attached
    // to a completed future would run on this thread.
    sim.delayNextHeaders(Duration.ofMillis(200));

    CompletableFuture<CancelOutcome> future = canceller().cancelAsync(jobId);
    CompletableFuture<String> thread = future.thenApply(o -> Thread.currentThread().getName());

    // Wait on the continuation, not on the future: a thread blocked in future.get() may run it.
    String name = thread.get(AWAIT.toSeconds(), SECONDS);
    assertTrue(name.startsWith("cancelkit-callback-"), name);
    assertAccepted(future.join());
  }

  @Test
  void malformedIdsAreRefusedBeforeAnyRequest() {
    JobCanceller canceller = canceller();

    for (String id : malformedIds()) {
      String what = "jobId " + (id == null ? "null" : "\"" + id + "\"");
      assertThrows(IllegalArgumentException.class, () -> canceller.cancel(id), what);
      assertThrows(IllegalArgumentException.class, () -> canceller.cancelAsync(id), what);
      assertThrows(IllegalArgumentException.class, () -> canceller.status(id), what);
      assertThrows(
          IllegalArgumentException.class, () -> canceller.cancelAndAwait(id, AWAIT), what);
    }
    assertEquals(0, sim.requestCount());
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static void assertAccepted(CancelOutcome outcome) {
    assertTrue(
        outcome instanceof CancelPending || outcome instanceof Cancelled,
        () -> "expected CancelPending or Cancelled: " + outcome);
  }

  private static CancelOutcome get(CompletableFuture<CancelOutcome> future) {
    try {
      return future.get(AWAIT.toSeconds(), SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("cancelAsync did not complete with an outcome", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
