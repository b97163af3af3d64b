package io.cancelkit.core;

import java.util.Objects;

/** The vendor knows no such job for these credentials. */
public record NotFound(String provider, String jobId, ResponseInfo response)
    implements CancelOutcome {
  /** Checks the components. */
  public NotFound {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(response, "response == null");
  }
}
