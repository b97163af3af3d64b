package io.cancelkit.micrometer;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * What a convention reads about one cancelkit call: the call itself from its start, and from its end
 * the outcome (a cancel or an await) or the job read (a status), and how often its request was
 * resent.
 *
 * <p>A convention is asked for key values when the observation starts and again when it stops;
 * before the end, {@link #hasEnded()} is false and the end's fields are null. Nothing here carries
 * the API key: outcomes and errors are the ones the caller receives, with the key masked.
 */
public final class CancelkitObservationContext extends Observation.Context {
  private final CancelListener.Call call;
  private CancelOutcome outcome;
  private JobSnapshot snapshot;
  private CancelError cancelError;
  private int resendCount;
  private boolean ended;

  /**
   * A context for {@code call}, not yet ended.
   *
   * @param call the call this observation is of
   * @throws NullPointerException if {@code call} is null
   */
  public CancelkitObservationContext(CancelListener.Call call) {
    this.call = Objects.requireNonNull(call, "call == null");
  }

  /** {@return the call: its provider, job id and operation} */
  public CancelListener.Call call() {
    return call;
  }

  /**
   * Whether the call ended, so that its outcome or job or error is known.
   *
   * @return true once {@link #setOutcome} or {@link #setStatus} was called
   */
  public boolean hasEnded() {
    return ended;
  }

  /** {@return how a cancel or an await ended; null before its end and for a status call} */
  public CancelOutcome outcome() {
    return outcome;
  }

  /** {@return the job a status call read; null before its end, when the read failed, or for a cancel} */
  public JobSnapshot snapshot() {
    return snapshot;
  }

  /**
   * {@return why the call failed: the error of a {@link Failed} outcome or of a failed status; else
   * null}
   */
  public CancelError cancelError() {
    return cancelError;
  }

  /**
   * How many times the call's own request (the cancel's POST, the status GET) was sent again after
   * its first attempt; the settling GET and the polls of an await are other requests, not resends.
   *
   * @return the resends, 0 when the first attempt was the last
   */
  public int resendCount() {
    return resendCount;
  }

  /**
   * The vendor's id for the call's last answer, from the outcome or the status error; null when none
   * came or the vendor gives none.
   *
   * @return the request id, or null
   */
  public String requestId() {
    if (outcome != null) return outcome.response().requestId();
    return cancelError != null ? cancelError.requestId() : null;
  }

  /**
   * Ends a cancel or an await with {@code outcome}, as the caller received it.
   *
   * @param outcome the outcome; a {@link Failed} one also sets {@link #cancelError()}
   * @throws NullPointerException if {@code outcome} is null
   */
  public void setOutcome(CancelOutcome outcome) {
    this.outcome = Objects.requireNonNull(outcome, "outcome == null");
    this.cancelError = outcome instanceof Failed failed ? failed.error() : null;
    this.ended = true;
  }

  /**
   * Ends a status call: {@code snapshot} when the job was read, else null and {@code error}.
   *
   * @param snapshot the job as read, or null
   * @param error why the read failed, or null
   * @throws IllegalArgumentException unless exactly one of the two is null
   */
  public void setStatus(JobSnapshot snapshot, CancelError error) {
    if ((snapshot == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of snapshot and error is required");
    }
    this.snapshot = snapshot;
    this.cancelError = error;
    this.ended = true;
  }

  /**
   * Sets how many times the call's own request was resent.
   *
   * @param resendCount at least 0
   * @throws IllegalArgumentException if {@code resendCount} is negative
   */
  public void setResendCount(int resendCount) {
    if (resendCount < 0) throw new IllegalArgumentException("resendCount < 0: " + resendCount);
    this.resendCount = resendCount;
  }
}
