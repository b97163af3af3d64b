package io.cancelkit.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A job as the vendor last described it.
 *
 * @param providerStatus the vendor's own status word, verbatim
 * @param stage the vendor's stage name where it reports one; null otherwise
 * @param updatedAt when the vendor last changed the job, where it says; null otherwise
 * @param attributes the vendor's whole job object as parsed JSON (maps, lists, strings, numbers as
 *     {@code Double}, booleans, nulls), for fields the shared vocabulary does not cover
 */
public record JobSnapshot(
    String provider,
    String jobId,
    JobState state,
    String providerStatus,
    String stage,
    Instant updatedAt,
    Map<String, Object> attributes) {
  /** Checks the components and copies the attributes. */
  public JobSnapshot {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(state, "state == null");
    // Map.copyOf refuses null values, which JSON objects legitimately hold.
    attributes =
        attributes == null || attributes.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** Creates a snapshot without vendor attributes. */
  public JobSnapshot(
      String provider,
      String jobId,
      JobState state,
      String providerStatus,
      String stage,
      Instant updatedAt) {
    this(provider, jobId, state, providerStatus, stage, updatedAt, Map.of());
  }
}
