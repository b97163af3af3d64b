package io.cancelkit.core;

import io.cancelkit.core.internal.JobIds;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A job on one vendor: the vendor's name and the job's id, written {@code provider:jobId}, such as
 * {@code layers:job_01HXA1NHKJZXPV8R7Q6WSM5BCD}. A vendor whose jobs live in a scope names it in the
 * id: Scale's {@code scale:proj_123/job_456} is job {@code job_456} of project {@code proj_123}.
 *
 * <p>{@link #toString()} is the same text form that {@link #parse} reads. Values are checked when
 * made, so a malformed ref never reaches a request.
 *
 * @param provider the vendor's name, as {@link JobCanceller#provider()} spells it
 * @param jobId the job's id on that vendor; {@code /} separates a scope from the id
 */
public record JobRef(String provider, String jobId) {
  private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /**
   * Checks the components.
   *
   * @param provider the vendor's name: a lower-case letter, then up to 31 lower-case letters,
   *     digits, {@code _} or {@code -}
   * @param jobId the job's id, with at most one {@code /}; not null
   * @throws NullPointerException if {@code jobId} is null
   * @throws IllegalArgumentException if the provider is not a lower-case name or the id is blank,
   *     has a control character, white space at an end, more than one {@code /}, an empty, {@code .}
   *     or {@code ..} segment, or a segment longer than 256 characters
   */
  public JobRef {
    if (provider == null || !PROVIDER.matcher(provider).matches()) {
      throw new IllegalArgumentException(
          "provider must be a lower-case name such as 'layers': " + shorten(provider));
    }
    Objects.requireNonNull(jobId, "jobId == null");
    String[] segments = jobId.split("/", -1);
    if (segments.length > 2) {
      throw new IllegalArgumentException("jobId has more than one '/': " + shorten(jobId));
    }
    for (String segment : segments) JobIds.requireValid("jobId", segment);
    // parse strips the text: an id with white space at an end would not read back as itself.
    if (!jobId.equals(jobId.strip())) {
      throw new IllegalArgumentException("jobId has white space at its start or end: " + shorten(jobId));
    }
  }

  /**
   * The ref of {@code jobId} on {@code provider}; the same checks as the constructor.
   *
   * @param provider the vendor's lower-case name, such as {@code layers}
   * @param jobId the job's id; {@code /} separates a scope from the id
   * @return the ref
   * @throws IllegalArgumentException if either part is malformed
   */
  public static JobRef of(String provider, String jobId) {
    return new JobRef(provider, jobId);
  }

  /**
   * Reads {@code provider:jobId}; surrounding white space is ignored.
   *
   * @param text the ref's text form, as {@link #toString()} writes it; the first {@code :} ends the
   *     provider
   * @return the ref
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if there is no {@code :} or a part is malformed
   */
  public static JobRef parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String t = text.strip();
    int colon = t.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "expected provider:jobId, such as layers:job_123, but got " + shorten(t));
    }
    return new JobRef(t.substring(0, colon), t.substring(colon + 1));
  }

  private static String shorten(String s) {
    if (s == null) return "null";
    return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 80) + "…' (" + s.length() + " chars)";
  }

  /** {@code provider:jobId}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return provider + ':' + jobId;
  }
}
