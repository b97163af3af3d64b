package io.cancelkit.core;

/**
 * What became of one cancel request: exactly one of six types, each a record in this package.
 *
 * <p>Switch over the permitted types to handle every answer a vendor can give.
 */
public sealed interface CancelOutcome
    permits Cancelled, CancelPending, AlreadyFinished, NotCancellable, NotFound, Failed {
  /**
   * The vendor that answered.
   *
   * @return the vendor's short name, as in {@link JobCanceller#provider()}
   */
  String provider();

  /**
   * The job the request was about.
   *
   * @return the job's id
   */
  String jobId();

  /**
   * The HTTP facts of the exchange.
   *
   * @return the last status, the vendor's request id and the number of attempts
   */
  ResponseInfo response();
}
