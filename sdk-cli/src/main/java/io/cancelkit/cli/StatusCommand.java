package io.cancelkit.cli;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cancelkit status}: reads one job and prints its state. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads JOB_ID and prints its state (QUEUED, RUNNING, CANCELLED, COMPLETED, FAILED, EXPIRED"
          + " or UNKNOWN), the vendor's own status word, its stage and when it last changed."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Target target = new Target();

  private final Function<String, String> env;
  private final Consumer<CancellerBuilder<?>> tuning;

  StatusCommand(Function<String, String> env, Consumer<CancellerBuilder<?>> tuning) {
    this.env = env;
    this.tuning = tuning;
  }

  @Override
  public Integer call() {
    JobCanceller canceller = target.open(env, tuning);
    PrintWriter out = spec.commandLine().getOut();
    try {
      JobSnapshot job = canceller.status(target.jobId);
      out.println(target.json ? Output.json(job) : Output.line(job));
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new UsageException("JOB_ID: " + e.getMessage());
    } catch (JobCancelException e) {
      // A lookup that failed is still the answer to the question asked: stdout, like a cancel's.
      CancelError error = e.error();
      String vendor = canceller.provider();
      out.println(
          target.json
              ? Output.json(vendor, target.jobId, error)
              : Output.line(vendor, target.jobId, error));
      return ExitCodes.ofStatusError(error.kind());
    } finally {
      out.flush();
    }
  }
}
