package io.cancelkit.micrometer;

import io.cancelkit.core.CancelListener;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of cancelkit calls, one per {@link CancelListener.Operation}, and their keys, as
 * Micrometer instrumentations document theirs.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>cardinality</th><th>value</th></tr>
 *   <tr><td>{@code cancelkit.provider}</td><td>low</td><td>the vendor, e.g. {@code layers}</td></tr>
 *   <tr><td>{@code cancelkit.outcome}</td><td>low</td><td>the outcome type's simple name, e.g.
 *       {@code CancelPending}; for a status call {@code JobSnapshot} or {@code Failed}</td></tr>
 *   <tr><td>{@code error.type}</td><td>low</td><td>the {@code ErrorKind} of a {@code Failed}
 *       outcome or a failed status, e.g. {@code RATE_LIMITED}; else {@code none}</td></tr>
 *   <tr><td>{@code http.request.resend_count}</td><td>low</td><td>how often the call's request was
 *       resent, 0 to {@code maxAttempts − 1}</td></tr>
 *   <tr><td>{@code cancelkit.job.id}</td><td>high</td><td>the job, as the caller gave it</td></tr>
 *   <tr><td>{@code cancelkit.request.id}</td><td>high</td><td>the vendor's id of the last answer,
 *       when it gave one</td></tr>
 * </table>
 *
 * <p>{@code http.request.resend_count} is named as in OpenTelemetry's HTTP client conventions and
 * made low-cardinality on purpose: it is bounded by the canceller's {@code maxAttempts} (3 by
 * default), so it adds a handful of timer series, and it is what shows retries in metrics without a
 * tracing backend. It counts resends of the call's own request only, never the settling GET or the
 * polls of an await, which are new requests; so it stays bounded however long an await polls.
 */
public enum CancelkitObservationDocumentation implements ObservationDocumentation {
  /** {@code cancel} and {@code cancelAsync}: {@code cancelkit.cancel}. */
  CANCEL("cancelkit.cancel"),
  /** {@code status}: {@code cancelkit.status}. */
  STATUS("cancelkit.status"),
  /** {@code cancelAndAwait}, the cancel and its polls: {@code cancelkit.await}. */
  AWAIT("cancelkit.await");

  private final String name;

  CancelkitObservationDocumentation(String name) {
    this.name = name;
  }

  /**
   * The observation of {@code operation}.
   *
   * @param operation what a call does
   * @return {@link #CANCEL}, {@link #STATUS} or {@link #AWAIT}, as {@code operation} is
   */
  public static CancelkitObservationDocumentation of(CancelListener.Operation operation) {
    return switch (operation) {
      case CANCEL -> CANCEL;
      case STATUS -> STATUS;
      case AWAIT -> AWAIT;
    };
  }

  /** The observation's name, such as {@code cancelkit.cancel}. */
  @Override
  public String getName() {
    return name;
  }

  /** {@link DefaultCancelkitObservationConvention}. */
  @Override
  public Class<? extends ObservationConvention<? extends Observation.Context>>
      getDefaultConvention() {
    return DefaultCancelkitObservationConvention.class;
  }

  /** {@link LowCardinalityKeys}. */
  @Override
  public KeyName[] getLowCardinalityKeyNames() {
    return LowCardinalityKeys.values();
  }

  /** {@link HighCardinalityKeys}. */
  @Override
  public KeyName[] getHighCardinalityKeyNames() {
    return HighCardinalityKeys.values();
  }

  /** Keys with few values: tags of the timers, attributes of the spans. */
  public enum LowCardinalityKeys implements KeyName {
    /** {@code cancelkit.provider}: the vendor. */
    PROVIDER("cancelkit.provider"),
    /** {@code cancelkit.outcome}: the outcome type, {@code JobSnapshot} or {@code Failed}. */
    OUTCOME("cancelkit.outcome"),
    /** {@code error.type}: the {@code ErrorKind} name of a failure, else {@code none}. */
    ERROR_TYPE("error.type"),
    /** {@code http.request.resend_count}: resends of the call's request. */
    RESEND_COUNT("http.request.resend_count");

    private final String key;

    LowCardinalityKeys(String key) {
      this.key = key;
    }

    /** The key, such as {@code cancelkit.provider}. */
    @Override
    public String asString() {
      return key;
    }
  }

  /** Keys with a value per call: span attributes, never tags of a meter. */
  public enum HighCardinalityKeys implements KeyName {
    /** {@code cancelkit.job.id}: the job, as the caller gave it. */
    JOB_ID("cancelkit.job.id"),
    /** {@code cancelkit.request.id}: the vendor's id of the last answer; absent when none. */
    REQUEST_ID("cancelkit.request.id") {
      /** False: not every vendor or answer has a request id. */
      @Override
      public boolean isRequired() {
        return false;
      }
    };

    private final String key;

    HighCardinalityKeys(String key) {
      this.key = key;
    }

    /** The key, such as {@code cancelkit.job.id}. */
    @Override
    public String asString() {
      return key;
    }
  }
}
