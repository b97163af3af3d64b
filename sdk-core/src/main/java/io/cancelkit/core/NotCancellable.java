package io.cancelkit.core;

import java.util.Objects;

/**
 * The job is still running but its current stage refuses cancellation; a later attempt may succeed.
 *
 * @param provider the vendor that answered, as {@link JobCanceller#provider()} spells it
 * @param jobId the job the request was about
 * @param response the HTTP facts of the exchange: last status, request id, attempts
 * @param stage the stage that refuses, as the vendor names it; null when it gave none
 * @param reason the vendor's explanation; null when it gave none
 */
public record NotCancellable(
    String provider, String jobId, ResponseInfo response, String stage, String reason)
    implements CancelOutcome {
  /**
   * Checks the components.
   *
   * @param provider the vendor's name; not null
   * @param jobId the job's id; not null
   * @param response the HTTP facts; not null
   * @param stage the refusing stage; may be null
   * @param reason the vendor's explanation; may be null
   * @throws NullPointerException if {@code provider}, {@code jobId} or {@code response} is null
   */
  public NotCancellable {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
  }
}
