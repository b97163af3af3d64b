package io.cancelkit.examples;

import io.cancelkit.core.JobCanceller;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.micrometer.CancelkitObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/** The README's Micrometer snippet: a cancel observed as a Micrometer timer. */
public final class MicrometerExample {
  private MicrometerExample() {}

  /** Runs the snippet on the vendor endpoints that the environment names. */
  public static void main(String[] args) {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();  // or your application's registry
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
    JobCanceller layers = LayersCanceller.builder()
        .apiKey(System.getenv("LAYERS_API_KEY"))
        .baseUrl(System.getenv().getOrDefault("LAYERS_BASE_URL", "https://api.layers.com"))
        .listener(CancelkitObservations.listener(registry))
        .build();

    layers.cancel("job_01HXA1NHKJZXPV8R7Q6WSM5BCD");
    Timer timer = meterRegistry.get("cancelkit.cancel").tag("cancelkit.outcome", "CancelPending").timer();
    System.out.println(timer.count() + " cancel, " + timer.getId().getTags()); // 1 cancel, [tag(cancelkit.outcome=CancelPending), ...]
  }
}
