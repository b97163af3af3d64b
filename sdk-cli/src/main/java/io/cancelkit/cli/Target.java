package io.cancelkit.cli;

import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.mogu.MoguCanceller;
import io.cancelkit.omni.OmniCanceller;
import io.cancelkit.plangrep.PlangrepCanceller;
import io.cancelkit.scale.ScaleCanceller;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options {@code cancel} and {@code status} share: which vendor, where, which job, and how to
 * print; builds the vendor's canceller from them and the environment.
 */
final class Target {
  @Option(
      names = "--vendor",
      required = true,
      paramLabel = "VENDOR",
      description = "layers, plangrep, scale, omni or mogu.")
  Vendor vendor;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "Overrides the vendor's base URL, e.g. a simulator or proxy (https, or http on"
              + " loopback); for omni it replaces OMNI_INSTANCE.")
  String baseUrl;

  @Option(
      names = "--project",
      paramLabel = "PROJECT_ID",
      description = "scale only: the project of the job, instead of SGP_PROJECT_ID.")
  String project;

  @Option(
      names = "--json",
      description = "Print one JSON object instead of a line of text (never the API key).")
  boolean json;

  @Parameters(index = "0", paramLabel = "JOB_ID", description = "The vendor's id of the job.")
  String jobId;

  /**
   * Builds the canceller from the options and {@code env}, with {@code tuning} applied last.
   *
   * @throws UsageException naming the environment variable or option that is missing or invalid
   */
  JobCanceller open(Function<String, String> env, Consumer<CancellerBuilder<?>> tuning) {
    if (project != null && vendor != Vendor.SCALE) {
      throw new UsageException("--project applies only to --vendor scale");
    }
    switch (vendor) {
      case LAYERS -> {
        LayersCanceller.Builder b = LayersCanceller.builder();
        common(b, env, "LAYERS_API_KEY", tuning);
        return b.build();
      }
      case PLANGREP -> {
        PlangrepCanceller.Builder b = PlangrepCanceller.builder();
        common(b, env, "PLANGREP_API_KEY", tuning);
        return b.build();
      }
      case SCALE -> {
        ScaleCanceller.Builder b = ScaleCanceller.builder();
        common(b, env, "SGP_API_KEY", tuning);
        String account = require(env, "SGP_ACCOUNT_ID");
        check("SGP_ACCOUNT_ID", () -> b.accountId(account));
        if (project != null) {
          check("--project", () -> b.projectId(project));
        } else {
          String fromEnv = require(env, "SGP_PROJECT_ID");
          check("SGP_PROJECT_ID", () -> b.projectId(fromEnv));
        }
        return b.build();
      }
      case OMNI -> {
        OmniCanceller.Builder b = OmniCanceller.builder();
        common(b, env, "OMNI_API_KEY", tuning);
        if (baseUrl == null) {
          // Omni has no shared host: without --base-url the instance names the organization's.
          String instance = require(env, "OMNI_INSTANCE");
          check("OMNI_INSTANCE", () -> b.instance(instance));
        }
        return b.build();
      }
      case MOGU -> {
        MoguCanceller.Builder b = MoguCanceller.builder();
        common(b, env, "MOGU_API_KEY", tuning);
        return b.build();
      }
      default -> throw new AssertionError(vendor);
    }
  }

  private void common(
      CancellerBuilder<?> b,
      Function<String, String> env,
      String keyVariable,
      Consumer<CancellerBuilder<?>> tuning) {
    String key = require(env, keyVariable);
    // The builder's message names the offending index, never the key itself.
    check(keyVariable, () -> b.apiKey(key));
    if (baseUrl != null) check("--base-url", () -> b.baseUrl(baseUrl));
    tuning.accept(b);
  }

  private String require(Function<String, String> env, String name) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new UsageException(
          "environment variable " + name + " is not set; --vendor " + vendor + " needs it");
    }
    return value.trim();
  }

  private static void check(String source, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
  }
}
