package io.cancelkit.core.internal;

import io.cancelkit.core.CancelOutcome;
import java.util.Objects;

/**
 * A mapper's reading of a cancel answer: an outcome, or "settle with one GET" of the job first.
 *
 * @param outcome the outcome; when {@link #settles()}, the answer's own best reading, which stands
 *     if the settling GET fails
 * @param settles true when the job's current state decides, through {@link VendorMapper#settle}
 */
public record Verdict(CancelOutcome outcome, boolean settles) {
  /** Checks the components. */
  public Verdict {
    Objects.requireNonNull(outcome, "outcome == null");
  }

  /** The answer means {@code outcome}. */
  public static Verdict of(CancelOutcome outcome) {
    return new Verdict(outcome, false);
  }

  /**
   * The answer is ambiguous: one GET of the job decides, through {@link VendorMapper#settle}; if
   * that GET fails, {@code fallback} stands.
   */
  public static Verdict settle(CancelOutcome fallback) {
    return new Verdict(fallback, true);
  }
}
