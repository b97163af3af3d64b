package io.cancelkit.micrometer;

import static io.cancelkit.micrometer.CancelkitObservationDocumentation.HighCardinalityKeys.JOB_ID;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.HighCardinalityKeys.REQUEST_ID;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.ERROR_TYPE;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.OUTCOME;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.PROVIDER;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.RESEND_COUNT;

import io.cancelkit.core.CancelListener;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The keys that {@link CancelkitObservationDocumentation} lists: from the start {@code
 * cancelkit.provider} and the high-cardinality {@code cancelkit.job.id}; from the end {@code
 * cancelkit.outcome}, {@code error.type}, {@code http.request.resend_count} and, when the vendor
 * gave one, the high-cardinality {@code cancelkit.request.id}. The contextual name, a span's name,
 * is the provider and the operation, such as {@code "layers cancel"}.
 *
 * <p>Extend it to add keys: call {@code super} and {@code and(..)} the result. Instances are
 * immutable and thread-safe.
 */
public class DefaultCancelkitObservationConvention implements CancelkitObservationConvention {
  private final String name;

  /** Keeps each observation's name: {@code cancelkit.cancel}, {@code .status} or {@code .await}. */
  public DefaultCancelkitObservationConvention() {
    this.name = null;
  }

  /**
   * Names every observation {@code name}, whatever its operation.
   *
   * @param name the observation name, such as {@code jobs.cancel}
   * @throws IllegalArgumentException if {@code name} is null or blank
   */
  public DefaultCancelkitObservationConvention(String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("name is blank");
    this.name = name;
  }

  /**
   * The name given to the constructor; null for the no-argument one, which keeps the operation's
   * name.
   */
  @Override
  public String getName() {
    return name;
  }

  /** {@code "layers cancel"}, {@code "mogu status"}: the provider and the operation. */
  @Override
  public String getContextualName(CancelkitObservationContext context) {
    CancelListener.Call call = context.call();
    return call.provider() + " " + call.operation().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The provider; once the call ended, also the outcome, the error type and the resend count, whose
   * values are bounded: six outcome types and {@code JobSnapshot}, the {@code ErrorKind} names and
   * {@code none}, and 0 to {@code maxAttempts − 1}.
   */
  @Override
  public KeyValues getLowCardinalityKeyValues(CancelkitObservationContext context) {
    KeyValues keys = KeyValues.of(PROVIDER.withValue(context.call().provider()));
    if (!context.hasEnded()) return keys;
    return keys.and(
        OUTCOME.withValue(outcome(context)),
        ERROR_TYPE.withValue(
            context.cancelError() != null ? context.cancelError().kind().name() : KeyValue.NONE_VALUE),
        RESEND_COUNT.withValue(Integer.toString(context.resendCount())));
  }

  /** The job id; once the call ended, the request id where the vendor gave one. */
  @Override
  public KeyValues getHighCardinalityKeyValues(CancelkitObservationContext context) {
    KeyValues keys = KeyValues.of(JOB_ID.withValue(context.call().jobId()));
    String requestId = context.requestId();
    return requestId != null ? keys.and(REQUEST_ID.withValue(requestId)) : keys;
  }

  /** The outcome record's simple name; for a status call {@code JobSnapshot} or {@code Failed}. */
  private static String outcome(CancelkitObservationContext context) {
    if (context.outcome() != null) return context.outcome().getClass().getSimpleName();
    return context.snapshot() != null ? "JobSnapshot" : "Failed";
  }
}
