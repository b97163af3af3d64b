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
import io.cancelkit.testkit.SimRequest;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cancelkit cancel --vendor V ID…} end to end against the simulators, configured through
 * the environment that each provider's {@code fromEnv} reads ({@code <PREFIX>_BASE_URL} included).
 */
class CancelCommandTest {
  private static final String REQUEST_ID = "req_[0-9A-Z]{26}";

  @Test
  void runningLayersJobIsPendingAndExits0() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r = layers(sim, job);

      assertEquals(0, r.exit(), r.err());
      assertTrue(
          r.row().matches("CancelPending +202 +1  layers:" + job + "  request " + REQUEST_ID),
          r.row());
      assertEquals(List.of("layers     1 job: 1 CancelPending", "all        1 job: 1 CancelPending"), r.summary());
      assertEquals("", r.err());
      SimRequest sent = sim.takeRequest();
      assertEquals("POST", sent.getMethod());
      assertEquals("/v1/jobs/" + job + "/cancel", sent.getPath());
      assertEquals("Bearer " + sim.apiKey(), sent.getHeader("Authorization"));
    }
  }

  @Test
  void processingPlangrepJobIsCancelledAndExits0() {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String job = sim.addJob("processing");

      Cli.Run r = run(sim.environment(), "cancel", "--vendor", "plangrep", job);

      assertEquals(0, r.exit(), r.err());
      assertEquals("Cancelled        200     1  plangrep:" + job + "  providerStatus=cancelled", r.row());
      assertEquals("cancelled", sim.status(job));
    }
  }

  @Test
  void awaitPollsUntilTheJobReadsCancelled() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r = layers(sim, "--await", "5s", job);

      assertEquals(0, r.exit(), r.err());
      assertTrue(
          r.row()
              .matches(
                  "Cancelled +200 +2  layers:" + job + "  providerStatus=canceled request "
                      + REQUEST_ID),
          r.row());
      assertEquals("canceled", sim.status(job));
      assertEquals(
          List.of("POST /v1/jobs/" + job + "/cancel", "GET /v1/jobs/" + job), sim.requestLines());
    }
  }

  @Test
  void stageThatRefusesCancelExits3() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "finalizing", "running");

      Cli.Run r = layers(sim, job);

      assertEquals(3, r.exit(), r.err());
      assertTrue(
          r.row().startsWith("NotCancellable   409     1  layers:" + job + "  stage=finalizing"),
          r.row());
      assertEquals("running", sim.status(job));
    }
  }

  @Test
  void deliveringOmniJobExits3ReachedThroughOmniBaseUrlWithoutAnInstance() {
    try (OmniSimulator sim = Simulators.omni()) {
      String job = sim.addJob("DELIVERING");
      // OMNI_BASE_URL stands in for OMNI_INSTANCE, as OmniCanceller.fromEnv reads them.
      assertEquals(Map.of("OMNI_API_KEY", sim.apiKey(), "OMNI_BASE_URL", sim.baseUrl()), sim.environment());

      Cli.Run r = run(sim.environment(), "cancel", "--vendor", "omni", "--output", "jsonl", job);

      assertEquals(3, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals("NotCancellable", json.get("outcome"));
      assertEquals("DELIVERING", json.get("stage"));
      assertEquals(2.0, json.get("attempts")); // the cancel, then the settling GET
    }
  }

  @Test
  void unknownJobExits4() {
    try (LayersSimulator sim = Simulators.layers()) {
      Cli.Run r = layers(sim, "job_00000000000000000000000000");

      assertEquals(4, r.exit(), r.err());
      assertTrue(
          r.row().matches("NotFound +404 +1  layers:job_0{26}  request " + REQUEST_ID), r.row());
    }
  }

  @Test
  void badKeyExits5WithAuthenticationAndNeverPrintsTheKey() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");
      Map<String, String> env = Cli.env(sim, "LAYERS_API_KEY", "lp_live_wrong_secret");

      Cli.Run r = run(env, "cancel", "--vendor", "layers", "--verbose", job);

      assertEquals(5, r.exit(), r.err());
      assertTrue(
          r.row()
              .matches(
                  "Failed +401 +1  layers:" + job + "  AUTHENTICATION \\[UNAUTHENTICATED\\]: .*"
                      + " request " + REQUEST_ID),
          r.row());
      // --verbose prints the SDK's debug log, which masks the key like everything else.
      assertTrue(r.err().contains("debug: "), r.err());
      assertFalse(r.out().contains("lp_live_wrong_secret"));
      assertFalse(r.err().contains("lp_live_wrong_secret"), r.err());
      assertEquals("running", sim.status(job));
    }
  }

  @Test
  void verboseShowsEveryAttemptOnStderrAndStdoutStaysTheResults() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");
      sim.failNextWith503(1);

      Cli.Run r = layers(sim, "--verbose", "--output", "jsonl", job);

      assertEquals(0, r.exit(), r.err());
      assertEquals("CancelPending", r.json().get("outcome"));
      List<String> debug = r.err().lines().filter(l -> l.startsWith("debug: ")).toList();
      assertTrue(debug.size() >= 2, r.err()); // the 503, the retry that was accepted
      assertTrue(debug.stream().anyMatch(l -> l.contains("503")), r.err());
      assertFalse(r.err().contains(sim.apiKey()), r.err());
    }
  }

  @Test
  void severalIdsGiveOneResultEachAndARepeatedIdGoesOnce() {
    try (LayersSimulator sim = Simulators.layers()) {
      String a = sim.addJob("content_generate", "rendering", "running");
      String b = sim.addJob("content_generate", "publish", "completed");

      Cli.Run r = layers(sim, a, b, a);

      assertEquals(0, r.exit(), r.err());
      assertEquals(2, r.rows().size(), r.out());
      assertEquals(
          List.of(
              "layers     2 jobs: 1 CancelPending, 1 AlreadyFinished",
              "all        2 jobs: 1 CancelPending, 1 AlreadyFinished"),
          r.summary());
      assertEquals(2, sim.requestCount());
    }
  }

  @Test
  void aRunExits0WhenEveryJobIsCancelledPendingOrFinished() {
    try (OmniSimulator sim = Simulators.omni()) {
      String queued = sim.addJob("QUEUED"); // cancelled at once
      String executing = sim.addJob("EXECUTING"); // pending
      String complete = sim.addJob("COMPLETE");

      Cli.Run r = run(sim.environment(), "cancel", "--vendor", "omni", queued, executing, complete);

      assertEquals(0, r.exit(), r.err());
      assertEquals(
          "all        3 jobs: 1 Cancelled, 1 CancelPending, 1 AlreadyFinished",
          r.summary().get(r.summary().size() - 1));
    }
  }

  @Test
  void aRunExitsWithItsWorstJobsCode() {
    try (LayersSimulator sim = Simulators.layers()) {
      String running = sim.addJob("content_generate", "rendering", "running");
      String finalizing = sim.addJob("content_generate", "finalizing", "running");
      String unknown = "job_00000000000000000000000000";

      // NotCancellable (3) outranks a success (0); NotFound (4) outranks NotCancellable.
      assertEquals(3, layers(sim, running, finalizing).exit());
      assertEquals(4, layers(sim, finalizing, unknown, running).exit());
      // Failed (5) outranks them all: here the 503 of a call allowed one attempt.
      sim.failNextWith503(1);
      String failing = sim.addJob("content_generate", "rendering", "running");
      assertEquals(5, layers(sim, "--max-attempts", "1", "--concurrency", "1", failing, unknown).exit());
    }
  }

  @Test
  void jsonOutputIsOneDocumentWithResultsSummaryAndExitCode() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "publish", "completed");

      Cli.Run r = layers(sim, "--output", "json", job);

      assertEquals(0, r.exit(), r.err());
      Map<String, Object> doc = r.json();
      assertEquals(List.of("results", "summary", "skipped", "exitCode"), List.copyOf(doc.keySet()));
      @SuppressWarnings("unchecked") // Moshi reads a JSON array of objects as a List of Maps.
      List<Map<String, Object>> results = (List<Map<String, Object>>) doc.get("results");
      Map<String, Object> json = results.get(0);
      assertEquals(
          List.of(
              "ref", "provider", "jobId", "outcome", "httpStatus", "requestId", "attempts",
              "state", "providerStatus"),
          List.copyOf(json.keySet()));
      assertEquals("layers:" + job, json.get("ref"));
      assertEquals("AlreadyFinished", json.get("outcome"));
      assertEquals(200.0, json.get("httpStatus"));
      assertTrue(((String) json.get("requestId")).matches(REQUEST_ID), r.out());
      assertEquals("COMPLETED", json.get("state"));
      assertEquals("ALREADY_COMPLETED", json.get("providerStatus"));
      assertEquals(Map.of("layers", Map.of("AlreadyFinished", 1.0)), doc.get("summary"));
      assertEquals(0.0, doc.get("exitCode"));
      assertFalse(r.out().contains(sim.apiKey()));
    }
  }

  @Test
  void maxAttemptsOfOneMakesA429TheAnswerWithItsRetryAfter() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");
      sim.rateLimitNext(Duration.ofSeconds(7));

      // One attempt, so the 429 is the answer rather than a wait of 7 s.
      Cli.Run r = layers(sim, "--max-attempts", "1", "--output", "jsonl", job);

      assertEquals(5, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals("Failed", json.get("outcome"));
      assertEquals(429.0, json.get("httpStatus"));
      assertEquals("RATE_LIMITED", json.get("errorKind"));
      assertEquals(7.0, json.get("retryAfterSeconds"));
      assertTrue(((String) json.get("message")).contains("maxAttempts is 1"), r.out());
    }
  }

  @Test
  void timeoutBoundsEachCall() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");
      sim.delayNextHeaders(Duration.ofSeconds(5));

      Cli.Run r = layers(sim, "--timeout", "300ms", "--max-attempts", "1", "--output", "jsonl", job);

      assertEquals(5, r.exit(), r.err());
      assertEquals("TIMEOUT", r.json().get("errorKind"), r.out());
    }
  }

  @Test
  void scaleJobOfAnotherProjectIsNamedProjectSlashJob() {
    try (ScaleSimulator sim = Simulators.scale()) {
      String job = sim.addJob("proj_other", "job_in_other_project", "pending");

      Cli.Run r =
          run(sim.environment(), "cancel", "--vendor", "scale", "-o", "jsonl", "proj_other/" + job);

      assertEquals(0, r.exit(), r.out());
      Map<String, Object> json = r.json();
      assertEquals("scale:proj_other/" + job, json.get("ref"));
      assertEquals("Cancelled", json.get("outcome"));
      assertEquals("cancelled", json.get("providerStatus"));
      SimRequest sent = sim.takeRequest();
      assertEquals("/v1/projects/proj_other/jobs/" + job + "/cancel", sent.getPath());
      assertEquals(sim.accountId(), sent.getHeader("x-selected-account-id"));
    }
  }

  @Test
  void moguProcessingJobIsCancelled() {
    try (MoguSimulator sim = Simulators.mogu()) {
      String job = sim.addJob("processing", "generatingBlocks");

      Cli.Run r = run(sim.environment(), "cancel", "--vendor", "mogu", job);

      assertEquals(0, r.exit(), r.err());
      assertEquals("Cancelled        200     1  mogu:" + job + "  providerStatus=canceled", r.row());
    }
  }

  @Test
  void anIdTheVendorRefusesIsAFailedResultAndNothingIsSent() {
    try (OmniSimulator sim = Simulators.omni()) {
      Cli.Run r = run(sim.environment(), "cancel", "--vendor", "omni", "-o", "jsonl", "not-a-uuid");

      assertEquals(5, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals("INVALID_REQUEST", json.get("errorKind"));
      assertTrue(((String) json.get("message")).contains("not a UUID"), r.out());
      assertEquals(0, sim.requestCount());
    }
  }

  /** Runs {@code cancel --vendor layers} and {@code args} against the Layers simulator. */
  private static Cli.Run layers(LayersSimulator sim, String... args) {
    List<String> all = new ArrayList<>(List.of("cancel", "--vendor", "layers"));
    all.addAll(List.of(args));
    return run(sim.environment(), all.toArray(String[]::new));
  }
}
