package io.cancelkit.cli;

/** A mistake in how the command was called that parsing alone cannot catch; exits with 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} is printed as one line after {@code cancelkit: }. */
  UsageException(String message) {
    super(message);
  }
}
