package io.cancelkit.micrometer;

import io.cancelkit.core.CancelListener;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Records one Micrometer {@code Observation} per cancelkit call.
 *
 * <pre>{@code
 * JobCanceller canceller = LayersCanceller.builder()
 *     .apiKey(key)
 *     .listener(CancelkitObservations.listener(observationRegistry))
 *     .build();
 * }</pre>
 *
 * <p>Each call of the canceller ({@code cancel}, {@code cancelAsync}, {@code status}, {@code
 * cancelAndAwait}) becomes an observation named {@code cancelkit.cancel}, {@code cancelkit.status}
 * or {@code cancelkit.await}, started when the call starts and stopped when it ends, with the keys
 * that {@link CancelkitObservationDocumentation} lists. With {@code DefaultMeterObservationHandler}
 * registered, each name is a timer (and a {@code .active} long task timer); with micrometer-tracing,
 * a span whose parent is the observation current on the thread that made the call.
 */
public final class CancelkitObservations {
  private CancelkitObservations() {}

  /**
   * A listener for a canceller's builder that records each call on {@code registry} with {@link
   * DefaultCancelkitObservationConvention}, or with the registry's own convention for {@link
   * CancelkitObservationContext} where one is registered.
   *
   * @param registry where the observations go; a noop registry records nothing
   * @return a listener to pass to a canceller builder's {@code listener(..)}
   * @throws NullPointerException if {@code registry} is null
   */
  public static CancelListener listener(ObservationRegistry registry) {
    return new ObservingListener(Objects.requireNonNull(registry, "registry == null"), null);
  }

  /**
   * A listener that records each call on {@code registry} with {@code convention}, which wins over
   * the registry's conventions and the default.
   *
   * @param registry where the observations go
   * @param convention the names and key values of every observation
   * @return a listener to pass to a canceller builder's {@code listener(..)}
   * @throws NullPointerException if {@code registry} or {@code convention} is null
   */
  public static CancelListener listener(
      ObservationRegistry registry, CancelkitObservationConvention convention) {
    return new ObservingListener(
        Objects.requireNonNull(registry, "registry == null"),
        Objects.requireNonNull(convention, "convention == null"));
  }
}
