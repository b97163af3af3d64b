/**
 * The vendor-neutral API for cancelling long-running jobs. {@link io.cancelkit.core.JobCanceller}
 * cancels, reads and awaits jobs on one vendor and reports every answer as a sealed {@link
 * io.cancelkit.core.CancelOutcome}: {@link io.cancelkit.core.Cancelled}, {@link
 * io.cancelkit.core.CancelPending}, {@link io.cancelkit.core.AlreadyFinished}, {@link
 * io.cancelkit.core.NotCancellable}, {@link io.cancelkit.core.NotFound} or {@link
 * io.cancelkit.core.Failed} (with a {@link io.cancelkit.core.CancelError}), and a read as a {@link
 * io.cancelkit.core.JobSnapshot}. {@link io.cancelkit.core.CancellerBuilder} holds the options every
 * vendor's builder shares. For many vendors at once, {@link io.cancelkit.core.CancelRouter} routes a
 * {@link io.cancelkit.core.JobRef} ({@code provider:jobId}) to its vendor's canceller and runs bulk
 * cancels ({@link io.cancelkit.core.BulkOptions}, {@link io.cancelkit.core.BulkReport}, {@link
 * io.cancelkit.core.BulkListener}) within each vendor's {@link io.cancelkit.core.RateLimit}. {@link
 * io.cancelkit.core.CancelListener} hears each call's attempts, retries and polls, and {@link
 * io.cancelkit.core.CancellerProvider} is the {@link java.util.ServiceLoader} interface through which
 * vendor modules are found on the class or module path.
 */
package io.cancelkit.core;
