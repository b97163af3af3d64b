package io.cancelkit.core;

import java.util.Objects;

/**
 * The job had already ended otherwise (completed, failed, expired); there was nothing to cancel.
 *
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
  /** Checks the components. */
  public AlreadyFinished {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
    Objects.requireNonNull(finalState, "finalState == null");
  }
}
