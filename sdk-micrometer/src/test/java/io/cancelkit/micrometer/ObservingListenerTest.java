package io.cancelkit.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelListener.Call;
import io.cancelkit.core.CancelListener.Operation;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.ResponseInfo;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Drives the listener's methods in the order the engine fires them, with no canceller. */
class ObservingListenerTest {
  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final ObservingListener listener =
      (ObservingListener) CancelkitObservations.listener(registry);

  @Test
  void retriedCancelIsOneObservationWithResendCountTwo() {
    Call call = new Call("layers", "job_1", Operation.CANCEL);
    listener.callStart(call);
    attempt(call, 1, 503, ErrorKind.PROVIDER_ERROR);
    listener.retry(call, Duration.ofMillis(5), "5xx");
    attempt(call, 2, 503, ErrorKind.PROVIDER_ERROR);
    listener.retry(call, Duration.ofMillis(10), "5xx");
    attempt(call, 3, 202, null);
    listener.callEnd(call, new CancelPending("layers", "job_1", info(202, "req_1", 3), null));

    assertThat(registry)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo("cancelkit.cancel")
        .hasContextualNameEqualTo("layers cancel")
        .hasBeenStarted()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("cancelkit.provider", "layers")
        .hasLowCardinalityKeyValue("cancelkit.outcome", "CancelPending")
        .hasLowCardinalityKeyValue("error.type", "none")
        .hasLowCardinalityKeyValue("http.request.resend_count", "2")
        .hasHighCardinalityKeyValue("cancelkit.job.id", "job_1")
        .hasHighCardinalityKeyValue("cancelkit.request.id", "req_1")
        .doesNotHaveLowCardinalityKeyValueWithKey("cancelkit.job.id")
        .doesNotHaveLowCardinalityKeyValueWithKey("cancelkit.request.id")
        .doesNotHaveError();
    assertEquals(0, listener.inFlight());
  }

  @Test
  void failedCancelCarriesErrorTypeAndRecordsTheErrorAsJobCancelException() {
    Call call = new Call("plangrep", "run_9", Operation.CANCEL);
    CancelError error = CancelError.of(ErrorKind.RATE_LIMITED, 429, "rate_limited", "slow down", "r7");
    listener.callStart(call);
    attempt(call, 1, 429, ErrorKind.RATE_LIMITED);
    listener.callEnd(call, new Failed("plangrep", "run_9", info(429, "r7", 1), error));

    assertThat(registry)
        .hasSingleObservationThat()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("cancelkit.outcome", "Failed")
        .hasLowCardinalityKeyValue("error.type", "RATE_LIMITED")
        .hasLowCardinalityKeyValue("http.request.resend_count", "0")
        .hasHighCardinalityKeyValue("cancelkit.request.id", "r7")
        .assertThatError()
        .isInstanceOfSatisfying(
            JobCancelException.class, e -> assertSame(error, e.error()));
  }

  @Test
  void networkFailureRecordsItsIoExceptionAsTheCause() {
    Call call = new Call("omni", "o1", Operation.CANCEL);
    IOException io = new IOException("connection reset");
    CancelError error =
        new CancelError(ErrorKind.NETWORK, 0, null, "no answer", null, null, Optional.of(io));
    listener.callStart(call);
    listener.callEnd(call, new Failed("omni", "o1", info(0, null, 1), error));

    assertThat(registry)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("error.type", "NETWORK")
        .doesNotHaveHighCardinalityKeyValueWithKey("cancelkit.request.id")
        .assertThatError()
        .isInstanceOf(JobCancelException.class)
        .hasCause(io);
  }

  @Test
  void vendorAnswerThatIsNotAFailureRecordsNoError() {
    Call call = new Call("layers", "gone", Operation.CANCEL);
    listener.callStart(call);
    listener.callEnd(call, new NotFound("layers", "gone", info(404, "req_404", 1)));

    assertThat(registry)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("cancelkit.outcome", "NotFound")
        .hasLowCardinalityKeyValue("error.type", "none")
        .doesNotHaveError();
  }

  @Test
  void settlingGetIsNotCountedAsAResend() {
    Call call = new Call("scale", "s1", Operation.CANCEL);
    listener.callStart(call);
    attempt(call, 1, 200, null);
    listener.settleStart(call);
    attempt(call, 2, 200, null);
    listener.settleEnd(call, snapshot("scale", "s1", JobState.CANCELLED));
    listener.callEnd(call, new Cancelled("scale", "s1", info(200, null, 2), null));

    assertThat(registry)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("cancelkit.outcome", "Cancelled")
        .hasLowCardinalityKeyValue("http.request.resend_count", "0");
  }

  @Test
  void statusReadIsAStatusObservationWithOutcomeJobSnapshot() {
    Call call = new Call("mogu", "m1", Operation.STATUS);
    listener.callStart(call);
    attempt(call, 1, 200, null);
    listener.statusEnd(call, snapshot("mogu", "m1", JobState.RUNNING), null);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("cancelkit.status")
        .hasContextualNameEqualTo("mogu status")
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("cancelkit.provider", "mogu")
        .hasLowCardinalityKeyValue("cancelkit.outcome", "JobSnapshot")
        .hasLowCardinalityKeyValue("error.type", "none")
        .hasLowCardinalityKeyValue("http.request.resend_count", "0")
        .hasHighCardinalityKeyValue("cancelkit.job.id", "m1")
        .doesNotHaveHighCardinalityKeyValueWithKey("cancelkit.request.id")
        .doesNotHaveError();
  }

  @Test
  void failedStatusIsOutcomeFailedWithItsErrorType() {
    Call call = new Call("mogu", "nope", Operation.STATUS);
    CancelError error = CancelError.of(ErrorKind.NOT_FOUND, 404, "not_found", "no such job", "q4");
    listener.callStart(call);
    attempt(call, 1, 503, ErrorKind.PROVIDER_ERROR);
    listener.retry(call, Duration.ZERO, "5xx");
    attempt(call, 2, 404, null);
    listener.statusEnd(call, null, error);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("cancelkit.outcome", "Failed")
        .hasLowCardinalityKeyValue("error.type", "NOT_FOUND")
        .hasLowCardinalityKeyValue("http.request.resend_count", "1")
        .hasHighCardinalityKeyValue("cancelkit.request.id", "q4")
        .assertThatError()
        .isInstanceOf(JobCancelException.class);
  }

  @Test
  void awaitCountsTheCancelsResendsButNotItsPolls() {
    Call call = new Call("layers", "job_2", Operation.AWAIT);
    listener.callStart(call);
    attempt(call, 1, 503, ErrorKind.PROVIDER_ERROR);
    listener.retry(call, Duration.ZERO, "5xx");
    attempt(call, 2, 202, null);
    // Each poll is a new request, and a poll's own retry is not a resend of the cancel.
    for (int poll = 1, attemptNo = 3; poll <= 3; poll++) {
      listener.pollStart(call, poll, Duration.ofMillis(10));
      attempt(call, attemptNo++, 503, ErrorKind.PROVIDER_ERROR);
      listener.retry(call, Duration.ZERO, "5xx");
      attempt(call, attemptNo++, 200, null);
      listener.pollEnd(call, poll, snapshot("layers", "job_2", JobState.RUNNING), null);
    }
    listener.callEnd(call, new Cancelled("layers", "job_2", info(200, "req_9", 8), null));

    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("cancelkit.await")
        .hasLowCardinalityKeyValue("cancelkit.outcome", "Cancelled")
        .hasLowCardinalityKeyValue("http.request.resend_count", "1");
  }

  @Test
  void eventsOfACallThatNeverStartedAreIgnored() {
    Call call = new Call("layers", "job_3", Operation.CANCEL);
    attempt(call, 1, 202, null);
    listener.retry(call, Duration.ZERO, "5xx");
    listener.settleStart(call);
    listener.pollStart(call, 1, Duration.ZERO);
    listener.callEnd(call, new CancelPending("layers", "job_3", info(202, null, 1), null));
    listener.statusEnd(call, snapshot("layers", "job_3", JobState.RUNNING), null);

    assertThat(registry).doesNotHaveAnyObservation();
    assertEquals(0, listener.inFlight());
  }

  @Test
  void secondEndOfACallIsIgnored() {
    Call call = new Call("layers", "job_4", Operation.CANCEL);
    listener.callStart(call);
    listener.callEnd(call, new CancelPending("layers", "job_4", info(202, null, 1), null));
    // TestObservationRegistry fails on an observation stopped twice; nothing may reach it.
    listener.callEnd(call, new CancelPending("layers", "job_4", info(202, null, 1), null));
    listener.statusEnd(call, snapshot("layers", "job_4", JobState.RUNNING), null);

    assertThat(registry).hasNumberOfObservationsEqualTo(1);
    assertEquals(0, listener.inFlight());
  }

  @Test
  void secondStartOfACallKeepsTheFirstObservation() {
    Call call = new Call("layers", "job_5", Operation.CANCEL);
    listener.callStart(call);
    listener.callStart(call);
    listener.callEnd(call, new CancelPending("layers", "job_5", info(202, null, 1), null));

    assertThat(registry).hasNumberOfObservationsEqualTo(1).hasSingleObservationThat().hasBeenStopped();
    assertEquals(0, listener.inFlight());
  }

  @Test
  void twoInterleavedCallsOfOneJobAreTwoObservations() {
    // Equal components, yet two calls: state is keyed by the Call's identity.
    Call first = new Call("layers", "job_6", Operation.CANCEL);
    Call second = new Call("layers", "job_6", Operation.CANCEL);
    listener.callStart(first);
    listener.callStart(second);
    attempt(first, 1, 503, ErrorKind.PROVIDER_ERROR);
    attempt(second, 1, 202, null);
    attempt(first, 2, 202, null);
    listener.callEnd(second, new CancelPending("layers", "job_6", info(202, "b", 1), null));
    listener.callEnd(first, new CancelPending("layers", "job_6", info(202, "a", 2), null));

    assertThat(registry)
        .hasNumberOfObservationsEqualTo(2)
        .hasAnObservation(
            o -> o.hasHighCardinalityKeyValue("cancelkit.request.id", "a")
                .hasLowCardinalityKeyValue("http.request.resend_count", "1"))
        .hasAnObservation(
            o -> o.hasHighCardinalityKeyValue("cancelkit.request.id", "b")
                .hasLowCardinalityKeyValue("http.request.resend_count", "0"));
    assertEquals(0, listener.inFlight());
  }

  @Test
  void observationStartedInTheCallersScopeIsItsChild() {
    Observation parent = Observation.start("http.server.requests", registry);
    Call call = new Call("layers", "job_7", Operation.CANCEL);
    Observation.Scope scope = parent.openScope();
    try {
      listener.callStart(call);
    } finally {
      scope.close();
    }
    listener.callEnd(call, new CancelPending("layers", "job_7", info(202, null, 1), null));
    parent.stop();

    assertThat(registry)
        .hasObservationWithNameEqualTo("cancelkit.cancel")
        .that()
        .hasParentObservationEqualTo(parent);
  }

  @Test
  void givenConventionRenamesAndAddsKeys() {
    CancelkitObservationConvention tenant =
        new DefaultCancelkitObservationConvention("myco.jobs") {
          @Override
          public KeyValues getLowCardinalityKeyValues(CancelkitObservationContext context) {
            return super.getLowCardinalityKeyValues(context).and("tenant", "blue");
          }
        };
    CancelListener renamed = CancelkitObservations.listener(registry, tenant);
    Call call = new Call("layers", "job_8", Operation.STATUS);
    renamed.callStart(call);
    renamed.statusEnd(call, snapshot("layers", "job_8", JobState.RUNNING), null);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("myco.jobs")
        .hasLowCardinalityKeyValue("tenant", "blue")
        .hasLowCardinalityKeyValue("cancelkit.outcome", "JobSnapshot");
  }

  @Test
  void registrysConventionIsUsedWhenNoneIsGiven() {
    registry.observationConfig().observationConvention(new ProviderOnly());
    Call call = new Call("omni", "o2", Operation.CANCEL);
    listener.callStart(call);
    listener.callEnd(call, new CancelPending("omni", "o2", info(202, null, 1), null));

    // The registry's convention replaces the default: its name stands, its key alone is set.
    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("cancelkit.cancel")
        .hasLowCardinalityKeyValue("vendor", "omni")
        .doesNotHaveLowCardinalityKeyValueWithKey("cancelkit.outcome");
  }

  @Test
  void registrysPredicateSeesEachObservationsName() {
    registry.observationConfig().observationPredicate((name, context) -> !"cancelkit.cancel".equals(name));
    Call cancel = new Call("layers", "job_9", Operation.CANCEL);
    Call status = new Call("layers", "job_9", Operation.STATUS);
    listener.callStart(cancel);
    listener.callEnd(cancel, new CancelPending("layers", "job_9", info(202, null, 1), null));
    listener.callStart(status);
    listener.statusEnd(status, snapshot("layers", "job_9", JobState.RUNNING), null);

    assertThat(registry)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo("cancelkit.status");
    assertEquals(0, listener.inFlight());
  }

  @Test
  void noopRegistryKeepsNoState() {
    ObservingListener noop = (ObservingListener) CancelkitObservations.listener(ObservationRegistry.NOOP);
    Call call = new Call("layers", "job_10", Operation.CANCEL);
    noop.callStart(call);
    assertEquals(0, noop.inFlight());
    noop.callEnd(call, new CancelPending("layers", "job_10", info(202, null, 1), null));
  }

  @Test
  void contextBeforeTheEndHasOnlyTheProviderAsLowCardinalityKey() {
    CancelkitObservationContext context =
        new CancelkitObservationContext(new Call("layers", "j", Operation.CANCEL));
    DefaultCancelkitObservationConvention convention = new DefaultCancelkitObservationConvention();

    assertEquals(
        KeyValues.of("cancelkit.provider", "layers"),
        convention.getLowCardinalityKeyValues(context));
    assertEquals(null, convention.getName());
    context.setStatus(null, CancelError.of(ErrorKind.TIMEOUT, 0, null, "timed out", null));
    assertInstanceOf(
        KeyValue.class,
        convention.getLowCardinalityKeyValues(context).stream()
            .filter(k -> k.getKey().equals("error.type") && k.getValue().equals("TIMEOUT"))
            .findFirst()
            .orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 15, 16, 40})
  void theEndsKeysAreTheSameWhetherTheirValuesAreMadeOnceOrNow(int resends) {
    CancelkitObservationContext context =
        new CancelkitObservationContext(new Call("mogu", "j", Operation.AWAIT));
    context.setResendCount(resends);
    context.setOutcome(new CancelPending("mogu", "j", info(202, "req_9", resends + 1), null));

    DefaultCancelkitObservationConvention convention = new DefaultCancelkitObservationConvention();

    assertEquals(
        KeyValues.of(
            "cancelkit.provider", "mogu",
            "cancelkit.outcome", "CancelPending",
            "error.type", "none",
            "http.request.resend_count", Integer.toString(resends)),
        convention.getLowCardinalityKeyValues(context));
    assertEquals(
        KeyValues.of("cancelkit.job.id", "j", "cancelkit.request.id", "req_9"),
        convention.getHighCardinalityKeyValues(context));
    assertEquals("mogu await", convention.getContextualName(context));
  }

  /** A registry-wide convention with one key of its own. */
  private static final class ProviderOnly
      implements CancelkitObservationConvention,
          GlobalObservationConvention<CancelkitObservationContext> {
    @Override
    public KeyValues getLowCardinalityKeyValues(CancelkitObservationContext context) {
      return KeyValues.of("vendor", context.call().provider());
    }
  }

  private void attempt(Call call, int attempt, int status, ErrorKind errorKind) {
    listener.attemptStart(call, "POST", "https://vendor.test/jobs/x", attempt);
    listener.attemptEnd(
        call, "POST", "https://vendor.test/jobs/x", attempt, status, Duration.ofMillis(3), errorKind);
  }

  private static ResponseInfo info(int status, String requestId, int attempts) {
    return new ResponseInfo(status, requestId, attempts);
  }

  private static JobSnapshot snapshot(String provider, String jobId, JobState state) {
    return new JobSnapshot(provider, jobId, state, state.name().toLowerCase(), null, null);
  }
}
