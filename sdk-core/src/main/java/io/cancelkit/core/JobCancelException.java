package io.cancelkit.core;

import java.util.Objects;

/** Thrown by {@link JobCanceller#status(String)} when the job cannot be read; carries one error. */
public final class JobCancelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient CancelError error;

  /**
   * Creates an exception for {@code error}, with its cause where it has one.
   *
   * @param error what went wrong; its kind, status, message and request id make up the message
   * @throws NullPointerException if {@code error} is null
   */
  public JobCancelException(CancelError error) {
    super(describe(error), error.cause().orElse(null));
    this.error = error;
  }

  /**
   * The error this exception carries.
   *
   * @return the error, never null
   */
  public CancelError error() {
    return error;
  }

  private static String describe(CancelError error) {
    Objects.requireNonNull(error, "error == null");
    StringBuilder s = new StringBuilder().append(error.kind());
    if (error.httpStatus() != 0) s.append(" (HTTP ").append(error.httpStatus()).append(')');
    s.append(": ").append(error.message());
    if (error.requestId() != null) s.append(" [requestId=").append(error.requestId()).append(']');
    return s.toString();
  }
}
