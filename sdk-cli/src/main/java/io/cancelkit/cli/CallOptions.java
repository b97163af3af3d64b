package io.cancelkit.cli;

import io.cancelkit.core.CancellerBuilder;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The options {@code cancel} and {@code status} share: output, per-call settings, debug log. */
final class CallOptions {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "table (default): a row per job, then a summary per vendor; json: one document at the"
              + " end; jsonl: one JSON object per job as it settles. Usage errors are JSON too"
              + " under json and jsonl. Never prints a key.")
  OutputFormat output = OutputFormat.TABLE;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Deadline of each call, retries included (500ms, 60s, 2m); default 30s.")
  Duration timeout;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      description = "HTTP attempts per call, retries included; 1 disables retries; default 3.")
  Integer maxAttempts;

  @Option(
      names = "--verbose",
      description = "The SDK's debug log on stderr: every attempt and its answer, keys masked.")
  boolean verbose;

  /**
   * The builder settings these options ask for, then {@code tuning} (tests' timings).
   *
   * @throws UsageException if {@code --max-attempts} is below 1
   */
  Consumer<CancellerBuilder<?>> settings(Consumer<CancellerBuilder<?>> tuning) {
    if (maxAttempts != null && maxAttempts < 1) {
      throw new UsageException("--max-attempts must be at least 1: " + maxAttempts);
    }
    return b -> {
      if (timeout != null) b.timeout(timeout);
      if (maxAttempts != null) b.maxAttempts(maxAttempts);
      tuning.accept(b);
    };
  }
}
