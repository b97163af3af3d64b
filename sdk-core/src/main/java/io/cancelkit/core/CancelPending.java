package io.cancelkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The vendor accepted the cancel signal and stops the job asynchronously; poll or await to confirm.
 *
 * @param snapshot the job as the vendor last described it, where the answer carried one
 */
public record CancelPending(
    String provider, String jobId, ResponseInfo response, Optional<JobSnapshot> snapshot)
    implements CancelOutcome {
  /** Checks the components; a null snapshot is read as empty. */
  public CancelPending {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
    snapshot = snapshot == null ? Optional.empty() : snapshot;
  }
}
