package io.cancelkit.cli;

import static io.cancelkit.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Misuse exits with 2 and one clear line on stderr, before any request is sent. */
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
      Cli.Run r =
          run(
              Map.of("SGP_API_KEY", sim.apiKey(), "SGP_PROJECT_ID", sim.projectId()),
              "status",
              "--vendor",
              "scale",
              "--base-url",
              sim.baseUrl(),
              JOB);

      assertEquals(2, r.exit());
      assertEquals(
          "cancelkit: environment variable SGP_ACCOUNT_ID is not set; --vendor scale needs it\n",
          r.err());
      assertEquals(0, sim.requestCount());
    }
  }

  @Test
  void omniNeedsAnInstanceWithoutBaseUrl() {
    Cli.Run r = run(Map.of("OMNI_API_KEY", "omni_key"), "cancel", "--vendor", "omni", JOB);

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("OMNI_INSTANCE is not set"), r.err());
  }

  @Test
  void unknownVendorExits2ListingTheVendors() {
    Cli.Run r = run(Map.of(), "cancel", "--vendor", "acme", JOB);

    assertEquals(2, r.exit());
    assertTrue(
        r.err()
            .startsWith(
                "cancelkit: Invalid value for option '--vendor': 'acme' is not one of layers,"
                    + " plangrep, scale, omni, mogu\n"),
        r.err());
    assertTrue(r.err().contains("Try 'cancelkit cancel --help'"), r.err());
  }

  @Test
  void missingJobIdExits2() {
    Cli.Run r = run(Map.of("LAYERS_API_KEY", "lp_key"), "cancel", "--vendor", "layers");

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Missing required parameter: 'JOB_ID'"), r.err());
  }

  @Test
  void missingVendorExits2() {
    Cli.Run r = run(Map.of(), "status", JOB);

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Missing required option: '--vendor=VENDOR'"), r.err());
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
    assertTrue(r.err().startsWith("cancelkit: Unknown options: '--wait'"), r.err());
  }

  @Test
  void badAwaitDurationExits2() {
    Cli.Run r = run(Map.of(), "cancel", "--vendor", "layers", "--await", "soon", JOB);

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("'soon' is not a duration"), r.err());
  }

  @Test
  void projectOnlyAppliesToScale() {
    Cli.Run r =
        run(
            Map.of("LAYERS_API_KEY", "lp_key"),
            "cancel",
            "--vendor",
            "layers",
            "--project",
            "p",
            JOB);

    assertEquals(2, r.exit());
    assertEquals("cancelkit: --project applies only to --vendor scale\n", r.err());
  }

  @Test
  void plainHttpToAnotherHostExits2() {
    Cli.Run r =
        run(
            Map.of("LAYERS_API_KEY", "lp_key"),
            "cancel",
            "--vendor",
            "layers",
            "--base-url",
            "http://example.com",
            JOB);

    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("cancelkit: --base-url: baseUrl must use https"), r.err());
  }

  @Test
  void malformedJobIdExits2AndSendsNothing() {
    try (OmniSimulator sim = Simulators.omni()) {
      Cli.Run r =
          run(
              Map.of("OMNI_API_KEY", sim.apiKey()),
              "cancel",
              "--vendor",
              "omni",
              "--base-url",
              sim.baseUrl(),
              "not-a-uuid");

      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("cancelkit: JOB_ID: jobId is not a UUID"), r.err());
      assertEquals(0, sim.requestCount());
    }
  }

  @Test
  void helpDocumentsExitCodesAndEnvironment() {
    Cli.Run r = run(Map.of(), "cancel", "--help");

    assertEquals(0, r.exit());
    assertTrue(r.out().contains("Exit codes:"), r.out());
    for (String code :
        new String[] {
          "0   Cancelled, CancelPending or AlreadyFinished",
          "2   bad usage",
          "3   NotCancellable",
          "4   NotFound",
          "5   Failed"
        }) {
      assertTrue(r.out().contains(code), code + " in " + r.out());
    }
    assertTrue(r.out().contains("SGP_API_KEY, SGP_ACCOUNT_ID, SGP_PROJECT_ID"), r.out());
  }
}
