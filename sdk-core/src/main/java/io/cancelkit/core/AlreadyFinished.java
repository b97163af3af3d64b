package io.cancelkit.core;

import java.util.Objects;

/**
 * The job had already ended otherwise (completed, failed, expired); there was nothing to cancel.
 *
 * @param provider the vendor that answered, as {@link JobCanceller#provider()} spells it
 * @param jobId the job the request was about
 * @param response the HTTP facts of the exchange: last status, request id, attempts
 * @param finalState the state it ended in; {@link JobState#UNKNOWN} when the vendor did not say
 * @param providerStatus the vendor's own word for that state, verbatim; null when it gave none
 */
public record AlreadyFinished(
    String provider,
    String jobId,
    ResponseInfo response,
    JobState finalState,
    String providerStatus)
    implements CancelOutcome {
  /**
   * Checks the components.
   *
   * @param provider the vendor's name; not null
   * @param jobId the job's id; not null
   * @param response the HTTP facts; not null
   * @param finalState the state the job ended in; not null
   * @param providerStatus the vendor's word for it; may be null
   * @throws NullPointerException if a component that must be present is null
   */
  public AlreadyFinished {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
    Objects.requireNonNull(finalState, "finalState == null");
  }
}
