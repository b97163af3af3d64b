package io.cancelkit.cli;

import static io.cancelkit.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.PlangrepSimulator;
import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@code cancelkit cancel} end to end against the simulators, through {@code --base-url}. */
class CancelCommandTest {
  private static final String REQUEST_ID = "req_[0-9A-Z]{26}";

  @Test
  void runningLayersJobIsPendingAndExits0() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r = layers(sim, "cancel", job);

      assertEquals(0, r.exit(), r.err());
      assertTrue(
          r.line()
              .matches(
                  "layers "
                      + job
                      + " CANCEL_PENDING \\(HTTP 202, 1 attempt, request "
                      + REQUEST_ID
                      + "\\)"),
          r.line());
      assertEquals("", r.err());
      RecordedRequest sent = sim.takeRequest();
      assertEquals("POST", sent.getMethod());
      assertEquals("/v1/jobs/" + job + "/cancel", sent.getPath());
      assertEquals("Bearer " + sim.apiKey(), sent.getHeader("Authorization"));
    }
  }

  @Test
  void processingPlangrepJobIsCancelledAndExits0() {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String job = sim.addJob("processing");

      Cli.Run r =
          run(
              Map.of("PLANGREP_API_KEY", sim.apiKey()),
              "cancel",
              "--vendor",
              "plangrep",
              "--base-url",
              sim.baseUrl(),
              job);

      assertEquals(0, r.exit(), r.err());
      assertEquals(
          "plangrep " + job + " CANCELLED providerStatus=cancelled (HTTP 200, 1 attempt)",
          r.line());
      assertEquals("cancelled", sim.status(job));
    }
  }

  @Test
  void awaitPollsUntilTheJobReadsCancelled() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r = layers(sim, "cancel", "--await", "5s", job);

      assertEquals(0, r.exit(), r.err());
      assertTrue(
          r.line()
              .matches(
                  "layers "
                      + job
                      + " CANCELLED providerStatus=canceled \\(HTTP 200, 2 attempts, request "
                      + REQUEST_ID
                      + "\\)"),
          r.line());
      assertEquals("canceled", sim.status(job));
      assertEquals(List.of("POST", "GET"), methods(sim.requests()));
    }
  }

  @Test
  void stageThatRefusesCancelExits3() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "finalizing", "running");

      Cli.Run r = layers(sim, "cancel", job);

      assertEquals(3, r.exit(), r.err());
      assertTrue(
          r.line().startsWith("layers " + job + " NOT_CANCELLABLE stage=finalizing"), r.line());
      assertTrue(r.line().contains("(HTTP 409, 1 attempt, request req_"), r.line());
      assertEquals("running", sim.status(job));
    }
  }

  @Test
  void deliveringOmniJobExits3WithBaseUrlInsteadOfInstance() {
    try (OmniSimulator sim = Simulators.omni()) {
      String job = sim.addJob("DELIVERING");

      // No OMNI_INSTANCE: --base-url replaces it.
      Cli.Run r =
          run(
              Map.of("OMNI_API_KEY", sim.apiKey()),
              "cancel",
              "--vendor",
              "omni",
              "--base-url",
              sim.baseUrl(),
              "--json",
              job);

      assertEquals(3, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals("NOT_CANCELLABLE", json.get("outcome"));
      assertEquals("DELIVERING", json.get("stage"));
      assertEquals(2.0, json.get("attempts")); // the cancel, then the resolving GET
    }
  }

  @Test
  void unknownJobExits4() {
    try (LayersSimulator sim = Simulators.layers()) {
      Cli.Run r = layers(sim, "cancel", "job_00000000000000000000000000");

      assertEquals(4, r.exit(), r.err());
      assertTrue(
          r.line()
              .matches(
                  "layers job_00000000000000000000000000 NOT_FOUND \\(HTTP 404, 1 attempt,"
                      + " request "
                      + REQUEST_ID
                      + "\\)"),
          r.line());
    }
  }

  @Test
  void badKeyExits5WithAuthenticationAndNeverPrintsTheKey() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r =
          run(
              Map.of("LAYERS_API_KEY", "lp_live_wrong_secret"),
              "cancel",
              "--vendor",
              "layers",
              "--base-url",
              sim.baseUrl(),
              job);

      assertEquals(5, r.exit(), r.err());
      assertTrue(
          r.line().startsWith("layers " + job + " FAILED AUTHENTICATION [UNAUTHENTICATED]: "),
          r.line());
      assertTrue(
          r.line().matches(".*\\(HTTP 401, 1 attempt, request " + REQUEST_ID + "\\)"), r.line());
      assertFalse(r.out().contains("lp_live_wrong_secret"));
      assertFalse(r.err().contains("lp_live_wrong_secret"));
      assertEquals("running", sim.status(job));
    }
  }

  @Test
  void jsonOutputHasTheStableKeysOfTheOutcome() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "publish", "completed");

      Cli.Run r = layers(sim, "cancel", "--json", job);

      assertEquals(0, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals(
          List.of(
              "vendor",
              "jobId",
              "outcome",
              "httpStatus",
              "attempts",
              "requestId",
              "state",
              "providerStatus"),
          List.copyOf(json.keySet()));
      assertEquals("layers", json.get("vendor"));
      assertEquals(job, json.get("jobId"));
      assertEquals("ALREADY_FINISHED", json.get("outcome"));
      assertEquals(200.0, json.get("httpStatus"));
      assertEquals(1.0, json.get("attempts"));
      assertTrue(((String) json.get("requestId")).matches(REQUEST_ID), r.out());
      assertEquals("COMPLETED", json.get("state"));
      assertEquals("ALREADY_COMPLETED", json.get("providerStatus"));
      assertFalse(r.out().contains(sim.apiKey()));
    }
  }

  @Test
  void jsonOfFailedCarriesTheErrorObject() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");
      sim.rateLimitNext(Duration.ofSeconds(7));

      // One attempt, so the 429 is the answer rather than a wait of 7 s.
      Cli.Run r =
          run(
              Map.of("LAYERS_API_KEY", sim.apiKey()),
              b -> b.maxAttempts(1),
              "cancel",
              "--vendor",
              "layers",
              "--base-url",
              sim.baseUrl(),
              "--json",
              job);

      assertEquals(5, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals("FAILED", json.get("outcome"));
      assertEquals(429.0, json.get("httpStatus"));
      @SuppressWarnings("unchecked") // Moshi reads a JSON object as a Map<String, Object>.
      Map<String, Object> error = (Map<String, Object>) json.get("error");
      assertEquals(
          List.of("kind", "providerCode", "message", "retryAfterSeconds"),
          List.copyOf(error.keySet()));
      assertEquals("RATE_LIMITED", error.get("kind"));
      assertEquals("RATE_LIMITED", error.get("providerCode"));
      assertEquals(7.0, error.get("retryAfterSeconds"));
      assertFalse(((String) error.get("message")).isBlank());
    }
  }

  @Test
  void scaleProjectOptionOverridesTheEnvironment() {
    try (ScaleSimulator sim = Simulators.scale()) {
      String job = sim.addJob("proj_other", "job_in_other_project", "pending");

      Cli.Run r =
          run(
              Map.of(
                  "SGP_API_KEY", sim.apiKey(),
                  "SGP_ACCOUNT_ID", sim.accountId(),
                  "SGP_PROJECT_ID", sim.projectId()),
              "cancel",
              "--vendor",
              "scale",
              "--base-url",
              sim.baseUrl(),
              "--project",
              "proj_other",
              "--json",
              job);

      assertEquals(0, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals("CANCELLED", json.get("outcome"));
      assertEquals("CANCELLED", json.get("state"));
      assertEquals("cancelled", json.get("providerStatus"));
      RecordedRequest sent = sim.takeRequest();
      assertEquals("/v1/projects/proj_other/jobs/" + job + "/cancel", sent.getPath());
      assertEquals(sim.accountId(), sent.getHeader("x-selected-account-id"));
    }
  }

  @Test
  void moguProcessingJobIsCancelled() {
    try (MoguSimulator sim = Simulators.mogu()) {
      String job = sim.addJob("processing", "generatingBlocks");

      Cli.Run r =
          run(
              Map.of("MOGU_API_KEY", sim.apiKey()),
              "cancel",
              "--vendor",
              "mogu",
              "--base-url",
              sim.baseUrl(),
              job);

      assertEquals(0, r.exit(), r.err());
      assertEquals(
          "mogu " + job + " CANCELLED providerStatus=canceled (HTTP 200, 1 attempt)", r.line());
    }
  }

  /** Runs {@code args} (a command, then its options) against the Layers simulator. */
  private static Cli.Run layers(LayersSimulator sim, String... args) {
    List<String> all =
        new ArrayList<>(List.of(args[0], "--vendor", "layers", "--base-url=" + sim.baseUrl()));
    all.addAll(List.of(args).subList(1, args.length));
    return run(Map.of("LAYERS_API_KEY", sim.apiKey()), all.toArray(String[]::new));
  }

  private static List<String> methods(List<RecordedRequest> requests) {
    return requests.stream().map(RecordedRequest::getMethod).toList();
  }
}
