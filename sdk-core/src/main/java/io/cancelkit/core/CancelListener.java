package io.cancelkit.core;

import java.time.Duration;

/**
 * Hears what a canceller does, as it happens: each call's start and end, each HTTP attempt, each
 * retry's wait and reason, the settling GET, each poll of an await; and in a bulk run, the lanes.
 * Modelled on OkHttp's {@code EventListener}: every method has an empty default, so a listener
 * overrides only what it needs.
 *
 * <p>Set one per canceller with {@code listener(..)} on its builder. Events of one call come one at a
 * time, in the order they happened, each before the next, even when the call hops threads (an async
 * call's steps run on OkHttp's and the SDK's timer threads); {@code callStart} comes first and
 * {@code callEnd} or {@code statusEnd} last, and every start has its end. Events of different calls
 * may interleave and run concurrently, so a listener that keeps per-call state keys it by the {@link
 * Call}, which is the same object for every event of one call.
 *
 * <p>A call's shape: {@code callStart}, then for each HTTP attempt {@code attemptStart} and {@code
 * attemptEnd}, a {@code retry} between a failed attempt and the next, a {@code settleStart} … {@code
 * settleEnd} around the settling GET's attempts, a {@code pollStart} … {@code pollEnd} around each
 * poll's attempts, and in a bulk run's lane a {@code laneWait} before each attempt and a {@code
 * lanePaused} after the attempt whose 429 paused the lane; then the end. A call whose job id is malformed
 * throws before any event.
 *
 * <p>Events carry no key (URLs have no query, and every value is masked as the caller's outcome is)
 * and no body text of their own. A listener that throws is logged once per canceller (a WARNING on
 * the {@code io.cancelkit} logger) and never changes an outcome or breaks a call. Callbacks run on
 * the SDK's threads: keep them quick and non-blocking. With {@link #NONE}, the default, the SDK
 * builds no event at all.
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

  /**
   * A call started, its job id checked; nothing was sent yet.
   *
   * @param call the call, the same instance for each of its events
   */
  default void callStart(Call call) {}

  /**
   * A {@link Operation#CANCEL} or {@link Operation#AWAIT} call ended with {@code outcome}, the very
   * object the caller receives (the key masked); {@code outcome.response().attempts()} counts its
   * attempts. It comes before a {@code cancelAsync} future completes. When the caller cancels that
   * future (a local abort), the future holds no outcome and this one is a {@link Failed} of kind
   * {@link ErrorKind#NETWORK} saying the call was aborted by the caller.
   *
   * @param call the call, the same instance for each of its events
   * @param outcome what the call returns
   */
  default void callEnd(Call call, CancelOutcome outcome) {}

  /**
   * A {@link Operation#STATUS} call ended: {@code snapshot} as returned when the job was read, else
   * null and {@code error}, as the thrown {@code JobCancelException} carries it.
   *
   * @param call the call, the same instance for each of its events
   * @param snapshot the job as read; null when the read failed
   * @param error why the read failed; null when it succeeded
   */
  default void statusEnd(Call call, JobSnapshot snapshot, CancelError error) {}

  /**
   * An HTTP attempt starts.
   *
   * @param call the call, the same instance for each of its events
   * @param method the HTTP method
   * @param url the URL without its query
   * @param attempt this attempt's number within the call, from 1, counting every attempt of the call
   *     (the cancel, its retries, the settling GET, the polls) as {@link ResponseInfo#attempts()} does
   */
  default void attemptStart(Call call, String method, String url, int attempt) {}

  /**
   * An HTTP attempt ended.
   *
   * @param call the call, the same instance for each of its events
   * @param method the HTTP method, as at {@link #attemptStart}
   * @param url the URL without its query, as at {@link #attemptStart}
   * @param attempt this attempt's number within the call, as at {@link #attemptStart}
   * @param status the HTTP status; 0 when no answer came
   * @param duration from the attempt's start to its answer or failure
   * @param errorKind without an answer, why: {@link ErrorKind#NETWORK} or {@link ErrorKind#TIMEOUT}
   *     (also when an async call's deadline or abort ends the attempt in flight); for an answer the
   *     vendor's rules retry, what it means: {@link ErrorKind#RATE_LIMITED} for a 429, else {@link
   *     ErrorKind#PROVIDER_ERROR}; null for any other answer, whose meaning is the call's outcome
   */
  default void attemptEnd(
      Call call, String method, String url, int attempt, int status, Duration duration, ErrorKind errorKind) {}

  /**
   * The attempt that just ended is retried after {@code wait}. If the lane's rate limit would then
   * start it after the call's deadline, it is not sent, and no {@code attemptStart} follows.
   *
   * @param call the call, the same instance for each of its events
   * @param wait the delay before the next attempt is sent
   * @param reason why: {@code "429"}, {@code "5xx"}, {@code "io"} or {@code "timeout"} (or the status
   *     code of another answer that the vendor's rules retry), with {@code " Retry-After"} appended
   *     when the vendor named the wait, as in {@code "429 Retry-After"}
   */
  default void retry(Call call, Duration wait, String reason) {}

  /**
   * The cancel's answer is settled by one GET of the job, which starts now.
   *
   * @param call the call, the same instance for each of its events
   */
  default void settleStart(Call call) {}

  /**
   * The settling GET ended.
   *
   * @param call the call, the same instance for each of its events
   * @param snapshot the job as read; null when the GET failed and the cancel answer stands
   */
  default void settleEnd(Call call, JobSnapshot snapshot) {}

  /**
   * Poll number {@code poll} (from 1) of an {@link Operation#AWAIT} call starts, {@code delay} after
   * the cancel's end or the poll before.
   *
   * @param call the call, the same instance for each of its events
   * @param poll the poll's number, from 1
   * @param delay the wait before this poll
   */
  default void pollStart(Call call, int poll, Duration delay) {}

  /**
   * A poll ended: the job as read, or null with the {@code error}.
   *
   * @param call the call, the same instance for each of its events
   * @param poll the poll's number, as at {@link #pollStart}
   * @param snapshot the job as read; null when the read failed
   * @param error why the read failed; null when it succeeded
   */
  default void pollEnd(Call call, int poll, JobSnapshot snapshot, CancelError error) {}

  /**
   * In a bulk run ({@link CancelRouter#cancelAll}), the lane admits an attempt of this call after
   * {@code wait}: zero when its permit is free at once, else the lane's rate limit or the rest of a
   * pause a 429 asked for (a call held by a pause hears this again when the pause ends, for its
   * permit). Heard for every attempt sent in a lane, just before the wait; never outside a lane.
   *
   * @param call the call, the same instance for each of its events
   * @param wait how long the attempt waits for the lane; zero when it goes at once
   */
  default void laneWait(Call call, Duration wait) {}

  /**
   * In a bulk run, this call's 429 (the attempt that just ended) paused this vendor's lane for
   * {@code pause}: its other jobs wait too.
   *
   * @param call the call, the same instance for each of its events
   * @param pause how long the lane stops sending
   */
  default void lanePaused(Call call, Duration pause) {}
}
