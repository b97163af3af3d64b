package io.cancelkit.examples;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.layers.LayersCanceller;
import java.time.Duration;

/** The README's Layers section: cancel, then await the end. */
public final class LayersExample {
  private LayersExample() {}

  /** Runs the snippet on the vendor endpoints that the environment names. */
  public static void main(String[] args) {
    JobCanceller layers = LayersCanceller.fromEnv();          // reads LAYERS_API_KEY
    // or: LayersCanceller.builder().apiKey("lp_live_...").build();
    CancelOutcome outcome = layers.cancelAndAwait("job_01HXA1NHKJZXPV8R7Q6WSM5BCD", Duration.ofMinutes(2));
    System.out.println(Outcomes.describe(outcome));
  }
}
