package io.cancelkit.micrometer;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Starts an observation at each call's start and stops it at the call's end.
 *
 * <p>The observation is never opened in a scope: a call's events may run on several threads, and a
 * scope belongs to one. Its parent is the observation current where the call started.
 *
 * <p>A failed call (a {@code Failed} outcome, a status that could not be read) records an error on
 * its observation, always a {@link JobCancelException} carrying the call's {@link CancelError} (and
 * as its cause, for an I/O failure or a timeout, the exception behind it): a span is marked failed
 * and a timer's {@code error} tag says {@code JobCancelException} whether or not the caller saw an
 * exception, while {@code error.type} says which failure. Outcomes that are the vendor's answers
 * ({@code NotFound}, {@code NotCancellable}, ...) are not errors.
 */
final class ObservingListener implements CancelListener {
  // Named after their operation, so that the registry's predicates see each observation's name.
  private static final Map<Operation, DefaultCancelkitObservationConvention> DEFAULTS = defaults();

  private final ObservationRegistry registry;
  private final CancelkitObservationConvention customConvention;
  // Call's equals and hashCode are identity, so two calls of one job are two entries; an entry is
  // removed by its call's end, and a call that never started here has none.
  private final Map<Call, InFlight> inFlight = new ConcurrentHashMap<>();

  /** {@code customConvention} null: the registry's convention, else the default. */
  ObservingListener(ObservationRegistry registry, CancelkitObservationConvention customConvention) {
    this.registry = registry;
    this.customConvention = customConvention;
  }

  private static Map<Operation, DefaultCancelkitObservationConvention> defaults() {
    Map<Operation, DefaultCancelkitObservationConvention> defaults = new EnumMap<>(Operation.class);
    for (Operation operation : Operation.values()) {
      String name = CancelkitObservationDocumentation.of(operation).getName();
      defaults.put(operation, new DefaultCancelkitObservationConvention(name));
    }
    return defaults;
  }

  /** The calls started and not yet ended; for tests. */
  int inFlight() {
    return inFlight.size();
  }

  @Override
  public void callStart(Call call) {
    if (registry.isNoop() || inFlight.containsKey(call)) return;
    CancelkitObservationContext context = new CancelkitObservationContext(call);
    // Micrometer's precedence: the convention given here, else the registry's, else the default.
    Observation observation =
        CancelkitObservationDocumentation.of(call.operation())
            .observation(customConvention, DEFAULTS.get(call.operation()), () -> context, registry);
    if (observation.isNoop()) return;
    inFlight.put(call, new InFlight(observation.start(), context));
  }

  @Override
  public void attemptStart(Call call, String method, String url, int attempt) {
    InFlight state = inFlight.get(call);
    if (state != null && !state.ownRequestDone) {
      state.ownAttempts = Math.max(state.ownAttempts, attempt);
    }
  }

  @Override
  public void settleStart(Call call) {
    ownRequestDone(call);
  }

  @Override
  public void pollStart(Call call, int poll, Duration delay) {
    ownRequestDone(call);
  }

  @Override
  public void callEnd(Call call, CancelOutcome outcome) {
    end(call, context -> context.setOutcome(outcome));
  }

  @Override
  public void statusEnd(Call call, JobSnapshot snapshot, CancelError error) {
    end(call, context -> context.setStatus(snapshot, error));
  }

  /** The attempts that follow are the settling GET's or the polls', not resends. */
  private void ownRequestDone(Call call) {
    InFlight state = inFlight.get(call);
    if (state != null) state.ownRequestDone = true;
  }

  private void end(Call call, Consumer<CancelkitObservationContext> ending) {
    InFlight state = inFlight.remove(call);
    if (state == null) return; // never started here, or ended already
    try {
      state.context.setResendCount(Math.max(0, state.ownAttempts - 1));
      ending.accept(state.context);
      CancelError error = state.context.cancelError();
      if (error != null) state.observation.error(new JobCancelException(error));
    } finally {
      state.observation.stop();
    }
  }

  /** One call's observation and what its events told so far. */
  private static final class InFlight {
    final Observation observation;
    final CancelkitObservationContext context;
    // One call's events come one after another, but maybe on different threads.
    volatile int ownAttempts;
    volatile boolean ownRequestDone;

    InFlight(Observation observation, CancelkitObservationContext context) {
      this.observation = observation;
      this.context = context;
    }
  }
}
