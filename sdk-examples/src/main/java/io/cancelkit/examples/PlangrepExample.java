package io.cancelkit.examples;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.Cancelled;
import io.cancelkit.plangrep.PlangrepCanceller;
import java.time.Duration;

/** The README's Plangrep section: cancel, await, and read the pages billed. */
public final class PlangrepExample {
  private PlangrepExample() {}

  /** Runs the snippet on the vendor endpoints that the environment names. */
  public static void main(String[] args) {
    PlangrepCanceller plangrep = PlangrepCanceller.fromEnv(); // reads PLANGREP_API_KEY
    CancelOutcome out = plangrep.cancelAndAwait("job_01hy3m8qtn2e5r7k9p0w4x1def", Duration.ofMinutes(2));
    if (out instanceof Cancelled c && c.snapshot().isPresent()) {
      PlangrepCanceller.Usage usage = PlangrepCanceller.usage(c.snapshot().get()); // pages processed may still be billed
      usage.successfulPageCount().ifPresent(pages -> System.out.println(pages + " pages billed"));
    }
    System.out.println(Outcomes.describe(out));
  }
}
