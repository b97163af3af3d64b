package io.cancelkit.cli;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.mogu.MoguCanceller;
import io.cancelkit.omni.OmniCanceller;
import io.cancelkit.plangrep.PlangrepCanceller;
import io.cancelkit.scale.ScaleCanceller;
import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.PlangrepSimulator;
import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.VendorSimulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cancelkit demo}: starts the five vendor simulators on loopback, cancels jobs in varied
 * states on each through the real SDK, and prints each vendor's answer next to its outcome.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts in-process simulators of the five vendors on 127.0.0.1, cancels a running job, one"
          + " in a stage that refuses cancel, a finished one, an unknown id and one behind a"
          + " transient 503 on each through the SDK, and prints what each vendor answered and"
          + " what the SDK made of it. Needs no key and no network; always exits 0."
    })
final class DemoCommand implements Callable<Integer> {
  /** Whole table width; fits a 100-column terminal. */
  static final int WIDTH = 99;

  private static final String ROW = "%-8s  %-11s  %-9s  %-26s  %5s  %6s";
  private static final String[] RULES = {
    "-".repeat(8), "-".repeat(11), "-".repeat(9), "-".repeat(26), "-".repeat(5), "-".repeat(6)
  };
  private static final String INDENT = " ".repeat(10);
  private static final Duration AWAIT = Duration.ofSeconds(5);
  private static final String UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";
  private static final String UNKNOWN_ULID_JOB = "job_00000000000000000000000000";

  // MockWebServer logs every request at INFO to stderr; held here because JUL keeps loggers
  // only weakly, which would drop the level set below.
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  @Spec CommandSpec spec;

  /** One cancelled job: what was asked, what the vendor answered, what the SDK returned. */
  record Row(
      String vendor,
      String job,
      List<AnswerRecorder.Exchange> cancels,
      CancelOutcome outcome,
      long millis) {}

  @Override
  public Integer call() {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    OkHttpClient shared = new OkHttpClient();
    List<Row> rows = new ArrayList<>();
    try (LayersSimulator layers = Simulators.layers();
        PlangrepSimulator plangrep = Simulators.plangrep();
        ScaleSimulator scale = Simulators.scale();
        OmniSimulator omni = Simulators.omni();
        MoguSimulator mogu = Simulators.mogu()) {
      layers(rows, layers, shared);
      plangrep(rows, plangrep, shared);
      scale(rows, scale, shared);
      omni(rows, omni, shared);
      mogu(rows, mogu, shared);
    } finally {
      // Idle keep-alive connections to the stopped simulators are of no further use.
      shared.connectionPool().evictAll();
    }
    print(spec.commandLine().getOut(), rows);
    return ExitCodes.OK;
  }

  private static void layers(List<Row> rows, LayersSimulator sim, OkHttpClient shared) {
    AnswerRecorder recorder = new AnswerRecorder();
    LayersCanceller.Builder b = LayersCanceller.builder();
    JobCanceller c = tune(b, sim, shared, recorder).build();
    rows.add(run(c, recorder, "running", sim.addJob("content_generate", "rendering", "running")));
    // The Layers cancel-job page: content_generate refuses cancel while finalizing.
    String finalizing = sim.addJob("content_generate", "finalizing", "running");
    rows.add(run(c, recorder, "finalizing", finalizing));
    rows.add(run(c, recorder, "completed", sim.addJob("content_generate", "publish", "completed")));
    rows.add(run(c, recorder, "unknown id", UNKNOWN_ULID_JOB));
    String flaky = sim.addJob("content_generate", "rendering", "running");
    sim.failNextWith503(1);
    rows.add(run(c, recorder, "503 first", flaky));
  }

  private static void plangrep(List<Row> rows, PlangrepSimulator sim, OkHttpClient shared) {
    AnswerRecorder recorder = new AnswerRecorder();
    PlangrepCanceller.Builder b = PlangrepCanceller.builder();
    JobCanceller c = tune(b, sim, shared, recorder).build();
    rows.add(run(c, recorder, "processing", sim.addJob("processing")));
    rows.add(run(c, recorder, "completed", sim.addJob("completed")));
    rows.add(run(c, recorder, "unknown id", UNKNOWN_ULID_JOB.toLowerCase(Locale.ROOT)));
    String flaky = sim.addJob("processing");
    sim.failNextWith503(1);
    rows.add(run(c, recorder, "503 first", flaky));
  }

  private static void scale(List<Row> rows, ScaleSimulator sim, OkHttpClient shared) {
    AnswerRecorder recorder = new AnswerRecorder();
    ScaleCanceller.Builder b =
        ScaleCanceller.builder().accountId(sim.accountId()).projectId(sim.projectId());
    JobCanceller c = tune(b, sim, shared, recorder).build();
    rows.add(run(c, recorder, "running", sim.addJob("running")));
    rows.add(run(c, recorder, "succeeded", sim.addJob("succeeded")));
    rows.add(run(c, recorder, "unknown id", UNKNOWN_UUID));
    String flaky = sim.addJob("running");
    sim.failNextWith503(1);
    rows.add(run(c, recorder, "503 first", flaky));
  }

  private static void omni(List<Row> rows, OmniSimulator sim, OkHttpClient shared) {
    AnswerRecorder recorder = new AnswerRecorder();
    OmniCanceller.Builder b = OmniCanceller.builder();
    JobCanceller c = tune(b, sim, shared, recorder).build();
    rows.add(run(c, recorder, "EXECUTING", sim.addJob("EXECUTING")));
    rows.add(run(c, recorder, "DELIVERING", sim.addJob("DELIVERING")));
    rows.add(run(c, recorder, "COMPLETE", sim.addJob("COMPLETE")));
    rows.add(run(c, recorder, "unknown id", UNKNOWN_UUID));
    String flaky = sim.addJob("EXECUTING");
    sim.failNextWith503(1);
    rows.add(run(c, recorder, "503 first", flaky));
  }

  private static void mogu(List<Row> rows, MoguSimulator sim, OkHttpClient shared) {
    AnswerRecorder recorder = new AnswerRecorder();
    MoguCanceller.Builder b = MoguCanceller.builder();
    JobCanceller c = tune(b, sim, shared, recorder).build();
    rows.add(run(c, recorder, "processing", sim.addJob("processing", "generatingBlocks")));
    rows.add(run(c, recorder, "completed", sim.addJob("completed", "completed")));
    rows.add(run(c, recorder, "unknown id", UNKNOWN_UUID));
    String flaky = sim.addJob("processing", "extractingText");
    sim.failNextWith503(1);
    rows.add(run(c, recorder, "503 first", flaky));
  }

  /** The simulator's key and URL, and timings short enough for loopback: a demo of seconds. */
  private static <B extends CancellerBuilder<B>> B tune(
      B builder, VendorSimulator sim, OkHttpClient shared, AnswerRecorder recorder) {
    return builder
        .apiKey(sim.apiKey())
        .baseUrl(sim.baseUrl())
        .pollInterval(Duration.ofMillis(50))
        .initialBackoff(Duration.ofMillis(10))
        .timeout(AWAIT)
        .okHttpClient(shared.newBuilder().addInterceptor(recorder).build());
  }

  private static Row run(JobCanceller c, AnswerRecorder recorder, String job, String jobId) {
    recorder.clear();
    long start = System.nanoTime();
    // cancelAndAwait returns a cancel's own outcome at once unless it is pending; then it polls.
    CancelOutcome outcome = c.cancelAndAwait(jobId, AWAIT);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Row(c.provider(), job, recorder.cancels(), outcome, millis);
  }

  static void print(PrintWriter out, List<Row> rows) {
    out.println(
        "cancelkit demo: the SDK against in-process simulators of five vendors on 127.0.0.1");
    out.println("(no key, no network). Each job is cancelled with cancelAndAwait(jobId, 5s).");
    out.println();
    out.println(String.format(ROW, "VENDOR", "JOB", "HTTP", "OUTCOME", "TRIES", "MS"));
    out.println(String.format(ROW, (Object[]) RULES));
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
    out.flush();
  }

  /** The outcome's type, with the detail that tells the rows apart. */
  static String outcome(CancelOutcome outcome) {
    String type = outcome.getClass().getSimpleName();
    if (outcome instanceof AlreadyFinished f) return type + "(" + f.finalState() + ")";
    if (outcome instanceof NotCancellable n) return type + "(" + n.stage() + ")";
    if (outcome instanceof Failed f) return type + "(" + f.error().kind() + ")";
    return type;
  }
}
