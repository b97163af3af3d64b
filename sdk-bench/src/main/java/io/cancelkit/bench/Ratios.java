package io.cancelkit.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark and the cold start, then prints each SDK measure as a ratio to its twin:
 *
 * <pre>
 * java -cp sdk-bench/target/benchmarks.jar io.cancelkit.bench.Ratios [--cold-runs N] [JMH options]
 * </pre>
 *
 * JMH options (such as {@code -f 1 -wi 1 -i 1 -w 1s -r 1s} for a smoke run, or a regex to run a
 * subset) pass through to JMH; {@code -prof gc} is always on. {@code --cold-runs 0} skips the cold
 * start. A time ratio is the SDK's time over its twin's (1.10 = 10% slower); a throughput ratio is
 * the twin's time over the SDK's (0.90 = the SDK does 90% of the twin's work per second).
 */
public final class Ratios {
  private static final String ALLOC = "gc.alloc.rate.norm";

  private Ratios() {}

  /** One line of the table: a measure, its twin, how they compare, and the issue's goal. */
  private record Row(String measure, String twin, String kind, double sdk, double other, String unit,
      double sdkAlloc, double otherAlloc, double goal, double allocGoal) {
    boolean throughput() {
      return kind.equals("thrpt");
    }

    double ratio() {
      return throughput() ? other / sdk : sdk / other;
    }

    boolean met() {
      return throughput() ? ratio() >= goal : ratio() <= goal;
    }

    boolean hasAlloc() {
      return !Double.isNaN(sdkAlloc) && !Double.isNaN(otherAlloc);
    }

    double allocRatio() {
      return sdkAlloc / otherAlloc;
    }
  }

  /** Runs everything and prints the table; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int coldRuns = ColdStart.DEFAULT_RUNS;
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--cold-runs") && i + 1 < args.length) coldRuns = Integer.parseInt(args[++i]);
      else jmhArgs.add(args[i]);
    }
    CommandLineOptions cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
    boolean gc =
        cmd.getProfilers().stream()
            .anyMatch(p -> p.getKlass().equals("gc") || p.getKlass().equals(GCProfiler.class.getName()));
    if (!gc) options.addProfiler(GCProfiler.class);
    if (cmd.getIncludes().isEmpty()) {
      options.include(PerCallBenchmark.class.getName()).include(AsyncBenchmark.class.getName());
    }
    Map<String, RunResult> results = byName(new Runner(options.build()).run());
    ColdStart.Result cold = coldRuns > 0 ? ColdStart.measure(coldRuns) : null;
    System.out.println();
    System.out.println(table(rows(results, cold)));
  }

  /** Results by {@code method} or {@code method@delayMs}. */
  private static Map<String, RunResult> byName(Collection<RunResult> results) {
    Map<String, RunResult> byName = new HashMap<>();
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
      String delay = p.getParam("delayMs");
      byName.put(delay == null ? method : method + "@" + delay, r);
    }
    return byName;
  }

  private static List<Row> rows(Map<String, RunResult> r, ColdStart.Result cold) {
    List<Row> rows = new ArrayList<>();
    double none = Double.NaN;
    add(rows, r, "cancel(), no listener", "sdk", "raw", "raw OkHttp+Moshi", "time", 1.15, 1.20);
    add(rows, r, "cancel(), no-op listener", "sdkNoopListener", "sdk", "SDK, no listener", "time", 1.03, none);
    add(rows, r, "cancel(), Micrometer listener", "sdkMicrometer", "sdk", "SDK, no listener", "time", 1.10, none);
    add(rows, r, "cancel(), no-op listener", "sdkNoopListener", "raw", "raw OkHttp+Moshi", "time", none, none);
    add(rows, r, "cancel(), Micrometer listener", "sdkMicrometer", "raw", "raw OkHttp+Moshi", "time", none, none);
    for (String delay : List.of("0", "20")) {
      String server = ", server " + delay + " ms";
      add(rows, r, AsyncBenchmark.JOBS + " cancelAsync" + server, "sdkCancelAsync@" + delay,
          "rawEnqueue@" + delay, "raw enqueue, 64/64", "thrpt", 0.90, none);
      add(rows, r, AsyncBenchmark.JOBS + " cancelAll" + server, "sdkCancelAll@" + delay,
          "rawEnqueue@" + delay, "raw enqueue, 64/64", "thrpt", delay.equals("20") ? 0.90 : none, none);
    }
    if (cold != null) {
      String twin = "raw, fresh JVM";
      rows.add(new Row("cold start, process wall time", twin, "time", cold.sdk().wallMillis(),
          cold.raw().wallMillis(), "ms", none, none, 1.20, none));
      rows.add(new Row("cold start, main to answer", twin, "time", cold.sdk().mainMillis(),
          cold.raw().mainMillis(), "ms", none, none, none, none));
    }
    return rows;
  }

  private static void add(List<Row> rows, Map<String, RunResult> r, String measure, String sdk,
      String other, String twin, String kind, double goal, double allocGoal) {
    RunResult a = r.get(sdk);
    RunResult b = r.get(other);
    if (a == null || b == null) return; // not run: a subset was asked for
    rows.add(new Row(measure, twin, kind, a.getPrimaryResult().getScore(), b.getPrimaryResult().getScore(),
        a.getPrimaryResult().getScoreUnit(), alloc(a), alloc(b), goal, allocGoal));
  }

  /**
   * Bytes allocated per operation by every thread, or NaN. Only the per-call figures are kept: in a
   * batch, OkHttp's dispatcher threads and the server's connection threads come and go, and a thread
   * that ends within an iteration takes its count with it.
   */
  private static double alloc(RunResult r) {
    if (!r.getParams().getBenchmark().contains(PerCallBenchmark.class.getSimpleName())) return Double.NaN;
    Result<?> alloc = r.getSecondaryResults().get(ALLOC);
    return alloc == null ? Double.NaN : alloc.getScore();
  }

  /** A Markdown table, so that it reads in a terminal and pastes into the README as is. */
  private static String table(List<Row> rows) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"measure", "against", "SDK", "twin", "ratio", "goal", "met",
        "SDK B/op", "twin B/op", "alloc ratio", "alloc goal", "alloc met"});
    for (Row row : rows) {
      boolean allocGoal = row.hasAlloc() && !Double.isNaN(row.allocGoal);
      lines.add(new String[] {
        row.measure,
        row.twin,
        num(row.sdk) + " " + row.unit,
        num(row.other) + " " + row.unit,
        String.format(Locale.ROOT, "%s %.2fx", row.kind, row.ratio()),
        Double.isNaN(row.goal) ? "" : (row.throughput() ? ">= " : "<= ") + num(row.goal),
        Double.isNaN(row.goal) ? "" : row.met() ? "yes" : "NO",
        row.hasAlloc() ? num(row.sdkAlloc) : "",
        row.hasAlloc() ? num(row.otherAlloc) : "",
        row.hasAlloc() ? String.format(Locale.ROOT, "%.2fx", row.allocRatio()) : "",
        allocGoal ? "<= " + num(row.allocGoal) : "",
        allocGoal ? (row.allocRatio() <= row.allocGoal ? "yes" : "NO") : "",
      });
    }
    int[] widths = new int[lines.get(0).length];
    for (String[] l : lines) for (int i = 0; i < l.length; i++) widths[i] = Math.max(widths[i], l[i].length());
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < lines.size(); n++) {
      out.append(line(lines.get(n), widths));
      if (n == 0) {
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) rule[i] = "-".repeat(widths[i]);
        out.append(line(rule, widths));
      }
    }
    return out.toString();
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      b.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
    }
    return b.append('\n').toString();
  }

  private static String num(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
