package io.cancelkit.core.http;

import io.cancelkit.core.CancelOutcome;
import java.util.Objects;

/** A vendor mapper's reading of a cancel answer: an outcome, or a request to look at the job first. */
public final class Verdict {
  private final CancelOutcome outcome;
  private final boolean resolve;

  private Verdict(CancelOutcome outcome, boolean resolve) {
    this.outcome = Objects.requireNonNull(outcome, "outcome == null");
    this.resolve = resolve;
  }

  /** The answer means {@code outcome}. */
  public static Verdict of(CancelOutcome outcome) {
    return new Verdict(outcome, false);
  }

  /**
   * The answer is ambiguous: one GET of the job decides, through {@link VendorSpec#resolve}; if that
   * GET fails, {@code fallback} (the answer's own best reading) stands.
   */
  public static Verdict resolveWith(CancelOutcome fallback) {
    return new Verdict(fallback, true);
  }

  /** The outcome, or the fallback when {@link #resolves()}. */
  public CancelOutcome outcome() {
    return outcome;
  }

  /** True when the job's current state should decide. */
  public boolean resolves() {
    return resolve;
  }

  @Override
  public String toString() {
    return (resolve ? "resolveWith(" : "of(") + outcome + ')';
  }
}
