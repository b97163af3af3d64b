package io.cancelkit.micrometer;

import static io.cancelkit.micrometer.CancelkitObservationDocumentation.HighCardinalityKeys.JOB_ID;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.HighCardinalityKeys.REQUEST_ID;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.ERROR_TYPE;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.OUTCOME;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.PROVIDER;
import static io.cancelkit.micrometer.CancelkitObservationDocumentation.LowCardinalityKeys.RESEND_COUNT;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelListener.Operation;
import io.cancelkit.core.ErrorKind;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    return Provider.of(call.provider()).names[call.operation().ordinal()];
  }

  /**
   * The provider; once the call ended, also the outcome, the error type and the resend count, whose
   * values are bounded: six outcome types and {@code JobSnapshot}, the {@code ErrorKind} names and
   * {@code none}, and 0 to {@code maxAttempts − 1}.
   */
  @Override
  public KeyValues getLowCardinalityKeyValues(CancelkitObservationContext context) {
    KeyValue provider = Provider.of(context.call().provider()).key;
    if (!context.hasEnded()) return KeyValues.of(provider);
    CancelError error = context.cancelError();
    int resends = context.resendCount();
    return KeyValues.of(
        provider,
        outcome(context),
        error != null ? ERROR_TYPES.get(error.kind()) : NO_ERROR_TYPE,
        resends < RESEND_COUNTS.length ? RESEND_COUNTS[resends] : RESEND_COUNT.withValue(Integer.toString(resends)));
  }

  /** The job id; once the call ended, the request id where the vendor gave one. */
  @Override
  public KeyValues getHighCardinalityKeyValues(CancelkitObservationContext context) {
    KeyValue job = JOB_ID.withValue(context.call().jobId());
    String requestId = context.requestId();
    return requestId != null ? KeyValues.of(job, REQUEST_ID.withValue(requestId)) : KeyValues.of(job);
  }

  /** The outcome record's simple name; for a status call {@code JobSnapshot} or {@code Failed}. */
  private static KeyValue outcome(CancelkitObservationContext context) {
    if (context.outcome() != null) return OUTCOMES.get(context.outcome().getClass());
    return context.snapshot() != null ? SNAPSHOT_OUTCOME : FAILED_OUTCOME;
  }

  /*
   * The low-cardinality values are few, so each is made once: the keys of a call then cost an array,
   * not a key value, a string and a merge per key.
   */

  private static final ClassValue<KeyValue> OUTCOMES =
      new ClassValue<>() {
        @Override
        protected KeyValue computeValue(Class<?> type) {
          return OUTCOME.withValue(type.getSimpleName());
        }
      };

  private static final KeyValue SNAPSHOT_OUTCOME = OUTCOME.withValue("JobSnapshot");
  private static final KeyValue FAILED_OUTCOME = OUTCOME.withValue("Failed");
  private static final KeyValue NO_ERROR_TYPE = ERROR_TYPE.withValue(KeyValue.NONE_VALUE);
  private static final Map<ErrorKind, KeyValue> ERROR_TYPES = errorTypes();
  /** Resend counts up to a generous maxAttempts; a larger one is made when it happens. */
  private static final KeyValue[] RESEND_COUNTS = resendCounts(16);

  private static Map<ErrorKind, KeyValue> errorTypes() {
    Map<ErrorKind, KeyValue> types = new EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) types.put(kind, ERROR_TYPE.withValue(kind.name()));
    return types;
  }

  private static KeyValue[] resendCounts(int n) {
    KeyValue[] counts = new KeyValue[n];
    for (int i = 0; i < n; i++) counts[i] = RESEND_COUNT.withValue(Integer.toString(i));
    return counts;
  }

  /** One provider's key value and contextual names (by operation), made on its first call. */
  private static final class Provider {
    private static final Map<String, Provider> BY_NAME = new ConcurrentHashMap<>();

    final KeyValue key;
    final String[] names;

    private Provider(String provider) {
      this.key = PROVIDER.withValue(provider);
      Operation[] operations = Operation.values();
      this.names = new String[operations.length];
      for (Operation o : operations) {
        names[o.ordinal()] = provider + " " + o.name().toLowerCase(Locale.ROOT);
      }
    }

    static Provider of(String provider) {
      return BY_NAME.computeIfAbsent(provider, Provider::new);
    }
  }
}
