package io.cancelkit.cli;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.CancellerProvider;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

  @Option(
      names = "--vendor",
      required = true,
      paramLabel = "VENDOR",
      completionCandidates = Vendors.Names.class,
      description = "The vendor of the job: ${COMPLETION-CANDIDATES}.")
  CancellerProvider vendor;

  @Parameters(index = "0", paramLabel = "JOB_ID", description = "The vendor's id of the job.")
  String jobId;

  @Mixin CallOptions call = new CallOptions();

  private final Function<String, String> env;
  private final Consumer<CancellerBuilder<?>> tuning;

  StatusCommand(Function<String, String> env, Consumer<CancellerBuilder<?>> tuning) {
    this.env = env;
    this.tuning = tuning;
  }

  @Override
  public Integer call() {
    return DebugLog.around(spec.commandLine().getErr(), call.verbose, this::run);
  }

  private int run() {
    PrintWriter out = spec.commandLine().getOut();
    JobCanceller canceller = Vendors.openForStatus(vendor, env, call.settings(tuning));
    boolean json = call.output.isJson();
    try {
      JobSnapshot job = canceller.status(jobId);
      out.println(json ? Output.toJson(Output.json(job)) : Output.line(job));
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new UsageException("JOB_ID: " + e.getMessage());
    } catch (JobCancelException e) {
      // A lookup that failed is still the answer to the question asked: stdout, like a cancel's.
      CancelError error = e.error();
      String provider = canceller.provider();
      out.println(
          json
              ? Output.toJson(Output.json(provider, jobId, error))
              : Output.line(provider, jobId, error));
      return ExitCodes.ofStatusError(error.kind());
    } finally {
      out.flush();
    }
  }
}
