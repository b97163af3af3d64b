package io.cancelkit.core;

import java.util.Objects;

/**
 * The cancel could not be carried out; {@link #error()} says why and whether to try again.
 *
 * <p>A {@code Failed} never means the job was cancelled, nor that it was not.
 */
public record Failed(String provider, String jobId, ResponseInfo response, CancelError error)
    implements CancelOutcome {
  /** Checks the components. */
  public Failed {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
    Objects.requireNonNull(error, "error == null");
  }
}
