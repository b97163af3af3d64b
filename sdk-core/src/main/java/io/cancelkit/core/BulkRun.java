package io.cancelkit.core;

import io.cancelkit.core.internal.EngineClock;
import io.cancelkit.core.internal.Gate;
import io.cancelkit.core.internal.Threads;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One {@link CancelRouter#cancelAll} run: the caller's thread reads the refs and hands each to its
 * vendor's lane; each lane's workers cancel (and await) one job at a time within the lane's gate.
 *
 * <p>In a streaming run a lane admits at most twice its concurrency (in flight plus queued), so the
 * run holds a bounded number of refs whatever its input's length. A collection is in memory already:
 * its refs are all queued at once, so that a lane that is paused or slow never holds up the reading
 * of the others' refs.
 */
final class BulkRun {
  private static final System.Logger LOG = System.getLogger("io.cancelkit");
  private static final ResponseInfo NO_ANSWER = new ResponseInfo(0, null, 0);

  private final Map<String, JobCanceller> cancellers;
  private final BulkOptions options;
  private final Map<String, Lane> lanes = new HashMap<>();
  private final long start = System.nanoTime();
  private final long awaitDeadline;
  private Map<String, List<RateLimit>> documented;

  // The results, under this run's lock; callbacks run under it too, so they never overlap.
  private final Map<JobRef, CancelOutcome> outcomes = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> counts = new TreeMap<>();
  private final Map<String, Long> totals = new TreeMap<>();
  private final List<JobRef> notAttempted = new ArrayList<>();
  private long settled;
  private long total;
  private boolean keep;
  private boolean listenerFailed;

  BulkRun(Map<String, JobCanceller> cancellers, BulkOptions options) {
    this.cancellers = cancellers;
    this.options = java.util.Objects.requireNonNull(options, "options == null");
    Optional<Duration> await = options.await();
    this.awaitDeadline = await.map(d -> start + d.toNanos()).orElse(0L);
  }

  BulkReport run(Iterator<JobRef> refs, long total, boolean keep) {
    this.total = total;
    this.keep = keep;
    boolean interrupted = false;
    JobRef current = null;
    long read = 0;
    try {
      while (refs.hasNext()) {
        current = java.util.Objects.requireNonNull(refs.next(), "a ref is null");
        if (Thread.interrupted()) throw new InterruptedException();
        if (keep) {
          synchronized (this) {
            outcomes.put(current, null); // holds the input order; filled when it settles
          }
        }
        JobCanceller canceller = cancellers.get(current.provider());
        if (canceller == null) {
          settled(current, invalid(current, "no canceller for vendor '" + current.provider()
              + "'; this router has: " + (cancellers.isEmpty() ? "none" : String.join(", ", cancellers.keySet()))));
        } else {
          lane(current.provider(), canceller).submit(current, read);
        }
        read++;
        current = null;
      }
      // Every ref is in a lane: the queued jobs still start, unless an interrupt comes meanwhile.
      for (Lane lane : lanes.values()) lane.workers.shutdown();
      for (Lane lane : lanes.values()) lane.awaitTermination();
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      // Stops new starts: what is queued, the ref in hand and the rest of the input are not attempted,
      // in input order; they are reported before the jobs in flight settle.
      List<Lane.Job> queued = new ArrayList<>();
      for (Lane lane : lanes.values()) queued.addAll(lane.close());
      queued.sort(java.util.Comparator.comparingLong(job -> job.seq));
      List<JobRef> unstarted = new ArrayList<>();
      for (Lane.Job job : queued) unstarted.add(job.ref);
      if (current != null) unstarted.add(current);
      // A collection's rest is known and small enough to list; a stream's is left unread.
      if (keep) refs.forEachRemaining(unstarted::add);
      for (JobRef ref : unstarted) notAttempted(ref);
    }
    for (Lane lane : lanes.values()) lane.awaitSettled();
    if (interrupted) Thread.currentThread().interrupt();
    return report(interrupted);
  }

  private Lane lane(String provider, JobCanceller canceller) {
    return lanes.computeIfAbsent(provider, p -> new Lane(p, canceller, gate(p)));
  }

  private Gate gate(String provider) {
    if (documented == null) {
      documented = new HashMap<>();
      for (CancellerProvider p : CancellerProvider.installed()) documented.put(p.name(), p.rateLimits());
    }
    List<RateLimit> limits = options.rateLimits(provider, documented.getOrDefault(provider, List.of()));
    return Gate.of("cancelkit-bulk-" + provider, limits, EngineClock.system());
  }

  /** Cancels one job inside its lane's gate; never throws. */
  private void cancelOne(Lane lane, JobRef ref) {
    CancelOutcome outcome;
    Gate.Scope scope = lane.gate.enter();
    try {
      long left = awaitDeadline - System.nanoTime();
      outcome =
          awaitDeadline != 0 && left > 0
              ? lane.canceller.cancelAndAwait(ref.jobId(), Duration.ofNanos(left))
              : lane.canceller.cancel(ref.jobId());
    } catch (IllegalArgumentException e) {
      outcome = invalid(ref, e.getMessage());
    } catch (RuntimeException e) {
      // A canceller of the caller's own that broke its contract: the job still gets its one result.
      outcome = new Failed(ref.provider(), ref.jobId(), NO_ANSWER,
          new CancelError(ErrorKind.UNEXPECTED_RESPONSE, 0, null, "the canceller threw " + e,
              null, Optional.empty(), Optional.of(e)));
    } finally {
      scope.close();
    }
    settled(ref, outcome);
  }

  private static Failed invalid(JobRef ref, String message) {
    return new Failed(ref.provider(), ref.jobId(), NO_ANSWER,
        CancelError.of(ErrorKind.INVALID_REQUEST, 0, null, message, null));
  }

  private synchronized void settled(JobRef ref, CancelOutcome outcome) {
    settled++;
    String type = outcome.getClass().getSimpleName();
    counts.computeIfAbsent(ref.provider(), p -> new TreeMap<>()).merge(type, 1L, Long::sum);
    totals.merge(type, 1L, Long::sum);
    if (keep) outcomes.put(ref, outcome);
    BulkProgress progress = progress();
    notify(() -> options.listener().onResult(ref, outcome, progress));
  }

  private synchronized void notAttempted(JobRef ref) {
    notAttempted.add(ref);
    if (keep) outcomes.remove(ref);
    BulkProgress progress = progress();
    notify(() -> options.listener().onNotAttempted(ref, progress));
  }

  private BulkProgress progress() {
    return new BulkProgress(settled + notAttempted.size(), total, totals);
  }

  private void notify(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      if (!listenerFailed) {
        listenerFailed = true;
        LOG.log(Level.WARNING, "cancelkit bulk listener threw; further failures are not logged", e);
      }
    }
  }

  private synchronized BulkReport report(boolean interrupted) {
    Map<String, Map<String, Long>> frozen = new LinkedHashMap<>();
    counts.forEach((p, c) -> frozen.put(p, Map.copyOf(c)));
    return new BulkReport(
        keep ? new LinkedHashMap<>(outcomes) : Map.of(),
        notAttempted,
        java.util.Collections.unmodifiableMap(frozen),
        settled,
        notAttempted.size(),
        interrupted,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** One vendor's workers, admission and gate. */
  private final class Lane {
    final JobCanceller canceller;
    final Gate gate;
    /** A streaming run's bound on the refs this lane holds; null for a collection. */
    final Semaphore admitted;
    final ThreadPoolExecutor workers;

    Lane(String provider, JobCanceller canceller, Gate gate) {
      this.canceller = canceller;
      this.gate = gate;
      int concurrency = options.concurrency();
      this.admitted = keep ? null : new Semaphore(2 * concurrency);
      this.workers =
          new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
              Threads.daemon("cancelkit-bulk-" + provider + "-"));
      workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Queues {@code ref}, the input's {@code seq}-th; in a streaming run, waits while the lane holds
     * twice its concurrency.
     */
    void submit(JobRef ref, long seq) throws InterruptedException {
      if (admitted != null) admitted.acquire();
      workers.execute(new Job(ref, seq));
    }

    /** Stops new starts; returns the queued jobs, which will not be attempted. */
    List<Job> close() {
      List<Runnable> queued = new ArrayList<>();
      workers.getQueue().drainTo(queued);
      workers.shutdown();
      List<Job> jobs = new ArrayList<>(queued.size());
      for (Runnable r : queued) jobs.add((Job) r);
      return jobs;
    }

    /** Waits until every queued and started job has settled. */
    void awaitTermination() throws InterruptedException {
      boolean terminated;
      do {
        terminated = workers.awaitTermination(1, TimeUnit.DAYS); // as long as the jobs take
      } while (!terminated);
    }

    /** Waits until every started job has settled, even if interrupted meanwhile. */
    void awaitSettled() {
      boolean interrupted = false;
      while (true) {
        try {
          awaitTermination();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
    }

    private final class Job implements Runnable {
      final JobRef ref;
      final long seq;

      Job(JobRef ref, long seq) {
        this.ref = ref;
        this.seq = seq;
      }

      @Override
      public void run() {
        try {
          cancelOne(Lane.this, ref);
        } finally {
          if (admitted != null) admitted.release();
        }
      }
    }
  }
}
