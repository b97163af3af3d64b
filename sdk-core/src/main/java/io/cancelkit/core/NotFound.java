package io.cancelkit.core;

import java.util.Objects;

/**
 * The vendor knows no such job for these credentials.
 *
 * @param provider the vendor that answered, as {@link JobCanceller#provider()} spells it
 * @param jobId the job the request was about
 * @param response the HTTP facts of the exchange: last status, request id, attempts
 */
public record NotFound(String provider, String jobId, ResponseInfo response)
    implements CancelOutcome {
  /**
   * Checks the components.
   *
   * @param provider the vendor's name; not null
   * @param jobId the job's id; not null
   * @param response the HTTP facts; not null
   * @throws NullPointerException if a component is null
   */
  public NotFound {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
  }
}
