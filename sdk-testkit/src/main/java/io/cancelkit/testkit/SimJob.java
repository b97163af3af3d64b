package io.cancelkit.testkit;

import java.time.Instant;

/** What every simulated job has: its id, its status word and the countdown of a pending cancel. */
abstract class SimJob {
  final String id;

  /** The vendor's own status word (Omni calls it the state). */
  String status;

  /** Status GETs left until an accepted cancel takes effect; 0 when no cancel is pending. */
  int pollsUntilCancelled;

  SimJob(String id) {
    this.id = id;
  }

  /** Sets {@code status} and whatever timestamps the vendor keeps with it. */
  abstract void moveTo(String status, Instant at);
}
