package io.cancelkit.cli;

import io.cancelkit.core.BulkListener;
import io.cancelkit.core.BulkProgress;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobRef;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a run's results as they settle, in the chosen format, shows its progress, and ends with
 * one summary line per vendor; also works out the run's exit code.
 *
 * <p>Thread-safe: results come from the run's workers and from the thread reading the input, and
 * progress from a timer thread, all under this object's lock, so output lines never interleave.
 */
final class Reporter implements BulkListener {
  private final OutputFormat format;
  private final boolean rows;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Progress progress;
  private final long start = System.nanoTime();

  private final Map<String, Map<String, Long>> counts = new TreeMap<>();
  private final Map<String, Long> types = new TreeMap<>();
  private final Map<String, Long> inFlight = new TreeMap<>();
  private ScheduledExecutorService timer;
  private long total = -1;
  private long done;
  private long skipped;
  private String skippedFrom;
  private boolean first = true;
  private int exitCode = ExitCodes.OK;

  /**
   * A reporter writing results to {@code out} in {@code format} (or only the summary when {@code
   * rows} is false) and progress through {@code progress}.
   */
  Reporter(OutputFormat format, boolean rows, PrintWriter out, PrintWriter err, Progress progress) {
    this.format = format;
    this.rows = rows;
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  /** Writes what precedes the results and starts the progress display; {@code total} may be -1. */
  synchronized void start(long total) {
    this.total = total;
    if (rows && format == OutputFormat.TABLE) out.println(Output.header());
    if (format == OutputFormat.JSON) out.print("{\"results\":[");
    out.flush();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cancelkit-progress");
              t.setDaemon(true);
              return t;
            });
    long period = progress.period().toMillis();
    timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  /** A job of {@code provider} was handed to the router: it counts as in flight until it settles. */
  synchronized void handedOver(String provider) {
    inFlight.merge(provider, 1L, Long::sum);
  }

  /** {@code n} jobs were skipped because {@code file}, an earlier run's output, settled them. */
  synchronized void skipped(long n, String file) {
    skipped += n;
    done += n;
    skippedFrom = file;
  }

  @Override
  public void onResult(JobRef ref, CancelOutcome outcome, BulkProgress ignored) {
    settled(ref);
    result(Result.of(ref, outcome));
  }

  @Override
  public void onNotAttempted(JobRef ref, BulkProgress ignored) {
    settled(ref);
    result(Result.of(ref, null));
  }

  /** Prints {@code r} and counts it. */
  synchronized void result(Result r) {
    done++;
    counts.computeIfAbsent(r.group(), g -> new TreeMap<>()).merge(r.type(), 1L, Long::sum);
    types.merge(r.type(), 1L, Long::sum);
    exitCode = Math.max(exitCode, ExitCodes.of(r.outcome()));
    if (!rows) return;
    progress.clear();
    switch (format) {
      case TABLE -> out.println(Output.row(r));
      case JSONL -> out.println(Output.toJson(Output.json(r)));
      case JSON -> {
        out.print((first ? "\n" : ",\n") + Output.toJson(Output.json(r)));
        first = false;
      }
    }
    out.flush();
  }

  /** At least {@code code}, whatever the jobs' outcomes: something outside them went wrong. */
  synchronized void atLeast(int code) {
    exitCode = Math.max(exitCode, code);
  }

  /** Stops the progress display and writes the summary; call once, after the run. */
  synchronized void finish() {
    timer.shutdownNow();
    progress.clear();
    List<String> summary = summary();
    switch (format) {
      case TABLE -> {
        if (rows) out.println();
        summary.forEach(out::println);
      }
      case JSONL -> summary.forEach(err::println);
      case JSON -> {
        Map<String, Object> tail = new LinkedHashMap<>();
        tail.put("summary", counts);
        tail.put("skipped", skipped);
        tail.put("exitCode", exitCode);
        String json = Output.toJson(tail);
        out.println((first ? "" : "\n") + "]," + json.substring(1));
      }
    }
    out.flush();
    err.flush();
  }

  /** The run's exit code so far: 0, or the highest code among the jobs. */
  synchronized int exitCode() {
    return exitCode;
  }

  /**
   * One line per vendor with its counts per outcome, a line for the whole run, and one for the
   * jobs that {@code --resume} skipped, if any.
   */
  synchronized List<String> summary() {
    List<String> lines = new ArrayList<>();
    counts.forEach((group, byType) -> lines.add(summaryLine(group, byType)));
    lines.add(summaryLine("all", types));
    if (skipped > 0) {
      lines.add(String.format("%-10s %d settled in %s", "skipped", skipped, skippedFrom));
    }
    return lines;
  }

  private static String summaryLine(String group, Map<String, Long> byType) {
    long n = byType.values().stream().mapToLong(Long::longValue).sum();
    String jobs = n == 1 ? "1 job" : n + " jobs";
    String detail = Progress.types(byType);
    return String.format("%-10s %s", group, detail.isEmpty() ? jobs : jobs + ": " + detail);
  }

  private synchronized void settled(JobRef ref) {
    inFlight.computeIfPresent(ref.provider(), (p, n) -> n > 1 ? n - 1 : null);
  }

  private synchronized void tick() {
    progress.show(new Progress.Snapshot(done, total, Map.copyOf(types), Map.copyOf(inFlight), elapsed()));
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
