package io.cancelkit.core;

/**
 * What became of one cancel request: exactly one of six types, each a record in this package.
 *
 * <p>Switch over the permitted types to handle every answer a vendor can give.
 */
public sealed interface CancelOutcome
    permits Cancelled, CancelPending, AlreadyFinished, NotCancellable, NotFound, Failed {
  /** The vendor that answered, as in {@link JobCanceller#provider()}. */
  String provider();

  /** The job the request was about. */
  String jobId();

  /** The HTTP facts of the exchange: last status, request id, attempts. */
  ResponseInfo response();
}
