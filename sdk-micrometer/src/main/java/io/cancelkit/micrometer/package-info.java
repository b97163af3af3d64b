/**
 * Micrometer Observations of cancelkit calls: {@link io.cancelkit.micrometer.CancelkitObservations}
 * turns a canceller's {@link io.cancelkit.core.CancelListener} events into one {@code Observation}
 * per call, so timers appear in any {@code MeterRegistry} and spans in micrometer-tracing with the
 * handlers the application already registered.
 *
 * <p>The names and keys are listed in {@link
 * io.cancelkit.micrometer.CancelkitObservationDocumentation}; {@link
 * io.cancelkit.micrometer.CancelkitObservationConvention} renames or extends them.
 */
package io.cancelkit.micrometer;
