package io.cancelkit.core.http;

/** Checks ids before they become part of a URL path. */
public final class JobIds {
  private JobIds() {}

  /**
   * Returns {@code id} if it can be one path segment.
   *
   * @param what the id's name in the error message, such as {@code "jobId"}
   * @throws IllegalArgumentException if it is null, blank, holds a control character or {@code /},
   *     or is {@code .} or {@code ..}
   */
  public static String requireValid(String what, String id) {
    if (id == null) throw new IllegalArgumentException(what + " is null");
    if (id.isBlank()) throw new IllegalArgumentException(what + " is blank");
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
