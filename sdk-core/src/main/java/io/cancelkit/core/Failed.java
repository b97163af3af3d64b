package io.cancelkit.core;

import java.util.Objects;

/**
 * The cancel could not be carried out; {@link #error()} says why and whether to try again.
 *
 * <p>A {@code Failed} never means the job was cancelled, nor that it was not.
 *
 * @param provider the vendor that answered, as {@link JobCanceller#provider()} spells it
 * @param jobId the job the request was about
 * @param response the HTTP facts of the exchange: last status, request id, attempts
 * @param error why the call failed and whether a retry may help
 */
public record Failed(String provider, String jobId, ResponseInfo response, CancelError error)
    implements CancelOutcome {
  /**
   * Checks the components.
   *
   * @param provider the vendor's name; not null
   * @param jobId the job's id; not null
   * @param response the HTTP facts; not null
   * @param error why the call failed; not null
   * @throws NullPointerException if a component is null
   */
  public Failed {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
    Objects.requireNonNull(error, "error == null");
  }
}
