package io.cancelkit.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the observations of cancelkit calls. Extend {@link
 * DefaultCancelkitObservationConvention} to add keys or rename some, and pass it to {@link
 * CancelkitObservations#listener(io.micrometer.observation.ObservationRegistry,
 * CancelkitObservationConvention)}, or implement {@code GlobalObservationConvention} as well and
 * register it on the {@code ObservationRegistry}; the one given to the listener wins.
 *
 * <p>{@link #getName()} returns null by default, which keeps each operation's name ({@code
 * cancelkit.cancel}, {@code cancelkit.status}, {@code cancelkit.await}); a name returned there
 * renames the observations of all three operations. The registry's predicates are asked about an
 * observation under its convention's {@code getName()}, so under null for a convention that keeps
 * the names. Observations of one name must keep one set of low-cardinality keys, so return the
 * same keys for every call that ended (the convention is asked again at the start, before the end
 * is known; see {@link CancelkitObservationContext#hasEnded()}).
 */
public interface CancelkitObservationConvention
    extends ObservationConvention<CancelkitObservationContext> {
  /** Applies to the contexts of cancelkit calls only. */
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof CancelkitObservationContext;
  }
}
