package io.cancelkit.core;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a bulk run ({@link CancelRouter#cancelAll}) did: one outcome per distinct job, and counts.
 *
 * <p>Every input ends in exactly one place: {@link #outcomes()} for the jobs that settled, {@link
 * #notAttempted()} for those an interrupt kept from starting. A streaming run keeps no outcomes (its
 * results went to the listener), only the counts and the few refs an interrupt left unattempted in
 * its lanes. Immutable.
 */
public final class BulkReport {
  private final Map<JobRef, CancelOutcome> outcomes;
  private final List<JobRef> notAttempted;
  private final Map<String, Map<String, Long>> counts;
  private final long settled;
  private final long notAttemptedCount;
  private final boolean interrupted;
  private final Duration elapsed;

  BulkReport(
      Map<JobRef, CancelOutcome> outcomes,
      List<JobRef> notAttempted,
      Map<String, Map<String, Long>> counts,
      long settled,
      long notAttemptedCount,
      boolean interrupted,
      Duration elapsed) {
    this.outcomes = Collections.unmodifiableMap(outcomes);
    this.notAttempted = List.copyOf(notAttempted);
    this.counts = counts;
    this.settled = settled;
    this.notAttemptedCount = notAttemptedCount;
    this.interrupted = interrupted;
    this.elapsed = elapsed;
  }

  /**
   * One outcome per distinct settled job, in input order.
   *
   * @return an unmodifiable map; empty for a streaming run
   */
  public Map<JobRef, CancelOutcome> outcomes() {
    return outcomes;
  }

  /**
   * The jobs not attempted because the run was interrupted, in input order; empty if none. For a
   * streaming run, only those it had read (the iterator holds the rest).
   *
   * @return an unmodifiable list
   */
  public List<JobRef> notAttempted() {
    return notAttempted;
  }

  /**
   * Settled jobs per provider, per outcome type name.
   *
   * @return counts keyed by provider, then by the outcome's simple class name ({@code "Cancelled"},
   *     {@code "Failed"}, …)
   */
  public Map<String, Map<String, Long>> counts() {
    return counts;
  }

  /**
   * Settled jobs of {@code type}, across providers.
   *
   * @param type an outcome record, such as {@code Cancelled.class}
   * @return the count; 0 when no job settled that way
   */
  public long count(Class<? extends CancelOutcome> type) {
    long n = 0;
    for (Map<String, Long> perType : counts.values()) n += perType.getOrDefault(type.getSimpleName(), 0L);
    return n;
  }

  /**
   * Jobs that settled.
   *
   * @return the number of distinct jobs that got an outcome, also for a streaming run
   */
  public long settled() {
    return settled;
  }

  /**
   * Jobs not attempted, also for a streaming run.
   *
   * @return the number of jobs an interrupt kept from starting
   */
  public long notAttemptedCount() {
    return notAttemptedCount;
  }

  /**
   * Whether an interrupt stopped the run's new starts.
   *
   * @return true if the run was interrupted; the thread's interrupt flag is then set again
   */
  public boolean interrupted() {
    return interrupted;
  }

  /**
   * How long the run took.
   *
   * @return the run's wall-clock duration
   */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    return "BulkReport{settled=" + settled + ", notAttempted=" + notAttemptedCount + ", counts="
        + counts + ", elapsed=" + elapsed + (interrupted ? ", interrupted" : "") + '}';
  }
}
