package io.cancelkit.core;

/** A job's state in the SDK's shared vocabulary; each vendor's own words map onto these. */
public enum JobState {
  /** Accepted but not started (or waiting for input). */
  QUEUED,
  /** Being worked on. */
  RUNNING,
  /** Stopped by a cancel. */
  CANCELLED,
  /** Finished its work, fully or partly. */
  COMPLETED,
  /** Ended with an error. */
  FAILED,
  /** Ended because it was not finished in time. */
  EXPIRED,
  /** A word this SDK does not know yet; vendors add values. */
  UNKNOWN;

  /**
   * Whether a job in this state never leaves it.
   *
   * @return true for {@link #CANCELLED}, {@link #COMPLETED}, {@link #FAILED} and {@link #EXPIRED}
   */
  public boolean isTerminal() {
    return this == CANCELLED || this == COMPLETED || this == FAILED || this == EXPIRED;
  }
}
