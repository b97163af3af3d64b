package io.cancelkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The job is cancelled now, including when it already was.
 *
 * @param provider the vendor that answered, as {@link JobCanceller#provider()} spells it
 * @param jobId the job the request was about
 * @param response the HTTP facts of the exchange: last status, request id, attempts
 * @param snapshot the job as the vendor last described it, where the answer carried one
 */
public record Cancelled(
    String provider, String jobId, ResponseInfo response, Optional<JobSnapshot> snapshot)
    implements CancelOutcome {
  /**
   * Checks the components; a null snapshot is read as empty.
   *
   * @param provider the vendor's name; not null
   * @param jobId the job's id; not null
   * @param response the HTTP facts; not null
   * @param snapshot the job as last described; null or empty when the answer carried none
   * @throws NullPointerException if {@code provider}, {@code jobId} or {@code response} is null
   */
  public Cancelled {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
    snapshot = snapshot == null ? Optional.empty() : snapshot;
  }
}
