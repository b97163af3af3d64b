package io.cancelkit.core.internal;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A canceller with a name and nothing behind it: every call throws, breaking the contract that a
 * vendor's answer is an outcome. What a stub provider builds, and what a bulk run must survive.
 *
 * @param provider the vendor's name
 */
public record StubCanceller(String provider) implements JobCanceller {
  private IllegalStateException refusal(String jobId) {
    return new IllegalStateException("stub " + provider + " cannot reach " + jobId);
  }

  @Override
  public CancelOutcome cancel(String jobId) {
    throw refusal(jobId);
  }

  @Override
  public CompletableFuture<CancelOutcome> cancelAsync(String jobId) {
    throw refusal(jobId);
  }

  @Override
  public JobSnapshot status(String jobId) {
    throw refusal(jobId);
  }

  @Override
  public CancelOutcome cancelAndAwait(String jobId, Duration timeout) {
    throw refusal(jobId);
  }
}
