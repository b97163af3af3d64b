package io.cancelkit.cli;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.JobCanceller;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cancelkit cancel}: asks the vendor to cancel one job and prints the outcome. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Asks the vendor to cancel JOB_ID and prints the outcome: CANCELLED, CANCEL_PENDING"
          + " (accepted; the job stops asynchronously), ALREADY_FINISHED, NOT_CANCELLABLE,"
          + " NOT_FOUND or FAILED."
    })
final class CancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Target target = new Target();

  @Option(
      names = "--await",
      paramLabel = "DURATION",
      description =
          "When the cancel is accepted, poll the job until it ends or DURATION (500ms, 60s, 2m)"
              + " has passed; prints CANCEL_PENDING if it has not ended by then.")
  Duration await;

  private final Function<String, String> env;
  private final Consumer<CancellerBuilder<?>> tuning;

  CancelCommand(Function<String, String> env, Consumer<CancellerBuilder<?>> tuning) {
    this.env = env;
    this.tuning = tuning;
  }

  @Override
  public Integer call() {
    JobCanceller canceller = target.open(env, tuning);
    CancelOutcome outcome;
    try {
      outcome =
          await == null
              ? canceller.cancel(target.jobId)
              : canceller.cancelAndAwait(target.jobId, await);
    } catch (IllegalArgumentException e) {
      // The SDK refuses a malformed id before anything is sent.
      throw new UsageException("JOB_ID: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(target.json ? Output.json(outcome) : Output.line(outcome));
    out.flush();
    return ExitCodes.of(outcome);
  }
}
