package io.cancelkit.core;

import java.time.Duration;

/**
 * Hears what a canceller does, as it happens: each call's start and end, each HTTP attempt, each
 * retry's wait and reason, the settling GET, each poll of an await; and in a bulk run, the lanes.
 * Modelled on OkHttp's {@code EventListener}: every method has an empty default, so a listener
 * overrides only what it needs.
 *
 * <p>Set one per canceller with {@code listener(..)} on its builder. Events of one call come in the
 * order they happened, starts paired with ends, even when the call hops threads; events of different
 * calls may interleave, so a listener that keeps per-call state keys it by the {@link Call}, which is
 * the same object for every event of one call. Events carry no key and no body text. A listener that
 * throws is logged once and never changes an outcome. Callbacks run on the SDK's threads: keep them
 * quick and non-blocking.
 */
public interface CancelListener {
  /** Hears nothing; the default, at no cost. */
  CancelListener NONE = new CancelListener() {};

  /** What a call does. */
  enum Operation {
    /** {@link JobCanceller#cancel} or {@link JobCanceller#cancelAsync}. */
    CANCEL,
    /** {@link JobCanceller#status}. */
    STATUS,
    /** {@link JobCanceller#cancelAndAwait}: the cancel, then its polls. */
    AWAIT
  }

  /**
   * One logical call: the same instance for each of its events.
   *
   * @param provider the vendor's name
   * @param jobId the job, as the caller gave it
   * @param operation what the call does
   */
  record Call(String provider, String jobId, Operation operation) {
    // Identity, not value: two calls of the same job are two calls.
    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** A call started; nothing was sent yet. */
  default void callStart(Call call) {}

  /**
   * A {@link Operation#CANCEL} or {@link Operation#AWAIT} call ended with {@code outcome}, as the
   * caller receives it (the key masked); {@code outcome.response().attempts()} counts its attempts.
   */
  default void callEnd(Call call, CancelOutcome outcome) {}

  /**
   * A {@link Operation#STATUS} call ended: {@code snapshot} when the job was read, else null and
   * {@code error}, as the caller's {@code JobCancelException} carries it.
   */
  default void statusEnd(Call call, JobSnapshot snapshot, CancelError error) {}

  /**
   * An HTTP attempt starts.
   *
   * @param method the HTTP method
   * @param url the URL without its query
   * @param attempt this attempt's number within the call, from 1
   */
  default void attemptStart(Call call, String method, String url, int attempt) {}

  /**
   * An HTTP attempt ended.
   *
   * @param status the HTTP status; 0 when no answer came
   * @param duration from the attempt's start to its answer or failure
   * @param errorKind why it failed without an answer, or what its answer means for a retry (429:
   *     RATE_LIMITED, 5xx: PROVIDER_ERROR); null for an answer that is not a failure
   */
  default void attemptEnd(
      Call call, String method, String url, int attempt, int status, Duration duration, ErrorKind errorKind) {}

  /**
   * Another attempt comes after {@code wait}.
   *
   * @param reason why: {@code "429"}, {@code "5xx"}, {@code "io"} or {@code "timeout"}, with
   *     {@code " Retry-After"} when the vendor named the wait
   */
  default void retry(Call call, Duration wait, String reason) {}

  /** The cancel's answer is settled by one GET of the job, which starts now. */
  default void settleStart(Call call) {}

  /** The settling GET ended; {@code snapshot} is null when it failed and the cancel answer stands. */
  default void settleEnd(Call call, JobSnapshot snapshot) {}

  /** A poll of {@link Operation#AWAIT} starts, after {@code delay}. */
  default void pollStart(Call call, int poll, Duration delay) {}

  /** A poll ended: the job as read, or null with the {@code error}. */
  default void pollEnd(Call call, int poll, JobSnapshot snapshot, CancelError error) {}

  /**
   * In a bulk run ({@link CancelRouter#cancelAll}), a call of this canceller waits {@code wait} for
   * its lane: the lane's rate limit, or a pause a 429 asked for.
   */
  default void laneWait(Call call, Duration wait) {}

  /** In a bulk run, a 429 paused this vendor's lane for {@code pause}: its other jobs wait too. */
  default void lanePaused(Call call, Duration pause) {}
}
