package io.cancelkit.examples;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.mogu.MoguCanceller;
import java.time.Duration;

/** The README's Mogu section: cancel and await, then the public status read. */
public final class MoguExample {
  private MoguExample() {}

  /** Runs the snippet on the vendor endpoints that the environment names. */
  public static void main(String[] args) {
    MoguCanceller mogu = MoguCanceller.fromEnv();            // reads MOGU_API_KEY
    // or: MoguCanceller.builder().apiKey("ak_...").build();
    CancelOutcome out = mogu.cancelAndAwait("1c2c38f3-e596-463e-9f62-75c7c3602770", Duration.ofMinutes(2));
    JobSnapshot job = mogu.status("1c2c38f3-e596-463e-9f62-75c7c3602770"); // public endpoint: no key sent
    System.out.println(Outcomes.describe(out));
    System.out.println("status: " + job.state() + " (" + job.providerStatus() + ")");
  }
}
