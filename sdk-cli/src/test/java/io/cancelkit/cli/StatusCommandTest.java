package io.cancelkit.cli;

import static io.cancelkit.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cancelkit status} end to end against the simulators. */
class StatusCommandTest {
  @Test
  void printsTheSnapshot() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r = layers(sim, Map.of("LAYERS_API_KEY", sim.apiKey()), job);

      assertEquals(0, r.exit(), r.err());
      String prefix =
          "layers " + job + " RUNNING providerStatus=running stage=rendering updatedAt=";
      assertTrue(r.line().startsWith(prefix), r.line());
      Instant.parse(r.line().substring(prefix.length()));
      assertEquals("GET", sim.takeRequest().getMethod());
    }
  }

  @Test
  void jsonSnapshotParsesBack() {
    try (OmniSimulator sim = Simulators.omni()) {
      String job = sim.addJob("EXECUTING");

      Cli.Run r =
          run(
              Map.of("OMNI_API_KEY", sim.apiKey(), "OMNI_INSTANCE", "unused-with-base-url"),
              "status",
              "--vendor=omni",
              "--base-url=" + sim.baseUrl(),
              "--json",
              job);

      assertEquals(0, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals(
          List.of("vendor", "jobId", "state", "providerStatus", "stage", "updatedAt"),
          List.copyOf(json.keySet()));
      assertEquals("omni", json.get("vendor"));
      assertEquals(job, json.get("jobId"));
      assertEquals("RUNNING", json.get("state"));
      assertEquals("EXECUTING", json.get("providerStatus"));
      assertEquals("EXECUTING", json.get("stage"));
      assertNotNull(Instant.parse((String) json.get("updatedAt")));
    }
  }

  @Test
  void unknownJobExits4WithNotFound() {
    try (LayersSimulator sim = Simulators.layers()) {
      String unknown = "job_00000000000000000000000000";

      Cli.Run r = layers(sim, Map.of("LAYERS_API_KEY", sim.apiKey()), unknown);

      assertEquals(4, r.exit(), r.err());
      assertTrue(r.line().startsWith("layers " + unknown + " NOT_FOUND [NOT_FOUND]: "), r.line());
      assertTrue(r.line().contains("(HTTP 404, request req_"), r.line());
    }
  }

  @Test
  void badKeyExits5WithAuthenticationInJson() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r = layers(sim, Map.of("LAYERS_API_KEY", "lp_live_wrong"), "--json", job);

      assertEquals(5, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals(401.0, json.get("httpStatus"));
      @SuppressWarnings("unchecked") // Moshi reads a JSON object as a Map<String, Object>.
      Map<String, Object> error = (Map<String, Object>) json.get("error");
      assertEquals("AUTHENTICATION", error.get("kind"));
      assertEquals("UNAUTHENTICATED", error.get("providerCode"));
      assertTrue(!r.out().contains("lp_live_wrong"), r.out());
    }
  }

  private static Cli.Run layers(LayersSimulator sim, Map<String, String> env, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "status";
    all[1] = "--vendor=layers";
    all[2] = "--base-url=" + sim.baseUrl();
    System.arraycopy(args, 0, all, 3, args.length);
    return run(env, all);
  }
}
