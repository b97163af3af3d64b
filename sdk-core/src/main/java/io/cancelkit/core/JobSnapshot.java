package io.cancelkit.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job as the vendor last described it.
 *
 * @param provider the vendor's name, as {@link JobCanceller#provider()} spells it
 * @param jobId the job's id
 * @param state the vendor's status word mapped onto the shared vocabulary; {@link JobState#UNKNOWN}
 *     for a word the SDK does not know
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
  /**
   * Checks the components and copies the attributes.
   *
   * @param provider the vendor's name; not null
   * @param jobId the job's id; not null
   * @param state the shared state; not null
   * @param providerStatus the vendor's status word; may be null
   * @param stage the vendor's stage name; may be null
   * @param updatedAt when the vendor last changed the job; may be null
   * @param attributes the vendor's job object; null is read as empty, and the copy kept is
   *     unmodifiable all the way down
   * @throws NullPointerException if {@code provider}, {@code jobId} or {@code state} is null
   */
  public JobSnapshot {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(state, "state == null");
    attributes = attributes == null || attributes.isEmpty() ? Map.of() : frozen(attributes);
  }

  /** An unmodifiable copy all the way down; Map.copyOf refuses the nulls JSON objects hold. */
  private static Map<String, Object> frozen(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), frozenValue(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object frozenValue(Object value) {
    if (value instanceof Map<?, ?> map) return frozen(map);
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) copy.add(frozenValue(item));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /**
   * Creates a snapshot without vendor attributes.
   *
   * @param provider the vendor's name; not null
   * @param jobId the job's id; not null
   * @param state the shared state; not null
   * @param providerStatus the vendor's status word; may be null
   * @param stage the vendor's stage name; may be null
   * @param updatedAt when the vendor last changed the job; may be null
   * @throws NullPointerException if {@code provider}, {@code jobId} or {@code state} is null
   */
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
