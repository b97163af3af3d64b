package io.cancelkit.testkit;

import java.time.Instant;

/**
 * What every simulated job has: its id, when it was created, its status word, when that last
 * changed, and the countdown of a pending cancel.
 */
abstract class SimJob {
  final String id;

  /** When the job was created (Layers calls it {@code startedAt}). */
  final Instant createdAt;

  /** The vendor's own status word (Omni calls it the state). */
  String status;

  /** When {@link #status} last changed; {@link #createdAt} until the first move. */
  Instant updatedAt;

  /** Status GETs left until an accepted cancel takes effect; 0 when no cancel is pending. */
  int pollsUntilCancelled;

  SimJob(String id, Instant createdAt) {
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /** Sets {@code status} and {@code updatedAt}, then whatever else the vendor keeps with them. */
  final void moveTo(String status, Instant at) {
    this.status = status;
    this.updatedAt = at;
    moved(status, at);
  }

  /** The vendor's own consequences of a move (finish times, stages, counters); none by default. */
  void moved(String status, Instant at) {}
}
