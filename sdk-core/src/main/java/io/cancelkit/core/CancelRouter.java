package io.cancelkit.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Cancels jobs on many vendors by {@link JobRef}: one call, or thousands at once with {@link
 * #cancelAll}, each vendor in a lane of its own within its rate limits.
 *
 * <pre>{@code
 * CancelRouter router = CancelRouter.fromEnv();          // every vendor whose environment is set
 * CancelOutcome one = router.cancel(JobRef.parse("layers:job_01HXA1NHKJZXPV8R7Q6WSM5BCD"));
 * BulkReport report = router.cancelAll(refs, BulkOptions.builder().await(Duration.ofMinutes(2)).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; it holds the cancellers it was given, one per vendor.
 */
public final class CancelRouter {
  private final Map<String, JobCanceller> cancellers;

  private CancelRouter(Map<String, JobCanceller> cancellers) {
    this.cancellers = cancellers;
  }

  /**
   * A router over {@code cancellers}, one per vendor.
   *
   * @param cancellers at most one per vendor; none gives an empty router
   * @return a router that keeps the cancellers in the order given
   * @throws NullPointerException if a canceller is null
   * @throws IllegalArgumentException if two cancellers have the same {@link JobCanceller#provider()}
   */
  public static CancelRouter of(JobCanceller... cancellers) {
    return of(Arrays.asList(cancellers));
  }

  /**
   * A router over {@code cancellers}, one per vendor; see {@link #of(JobCanceller...)}.
   *
   * @param cancellers at most one per vendor; empty gives an empty router
   * @return a router that keeps the cancellers in iteration order
   * @throws NullPointerException if a canceller is null
   * @throws IllegalArgumentException if two cancellers have the same {@link JobCanceller#provider()}
   */
  public static CancelRouter of(Collection<? extends JobCanceller> cancellers) {
    Map<String, JobCanceller> byName = new LinkedHashMap<>();
    for (JobCanceller c : cancellers) {
      Objects.requireNonNull(c, "canceller == null");
      if (byName.putIfAbsent(c.provider(), c) != null) {
        throw new IllegalArgumentException("two cancellers for vendor '" + c.provider() + "'");
      }
    }
    return new CancelRouter(byName);
  }

  /**
   * A router over every vendor module on the class or module path whose required environment
   * variables are set, each built by its {@link CancellerProvider}; none set gives an empty router.
   *
   * @return a router over the configured vendors, ordered by name
   * @throws IllegalArgumentException if a set variable is malformed, naming it
   */
  public static CancelRouter fromEnv() {
    return fromEnv(System::getenv);
  }

  /**
   * As {@link #fromEnv()}, reading {@code env} instead of the process environment.
   *
   * @param env a variable's name to its value, or null when unset
   * @return a router over the configured vendors, ordered by name
   * @throws IllegalArgumentException if a set variable is malformed, naming it
   */
  public static CancelRouter fromEnv(Function<String, String> env) {
    List<JobCanceller> found = new ArrayList<>();
    for (CancellerProvider p : CancellerProvider.installed()) {
      if (p.isConfigured(env)) found.add(p.fromEnv(env));
    }
    return of(found);
  }

  /**
   * The vendors this router reaches.
   *
   * @return an unmodifiable list of names, in the order given (by name for {@link #fromEnv()})
   */
  public List<String> providers() {
    return List.copyOf(cancellers.keySet());
  }

  /**
   * The canceller of {@code provider}.
   *
   * @param provider the vendor's name, as {@link JobCanceller#provider()} spells it
   * @return the canceller this router holds for it
   * @throws IllegalArgumentException if this router has none, listing those it has
   */
  public JobCanceller canceller(String provider) {
    JobCanceller c = cancellers.get(provider);
    if (c == null) {
      throw new IllegalArgumentException(
          "no canceller for vendor '" + provider + "'; this router has: "
              + (cancellers.isEmpty() ? "none" : String.join(", ", cancellers.keySet())));
    }
    return c;
  }

  /**
   * {@link JobCanceller#cancel} of the ref's job on its vendor.
   *
   * @param ref the job and its vendor
   * @return the vendor canceller's outcome
   * @throws IllegalArgumentException if this router lacks the vendor, or the id is malformed for it
   */
  public CancelOutcome cancel(JobRef ref) {
    return canceller(ref.provider()).cancel(ref.jobId());
  }

  /**
   * {@link JobCanceller#cancelAsync} of the ref's job; throws as {@link #cancel}.
   *
   * @param ref the job and its vendor
   * @return the vendor canceller's future
   */
  public CompletableFuture<CancelOutcome> cancelAsync(JobRef ref) {
    return canceller(ref.provider()).cancelAsync(ref.jobId());
  }

  /**
   * {@link JobCanceller#status} of the ref's job; throws as {@link #cancel}, and as status does.
   *
   * @param ref the job and its vendor
   * @return the job as its vendor describes it now
   */
  public JobSnapshot status(JobRef ref) {
    return canceller(ref.provider()).status(ref.jobId());
  }

  /**
   * {@link JobCanceller#cancelAndAwait} of the ref's job; throws as {@link #cancel}.
   *
   * @param ref the job and its vendor
   * @param timeout how long to poll after the cancel is accepted; positive
   * @return the settled outcome, or {@link CancelPending} if the job had not ended by the deadline
   */
  public CancelOutcome cancelAndAwait(JobRef ref, Duration timeout) {
    return canceller(ref.provider()).cancelAndAwait(ref.jobId(), timeout);
  }

  /**
   * Cancels every job of {@code refs}, blocking until all have settled.
   *
   * <p>Each vendor has a lane: at most {@link BulkOptions#concurrency()} of its jobs in flight, its
   * client-side rate limits on every request (its documented defaults unless overridden), and a 429
   * pauses that lane alone for its {@code Retry-After} (at most 60 s). A duplicate ref is cancelled
   * once. A ref whose vendor this router lacks, or whose id the vendor refuses, is one {@code
   * Failed(INVALID_REQUEST)} result and the run goes on. Interrupting the calling thread stops new
   * starts, lets the jobs in flight settle, and reports the rest in {@link
   * BulkReport#notAttempted()}.
   *
   * @param refs the jobs, on any of this router's vendors; a repeated ref counts once
   * @param options concurrency, rate limits, await and listener; {@link BulkOptions#defaults()} for
   *     the defaults
   * @return one outcome per distinct ref, in input order, and the counts
   */
  public BulkReport cancelAll(Collection<JobRef> refs, BulkOptions options) {
    Objects.requireNonNull(refs, "refs == null");
    List<JobRef> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(refs));
    return new BulkRun(cancellers, options).run(distinct.iterator(), distinct.size(), true);
  }

  /**
   * Cancels every job {@code refs} yields, holding only the jobs in flight: results go to the
   * options' listener, and the report keeps counts, not outcomes. For inputs too large to hold, such
   * as a file of 100,000 lines. Each lane holds at most twice its concurrency of refs, in flight or
   * queued; the next ref waits for room in its lane, so a lane that is paused or slow holds up the
   * reading of what follows it, whatever its vendor (the collection form has no such wait). Unlike
   * the collection form, a repeated ref is cancelled again (the run remembers nothing it has
   * finished). On an interrupt, the iterator is left where the run stopped.
   *
   * @param refs the jobs, read once and in order
   * @param options concurrency, rate limits, await and listener; its listener hears every result
   * @return the counts and the refs an interrupt left unattempted; no outcomes
   */
  public BulkReport cancelAll(Iterator<JobRef> refs, BulkOptions options) {
    Objects.requireNonNull(refs, "refs == null");
    return new BulkRun(cancellers, options).run(refs, -1, false);
  }

  @Override
  public String toString() {
    return "CancelRouter" + cancellers.values();
  }
}
