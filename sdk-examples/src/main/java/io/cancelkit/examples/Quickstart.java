package io.cancelkit.examples;

import io.cancelkit.core.*;
import io.cancelkit.layers.LayersCanceller;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Cancels one Layers job: blocking, then cancel-and-await, then without blocking. */
public class Quickstart {
  public static void main(String[] args) {
    JobCanceller layers = LayersCanceller.fromEnv();    // reads LAYERS_API_KEY (and LAYERS_BASE_URL if set)

    CancelOutcome outcome = layers.cancel("job_01HXA1NHKJZXPV8R7Q6WSM5BCD");

    if (outcome instanceof Cancelled c) {
      System.out.println("cancelled");                  // stopped (or it already was)
    } else if (outcome instanceof CancelPending p) {
      System.out.println("cancel accepted");            // the vendor stops it asynchronously: poll, or cancelAndAwait
    } else if (outcome instanceof AlreadyFinished f) {
      System.out.println("ended first: " + f.finalState()); // COMPLETED, FAILED, EXPIRED or UNKNOWN
    } else if (outcome instanceof NotCancellable n) {
      System.out.println("refused in stage " + n.stage()); // still running; try again later
    } else if (outcome instanceof NotFound nf) {
      System.out.println("no such job for this key");
    } else if (outcome instanceof Failed failed) {
      CancelError e = failed.error();                   // e.kind(), e.message(), e.requestId(), e.retryAfter()
      System.out.println("failed: " + e.kind() + ": " + e.message());
    }

    // Cancel, then poll until the job is terminal or 60 s have passed:
    CancelOutcome settled = layers.cancelAndAwait("job_01HXA1NHKJZXPV8R7Q6WSM5BCD", Duration.ofSeconds(60));
    System.out.println("settled: " + settled.getClass().getSimpleName());

    // Without blocking a thread; cancelling the future aborts the HTTP call, not the job:
    CompletableFuture<CancelOutcome> future = layers.cancelAsync("job_01HXA1NHKJZXPV8R7Q6WSM5BCD");
    future.thenAccept(o -> System.out.println("async: " + o.getClass().getSimpleName())).join();
  }
}
