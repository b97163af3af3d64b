package io.cancelkit.core.internal;

/** Checks ids before they become part of a URL path. */
public final class JobIds {
  /** The longest id accepted; no vendor documents longer ones, and a URL must stay bounded. */
  public static final int MAX_LENGTH = 256;

  private JobIds() {}

  /**
   * Returns {@code id} if it can be one path segment.
   *
   * @param what the id's name in the error message, such as {@code "jobId"}
   * @throws IllegalArgumentException if it is null, blank, holds a control character or {@code /},
   *     is {@code .} or {@code ..}, or is longer than {@link #MAX_LENGTH} characters
   */
  public static String requireValid(String what, String id) {
    if (id == null) throw new IllegalArgumentException(what + " is null");
    if (id.isBlank()) throw new IllegalArgumentException(what + " is blank");
    if (id.length() > MAX_LENGTH) {
      // Not echoed: an id this long is a bug upstream, and would flood the message.
      throw new IllegalArgumentException(
          what + " is " + id.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            what + " contains a control character (U+" + String.format("%04X", (int) c)
                + ") at index " + i);
      }
      if (c == '/') {
        throw new IllegalArgumentException(what + " contains '/' at index " + i + ": " + id);
      }
    }
    // Path traversal: "." or ".." would address another resource than the job.
    if (id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException(what + " must not be '" + id + "'");
    }
    return id;
  }
}
