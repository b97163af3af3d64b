package io.cancelkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cancelkit.core.Cancelled;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's sdk-testkit snippet, as the JUnit 5 test a user writes. */
class TestkitExampleTest {
  @Test
  void cancelAndAwaitOnTheLayersSimulator() {
    try (var sim = Simulators.layers()) {
      String jobId = sim.addJob("content_generate", "rendering", "running"); // kind, stage, status
      var layers = LayersCanceller.builder()
          .apiKey(sim.apiKey()).baseUrl(sim.baseUrl())
          .pollInterval(Duration.ofMillis(10))          // keep tests fast
          .build();

      assertInstanceOf(Cancelled.class, layers.cancelAndAwait(jobId, Duration.ofSeconds(5)));
      assertEquals("canceled", sim.status(jobId));
    }
  }
}
