package io.cancelkit.cli;

import static io.cancelkit.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Misuse exits with 2 and one clear line on stderr (one JSON object on stdout under {@code --output
 * json|jsonl}), before any request is sent.
 */
class UsageTest {
  private static final String JOB = "job_01HXA1NHKJZXPV8R7Q6WSM5BCD";

  @Test
  void missingKeyExits2NamingTheVariable() {
    Cli.Run r = run(Map.of(), "cancel", "--vendor", "layers", JOB);

    assertEquals(2, r.exit());
    assertEquals(
        "cancelkit: environment variable LAYERS_API_KEY is not set; --vendor layers needs it\n",
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void missingScaleAccountExits2NamingItAndSendsNothing() {
    try (ScaleSimulator sim = Simulators.scale()) {
      Map<String, String> env =
          Map.of(
              "SGP_API_KEY", sim.apiKey(),
              "SGP_PROJECT_ID", sim.projectId(),
              "SGP_BASE_URL", sim.baseUrl());

      Cli.Run r = run(env, "status", "--vendor", "scale", JOB);

      assertEquals(2, r.exit());
      assertEquals(
          "cancelkit: environment variable SGP_ACCOUNT_ID is not set; --vendor scale needs it\n",
          r.err());
      assertEquals(0, sim.requestCount());
    }
  }

  @Test
  void omniNeedsAnInstanceOrABaseUrl() {
    Cli.Run r = run(Map.of("OMNI_API_KEY", "omni_key"), "cancel", "--vendor", "omni", JOB);

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("OMNI_INSTANCE (or OMNI_BASE_URL) is not set"), r.err());
  }

  @Test
  void malformedBaseUrlVariableExits2NamingIt() {
    Map<String, String> env =
        Map.of("LAYERS_API_KEY", "lp_key", "LAYERS_BASE_URL", "http://example.com");

    Cli.Run r = run(env, "cancel", "--vendor", "layers", JOB);

    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("cancelkit: LAYERS_BASE_URL: baseUrl must use https"), r.err());
  }

  @Test
  void unknownVendorExits2ListingTheInstalledVendors() {
    Cli.Run r = run(Map.of(), "cancel", "--vendor", "acme", JOB);

    assertEquals(2, r.exit());
    assertTrue(
        r.err()
            .startsWith(
                "cancelkit: Invalid value for option '--vendor': 'acme' is not one of layers,"
                    + " mogu, omni, plangrep, scale\n"),
        r.err());
    assertTrue(r.err().contains("Try 'cancelkit cancel --help'"), r.err());
  }

  @Test
  void vendorWithoutJobIdExits2() {
    Cli.Run r = run(Map.of("LAYERS_API_KEY", "lp_key"), "cancel", "--vendor", "layers");

    assertEquals(2, r.exit());
    assertEquals("cancelkit: --vendor layers needs at least one JOB_ID\n", r.err());
  }

  @Test
  void nothingToCancelExits2SayingWhatToGive() {
    assertEquals(
        "cancelkit: nothing to cancel: give --vendor VENDOR and JOB_IDs, or --from-file FILE\n",
        run(Map.of(), "cancel").err());
    assertEquals(
        "cancelkit: JOB_ID needs --vendor VENDOR (or use --from-file with provider:jobId lines)\n",
        run(Map.of(), "cancel", JOB).err());
  }


  @Test
  void missingFileExits2() {
    Cli.Run r = run(Map.of(), "cancel", "--from-file", "/no/such/jobs.txt");

    assertEquals(2, r.exit());
    assertEquals("cancelkit: --from-file: no such file: /no/such/jobs.txt\n", r.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--vendor with --from-file | cancel --vendor layers --from-file - "
            + JOB
            + " | --vendor and --from-file cannot be combined",
        "status without --vendor | status " + JOB + " | Missing required option: '--vendor=VENDOR'"
      })
  void misuseOfOptionsExits2SayingWhy(String what, String args, String message) {
    Cli.Run r = run(Map.of(), args.split(" "));

    assertEquals(2, r.exit());
    assertTrue(r.err().contains(message), r.err());
  }

  @Test
  void missingOrUnknownCommandExits2() {
    assertEquals(2, run(Map.of()).exit());
    Cli.Run r = run(Map.of(), "cancle");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Did you mean: cancelkit cancel?"), r.err());
  }

  @Test
  void unknownOptionExits2() {
    Cli.Run r = run(Map.of(), "cancel", "--vendor", "layers", "--wait", "5s", JOB);

    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("cancelkit: Unknown option: '--wait'"), r.err());
  }

  @Test
  void badDurationsAndCountsExit2() {
    assertTrue(
        run(Map.of(), "cancel", "--vendor", "layers", "--await", "soon", JOB)
            .err()
            .contains("'soon' is not a duration"));
    Map<String, String> env = Map.of("LAYERS_API_KEY", "lp_key");
    assertEquals(
        "cancelkit: --max-attempts must be at least 1: 0\n",
        run(env, "cancel", "--vendor", "layers", "--max-attempts", "0", JOB).err());
    assertEquals(
        "cancelkit: --concurrency must be at least 1: 0\n",
        run(env, "cancel", "--vendor", "layers", "--concurrency", "0", JOB).err());
  }

  @Test
  void usageErrorsAreOneJsonObjectOnStdoutUnderJsonOutput() {
    // Caught while parsing: the output option may come after the mistake.
    Cli.Run parsing = run(Map.of(), "cancel", "--vendor", "acme", "--output=jsonl", JOB);
    // Caught while running: the environment lacks the key.
    Cli.Run running = run(Map.of(), "cancel", "-o", "json", "--vendor", "layers", JOB);

    for (Cli.Run r : List.of(parsing, running)) {
      assertEquals(2, r.exit());
      assertEquals("", r.err());
      Map<String, Object> json = r.json();
      assertEquals(List.of("error", "message", "exitCode"), List.copyOf(json.keySet()));
      assertEquals("usage", json.get("error"));
      assertEquals(2.0, json.get("exitCode"));
    }
    assertTrue(((String) parsing.json().get("message")).contains("'acme' is not one of"));
    assertTrue(((String) running.json().get("message")).contains("LAYERS_API_KEY is not set"));
  }

  @Test
  void helpDocumentsExitCodesAndEachVendorsEnvironment() {
    Cli.Run r = run(Map.of(), "cancel", "--help");

    assertEquals(0, r.exit());
    assertTrue(r.out().contains("Exit codes:"), r.out());
    for (String code :
        new String[] {
          "0   every job Cancelled, CancelPending or AlreadyFinished",
          "2   bad usage",
          "3   NotCancellable",
          "4   NotFound",
          "5   Failed",
          "Several jobs: the highest code among them"
        }) {
      assertTrue(r.out().contains(code), code + " in " + r.out());
    }
    // From the installed providers, not a list in the command.
    assertTrue(
        r.out().contains("scale     SGP_API_KEY, SGP_ACCOUNT_ID; optional SGP_PROJECT_ID, SGP_BASE_URL"),
        r.out());
    assertTrue(r.out().contains("layers    LAYERS_API_KEY; optional LAYERS_BASE_URL"), r.out());
    assertTrue(
        r.out().replaceAll("\\s+", " ").contains("The vendor of the JOB_IDs: layers, mogu, omni, plangrep, scale."),
        r.out());
  }
}
