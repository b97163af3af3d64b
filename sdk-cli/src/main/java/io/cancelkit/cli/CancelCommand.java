package io.cancelkit.cli;

import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cancelkit cancel}: cancels jobs given on the command line or in a file, each vendor in a
 * lane of its own within its rate limits, and prints each outcome as it settles.
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Cancels the JOB_IDs of one vendor, or every provider:jobId line of a file, and prints each"
          + " outcome as it settles: Cancelled, CancelPending (accepted; the job stops"
          + " asynchronously), AlreadyFinished, NotCancellable, NotFound or Failed; then one"
          + " summary line per vendor. Progress goes to stderr."
    })
final class CancelCommand implements Callable<Integer> {
  /** How long Ctrl-C lets the jobs in flight settle and be printed. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  @Option(
      names = "--vendor",
      paramLabel = "VENDOR",
      completionCandidates = Vendors.Names.class,
      description = "The vendor of the JOB_IDs: ${COMPLETION-CANDIDATES}.")
  CancellerProvider vendor;

  @Parameters(
      arity = "0..*",
      paramLabel = "JOB_ID",
      description = "With --vendor: the vendor's ids of the jobs; a repeated id is cancelled once.")
  List<String> ids = new ArrayList<>();

  @Option(
      names = "--from-file",
      paramLabel = "FILE",
      description =
          "Cancels the job of every line of FILE (- for stdin), one provider:jobId a line"
              + " (layers:job_123, scale:proj_123/job_456); blank lines and # comments are"
              + " skipped; a malformed line is one Failed result naming its line. Read as the run"
              + " goes, so any length runs in bounded memory.")
  String fromFile;

  @Option(
      names = "--resume",
      paramLabel = "FILE",
      description =
          "Skips the jobs that FILE, the --output jsonl of an earlier run, shows Cancelled,"
              + " CancelPending, AlreadyFinished or NotFound; the others run again.")
  String resume;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Jobs in flight per vendor; default ${DEFAULT-VALUE}.")
  int concurrency = BulkOptions.DEFAULT_CONCURRENCY;

  @Option(
      names = "--await",
      paramLabel = "DURATION",
      description =
          "Also waits for each job to end, all within DURATION (500ms, 60s, 2m) from the start; a"
              + " job still running then stays CancelPending. Progress shows what is waited on.")
  Duration await;

  @Mixin CallOptions call = new CallOptions();

  private final Function<String, String> env;
  private final Consumer<CancellerBuilder<?>> tuning;
  private final Consumer<BulkOptions.Builder> bulkTuning;
  private final Io io;

  CancelCommand(
      Function<String, String> env,
      Consumer<CancellerBuilder<?>> tuning,
      Consumer<BulkOptions.Builder> bulkTuning,
      Io io) {
    this.env = env;
    this.tuning = tuning;
    this.bulkTuning = bulkTuning;
    this.io = io;
  }

  @Override
  public Integer call() {
    checkUsage();
    return DebugLog.around(spec.commandLine().getErr(), call.verbose, this::run);
  }

  private int run() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Consumer<CancellerBuilder<?>> settings = call.settings(tuning);
    Resume settled = resume == null ? null : Resume.read(resume, err);
    // Debug lines and a bar redrawn in place would garble each other: lines when verbose.
    Reporter reporter = new Reporter(call.output, true, out, err, io.progress(err, !call.verbose));
    BulkOptions.Builder options = BulkOptions.builder().concurrency(concurrency).listener(reporter);
    if (await != null) options.await(await);
    bulkTuning.accept(options);
    if (vendor != null) {
      byId(Vendors.open(vendor, env, settings), settled, reporter, options.build());
    } else {
      fromFile(settings, settled, reporter, options.build());
    }
    return reporter.exitCode();
  }

  private void checkUsage() {
    if (vendor != null && fromFile != null) {
      throw new UsageException(
          "--vendor and --from-file cannot be combined: each line of the file names its vendor");
    }
    if (vendor == null && fromFile == null) {
      throw new UsageException(
          ids.isEmpty()
              ? "nothing to cancel: give --vendor VENDOR and JOB_IDs, or --from-file FILE"
              : "JOB_ID needs --vendor VENDOR (or use --from-file with provider:jobId lines)");
    }
    if (vendor != null && ids.isEmpty()) {
      throw new UsageException("--vendor " + vendor.name() + " needs at least one JOB_ID");
    }
    if (fromFile != null && !ids.isEmpty()) {
      throw new UsageException(
          "JOB_IDs go with --vendor; --from-file reads provider:jobId lines: " + ids.get(0));
    }
    if (concurrency < 1) {
      throw new UsageException("--concurrency must be at least 1: " + concurrency);
    }
  }

  /** The JOB_IDs of {@code --vendor}: all known before the run, so a repeated one goes once. */
  private void byId(
      JobCanceller canceller, Resume settled, Reporter reporter, BulkOptions options) {
    Set<JobRef> refs = new LinkedHashSet<>();
    for (String id : ids) {
      try {
        refs.add(JobRef.of(canceller.provider(), id));
      } catch (IllegalArgumentException e) {
        throw new UsageException("JOB_ID: " + e.getMessage());
      }
    }
    List<JobRef> todo = new ArrayList<>();
    long skipped = 0;
    for (JobRef ref : refs) {
      if (settled != null && settled.settled(ref.toString())) {
        skipped++;
      } else {
        todo.add(ref);
      }
    }
    CancelRouter router = CancelRouter.of(canceller);
    reporter.start(refs.size());
    if (skipped > 0) reporter.skipped(skipped, settled.file());
    todo.forEach(ref -> reporter.handedOver(ref.provider()));
    runBulk(reporter, () -> router.cancelAll(todo, options));
  }

  /** The lines of {@code --from-file}, read as the run asks for them: a stream of any length. */
  private void fromFile(
      Consumer<CancellerBuilder<?>> settings, Resume settled, Reporter reporter, BulkOptions options) {
    Vendors.Fleet fleet = Vendors.openAll(env, settings);
    CancelRouter router = fleet.router();
    Set<String> routed = Set.copyOf(router.providers());
    Predicate<JobRef> admit =
        ref -> {
          if (settled != null && settled.settled(ref.toString())) {
            reporter.skipped(1, settled.file());
            return false;
          }
          if (!routed.contains(ref.provider())) {
            reporter.result(Result.invalid(ref, unrouted(ref.provider(), fleet)));
            return false;
          }
          reporter.handedOver(ref.provider());
          return true;
        };
    try (BufferedReader in = open(fromFile)) {
      RefLines lines = new RefLines(in, admit, reporter::result);
      reporter.start(fromFile.equals("-") ? -1 : countJobs(Path.of(fromFile)));
      runBulk(reporter, () -> router.cancelAll(lines, options));
      if (lines.failure() != null) {
        spec.commandLine().getErr().println("cancelkit: " + fromFile + ": " + lines.failure());
        spec.commandLine().getErr().flush();
        reporter.atLeast(ExitCodes.FAILED);
      }
    } catch (IOException e) {
      // Closing the input failed after the run; every job already has its result.
      throw new UncheckedIOException(e);
    }
  }

  private BufferedReader open(String file) {
    if (file.equals("-")) {
      return new BufferedReader(new InputStreamReader(io.stdin(), StandardCharsets.UTF_8));
    }
    try {
      return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException("--from-file: no such file: " + file);
    } catch (IOException e) {
      throw new UsageException("--from-file: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The jobs a file names, for the progress bar's total; -1 when it cannot be told up front. */
  private static long countJobs(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(RefLines::isJob).count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  private static String unrouted(String provider, Vendors.Fleet fleet) {
    String why = fleet.unconfigured().get(provider);
    if (why != null) return provider + " is not configured: " + why;
    return "no vendor '" + provider + "' is installed; installed: "
        + String.join(", ", Vendors.names());
  }

  /**
   * Runs {@code bulk}, then the summary. In the real process, Ctrl-C interrupts the run, which
   * then starts no more jobs, settles and prints those in flight (for {@code --resume}), and
   * reports queued ones as NotAttempted; lines not read yet are simply not printed.
   */
  private void runBulk(Reporter reporter, Runnable bulk) {
    if (!io.settleOnShutdown()) {
      try {
        bulk.run();
      } finally {
        reporter.finish();
      }
      return;
    }
    Thread runner = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              runner.interrupt();
              try {
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "cancelkit-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      bulk.run();
    } finally {
      reporter.finish();
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down already: the hook is running and has just been released.
      }
    }
  }
}
