package io.cancelkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The job is cancelled now, including when it already was.
 *
 * @param snapshot the job as the vendor last described it, where the answer carried one
 */
public record Cancelled(
    String provider, String jobId, ResponseInfo response, Optional<JobSnapshot> snapshot)
    implements CancelOutcome {
  /** Checks the components; a null snapshot is read as empty. */
  public Cancelled {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
    snapshot = snapshot == null ? Optional.empty() : snapshot;
  }
}
