package io.cancelkit.cli;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.BulkReport;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobRef;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.RateLimit;
import io.cancelkit.testkit.DemoScenarios;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.VendorSimulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cancelkit demo}: starts a simulator of every installed vendor that the testkit simulates,
 * cancels a tour of jobs on each (every outcome the vendor can give), then a fleet of thousands of
 * jobs across all of them at once through {@link CancelRouter#cancelAll}. Every canceller comes
 * from its vendor's {@link CancellerProvider}, configured from the environment the simulator names,
 * and the jobs from the testkit's {@link DemoScenarios}: the demo names no vendor.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts in-process simulators of the vendors on 127.0.0.1 and, through the SDK, cancels a"
          + " job of every kind on each (running, refusing cancel in its stage, finished, unknown,"
          + " behind a wrong key, behind a transient 503), printing what each vendor answered and"
          + " what the SDK made of it; then 3000 jobs across all vendors at once within their rate"
          + " limits, with progress. Needs no key and no network; always exits 0."
    })
final class DemoCommand implements Callable<Integer> {
  /** Whole table width; fits a 100-column terminal. */
  static final int WIDTH = 99;

  /** Jobs per vendor in the fleet section. */
  static final int FLEET_PER_VENDOR = 600;

  /** The simulators' rate-limit window in the fleet section, instead of the vendors' minute. */
  static final Duration WINDOW = Duration.ofMillis(250);

  private static final String ROW = "%-8s  %-10s  %-6s  %-7s  %-26s  %5s  %6s";
  private static final String INDENT = " ".repeat(10);
  private static final Duration AWAIT = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  private final Io io;

  DemoCommand(Io io) {
    this.io = io;
  }

  /** One tour job: what was asked, what the vendor answered, what the SDK returned. */
  record Row(
      String vendor,
      String job,
      DemoScenarios.Mode mode,
      List<AnswerRecorder.Exchange> cancels,
      CancelOutcome outcome,
      long millis) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<CancellerProvider, VendorSimulator> sims = new LinkedHashMap<>();
    try {
      for (CancellerProvider p : CancellerProvider.installed()) {
        if (Simulators.providers().contains(p.name())) sims.put(p, Simulators.start(p.name()));
      }
      wrap(
          out,
          "cancelkit demo: the SDK against in-process simulators of " + sims.size()
              + " vendors on 127.0.0.1 (no key, no network). Each canceller comes from its"
              + " vendor's CancellerProvider.fromEnv, given the environment that the simulator"
              + " names (<PREFIX>_API_KEY, <PREFIX>_BASE_URL, ...).");
      out.println();
      tour(out, sims);
      out.println();
      fleet(out, sims);
    } finally {
      sims.values().forEach(VendorSimulator::close);
    }
    out.flush();
    return ExitCodes.OK;
  }

  // ---- 1. the tour --------------------------------------------------------------------------

  private static void tour(PrintWriter out, Map<CancellerProvider, VendorSimulator> sims) {
    OkHttpClient shared = new OkHttpClient();
    List<Row> rows = new ArrayList<>();
    try {
      sims.forEach(
          (provider, sim) -> {
            for (DemoScenarios.TourJob job : DemoScenarios.tour(sim)) {
              rows.add(run(provider, job, shared));
            }
          });
    } finally {
      // Idle keep-alive connections to the simulators are of no further use.
      shared.connectionPool().evictAll();
    }
    out.println("1. One job at a time: cancel (one call) or await (cancelAndAwait, 5 s at most).");
    out.println();
    print(out, rows);
    Set<String> kinds = new LinkedHashSet<>();
    for (String type : Output.TYPES) {
      if (rows.stream().anyMatch(r -> r.outcome().getClass().getSimpleName().equals(type))) {
        kinds.add(type);
      }
    }
    out.println();
    out.println("Outcome kinds shown: " + String.join(", ", kinds) + ".");
    List<String> refusing = new ArrayList<>();
    List<String> none = new ArrayList<>();
    for (CancellerProvider p : sims.keySet()) {
      DemoScenarios.refusingStage(p.name())
          .ifPresentOrElse(stage -> refusing.add(p.name() + " " + stage), () -> none.add(p.name()));
    }
    wrap(
        out,
        "Stages that refuse cancel: "
            + (refusing.isEmpty() ? "none" : String.join("; ", refusing))
            + (none.isEmpty() ? "." : "; " + and(none) + " document none."));
  }

  private static Row run(CancellerProvider provider, DemoScenarios.TourJob job, OkHttpClient shared) {
    AnswerRecorder recorder = new AnswerRecorder();
    JobCanceller c =
        provider.fromEnv(
            job.environment()::get,
            b ->
                b.pollInterval(Duration.ofMillis(50))
                    .initialBackoff(Duration.ofMillis(10))
                    .timeout(AWAIT)
                    .okHttpClient(shared.newBuilder().addInterceptor(recorder).build()));
    job.arm().run();
    long start = System.nanoTime();
    CancelOutcome outcome =
        job.mode() == DemoScenarios.Mode.AWAIT
            ? c.cancelAndAwait(job.jobId(), AWAIT)
            : c.cancel(job.jobId());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Row(provider.name(), job.label(), job.mode(), recorder.cancels(), outcome, millis);
  }

  static void print(PrintWriter out, List<Row> rows) {
    out.println(String.format(ROW, "VENDOR", "JOB", "CALL", "HTTP", "OUTCOME", "TRIES", "MS"));
    out.println(
        String.format(
            ROW, "-".repeat(8), "-".repeat(10), "-".repeat(6), "-".repeat(7), "-".repeat(26),
            "-".repeat(5), "-".repeat(6)));
    String previous = null;
    for (Row row : rows) {
      if (previous != null && !previous.equals(row.vendor())) out.println();
      previous = row.vendor();
      String statuses =
          row.cancels().stream()
              .map(e -> Integer.toString(e.status()))
              .collect(Collectors.joining(","));
      out.println(
          String.format(
              ROW,
              row.vendor(),
              row.job(),
              row.mode() == DemoScenarios.Mode.AWAIT ? "await" : "cancel",
              statuses.isEmpty() ? "-" : statuses,
              outcome(row.outcome()),
              row.outcome().response().attempts(),
              row.millis()));
      String body =
          row.cancels().isEmpty() ? "" : row.cancels().get(row.cancels().size() - 1).body();
      out.println(INDENT + BodyPreview.of(body, WIDTH - INDENT.length()));
    }
    out.println();
    out.println(
        "HTTP: each cancel POST's status, retries included; below it, the last one's body,");
    out.println("shortened. TRIES: HTTP attempts, retries, follow-up GETs and polls included.");
  }

  /** The outcome's type, with the detail that tells the rows apart. */
  static String outcome(CancelOutcome outcome) {
    String type = outcome.getClass().getSimpleName();
    if (outcome instanceof AlreadyFinished f) return type + "(" + f.finalState() + ")";
    if (outcome instanceof NotCancellable n) return type + "(" + n.stage() + ")";
    if (outcome instanceof Failed f) return type + "(" + f.error().kind() + ")";
    return type;
  }

  // ---- 2. the fleet -------------------------------------------------------------------------

  private void fleet(PrintWriter out, Map<CancellerProvider, VendorSimulator> sims) {
    BulkOptions.Builder options = BulkOptions.builder();
    List<JobCanceller> cancellers = new ArrayList<>();
    List<List<JobRef>> perVendor = new ArrayList<>();
    List<String> limited = new ArrayList<>();
    List<String> unlimited = new ArrayList<>();
    sims.forEach(
        (provider, sim) -> {
          cancellers.add(provider.fromEnv(sim.environment()::get));
          List<JobRef> refs = new ArrayList<>();
          for (String id : DemoScenarios.fleet(sim, FLEET_PER_VENDOR)) {
            refs.add(JobRef.of(provider.name(), id));
          }
          perVendor.add(refs);
          List<DemoScenarios.Limit> limits = DemoScenarios.shortenRateLimits(sim, WINDOW);
          if (limits.isEmpty()) {
            unlimited.add(provider.name());
          } else {
            options.rateLimit(provider.name(), lanes(limits));
            limited.add(String.format("  %-9s %s", provider.name(), describe(limits)));
          }
        });
    List<JobRef> refs = interleave(perVendor);
    out.println(
        "2. A fleet: " + refs.size() + " jobs on " + sims.size()
            + " vendors at once, through CancelRouter.cancelAll.");
    out.println();
    wrap(
        out,
        "The simulators enforce each vendor's documented rate limits per key, with the window"
            + " shortened from a minute to " + WINDOW.toMillis() + " ms for this demo; the lanes'"
            + " BulkOptions.rateLimit overrides keep 5/6 of each budget, since loopback timing"
            + " jitter must not tip an evenly spaced request over the line:");
    limited.forEach(out::println);
    out.println(
        "  " + and(unlimited) + ": no documented limit; "
            + BulkOptions.DEFAULT_CONCURRENCY + " jobs in flight per vendor.");
    out.println();
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    Reporter reporter = new Reporter(OutputFormat.TABLE, false, out, err, io.progress(err, true));
    reporter.start(refs.size());
    BulkReport report = CancelRouter.of(cancellers).cancelAll(refs, options.listener(reporter).build());
    reporter.finish();
    long tooMany = sims.values().stream().mapToLong(VendorSimulator::rateLimitedAnswers).sum();
    out.println();
    out.println(
        report.settled() + " jobs settled in " + report.elapsed().toMillis() / 100 / 10.0
            + " s; 429 answers sent by the simulators: " + tooMany + ".");
  }

  /** The lanes' budgets: 5/6 of what the simulator allows per window. */
  static RateLimit[] lanes(List<DemoScenarios.Limit> limits) {
    return limits.stream()
        .map(l -> new RateLimit(RateLimit.Kind.valueOf(l.kind()), l.permits() * 5 / 6, l.window()))
        .toArray(RateLimit[]::new);
  }

  /** Such as {@code 60 writes and 120 reads per 250 ms (lane: 50 and 100)}. */
  private static String describe(List<DemoScenarios.Limit> limits) {
    String sim =
        limits.stream()
            .map(l -> l.permits() + " " + words(l.kind()))
            .collect(Collectors.joining(" and "));
    String lane =
        limits.stream()
            .map(l -> Integer.toString(l.permits() * 5 / 6))
            .collect(Collectors.joining(" and "));
    return sim + " per " + WINDOW.toMillis() + " ms (lane: " + lane + ")";
  }

  private static String words(String kind) {
    return switch (kind) {
      case "WRITES" -> "writes";
      case "READS" -> "reads";
      default -> "requests";
    };
  }

  /** {@code a, b and c}. */
  private static String and(List<String> names) {
    if (names.size() < 2) return String.join("", names);
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /** Prints {@code text} in lines of at most {@link #WIDTH} columns, broken at spaces. */
  private static void wrap(PrintWriter out, String text) {
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
        out.println(line);
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    if (line.length() > 0) out.println(line);
  }

  /** One job of each vendor in turn, as a mixed fleet would be listed. */
  private static List<JobRef> interleave(List<List<JobRef>> perVendor) {
    List<JobRef> all = new ArrayList<>();
    for (int i = 0; ; i++) {
      boolean any = false;
      for (List<JobRef> refs : perVendor) {
        if (i < refs.size()) {
          all.add(refs.get(i));
          any = true;
        }
      }
      if (!any) return all;
    }
  }
}
