package io.cancelkit.core;

import java.util.Objects;

/**
 * The job is still running but its current stage refuses cancellation; a later attempt may succeed.
 *
 * @param stage the stage that refuses, as the vendor names it; null when it gave none
 * @param reason the vendor's explanation; null when it gave none
 */
public record NotCancellable(
    String provider, String jobId, ResponseInfo response, String stage, String reason)
    implements CancelOutcome {
  /** Checks the components. */
  public NotCancellable {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
  }
}
