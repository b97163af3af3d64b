package io.cancelkit.examples;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.Failed;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;

/** One line per outcome, so the examples' tests can read what each snippet returned. */
final class Outcomes {
  private Outcomes() {}

  static String describe(CancelOutcome outcome) {
    String type = outcome.getClass().getSimpleName();
    if (outcome instanceof Cancelled || outcome instanceof CancelPending || outcome instanceof NotFound) {
      return type;
    } else if (outcome instanceof AlreadyFinished f) {
      return type + " " + f.finalState();
    } else if (outcome instanceof NotCancellable n) {
      return type + " " + n.stage();
    } else if (outcome instanceof Failed failed) {
      return type + " " + failed.error().kind() + ": " + failed.error().message();
    }
    throw new AssertionError(type); // CancelOutcome is sealed: the branches above are all of it
  }
}
