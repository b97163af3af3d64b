package io.cancelkit.cli;

import static io.cancelkit.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.MoguSimulator;
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

      Cli.Run r = run(sim.environment(), "status", "--vendor=layers", job);

      assertEquals(0, r.exit(), r.err());
      String prefix =
          "layers:" + job + " RUNNING providerStatus=running stage=rendering updatedAt=";
      assertTrue(r.line().startsWith(prefix), r.line());
      Instant.parse(r.line().substring(prefix.length()));
      assertEquals("GET", sim.takeRequest().getMethod());
    }
  }

  @Test
  void jsonSnapshotParsesBack() {
    try (OmniSimulator sim = Simulators.omni()) {
      String job = sim.addJob("EXECUTING");

      Cli.Run r = run(sim.environment(), "status", "--vendor=omni", "--output=json", job);

      assertEquals(0, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals(
          List.of("ref", "provider", "jobId", "state", "providerStatus", "stage", "updatedAt"),
          List.copyOf(json.keySet()));
      assertEquals("omni:" + job, json.get("ref"));
      assertEquals("omni", json.get("provider"));
      assertEquals(job, json.get("jobId"));
      assertEquals("RUNNING", json.get("state"));
      assertEquals("EXECUTING", json.get("providerStatus"));
      assertEquals("EXECUTING", json.get("stage"));
      assertNotNull(Instant.parse((String) json.get("updatedAt")));
    }
  }

  @Test
  void moguStatusNeedsNoKey() {
    try (MoguSimulator sim = Simulators.mogu()) {
      String job = sim.addJob("processing", "generatingBlocks");

      Cli.Run r = run(Map.of("MOGU_BASE_URL", sim.baseUrl()), "status", "--vendor=mogu", job);

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.line().startsWith("mogu:" + job + " RUNNING providerStatus=processing"), r.line());
      assertEquals(null, sim.takeRequest().getHeader("Authorization"));
    }
  }

  @Test
  void unknownJobExits4WithNotFound() {
    try (LayersSimulator sim = Simulators.layers()) {
      String unknown = "job_00000000000000000000000000";

      Cli.Run r = run(sim.environment(), "status", "--vendor=layers", unknown);

      assertEquals(4, r.exit(), r.err());
      assertTrue(r.line().startsWith("layers:" + unknown + " NOT_FOUND [NOT_FOUND]: "), r.line());
      assertTrue(r.line().contains("(HTTP 404, request req_"), r.line());
    }
  }

  @Test
  void badKeyExits5WithAuthenticationInJson() {
    try (LayersSimulator sim = Simulators.layers()) {
      String job = sim.addJob("content_generate", "rendering", "running");
      Map<String, String> env = Cli.env(sim, "LAYERS_API_KEY", "lp_live_wrong");

      Cli.Run r = run(env, "status", "--vendor=layers", "-o", "json", job);

      assertEquals(5, r.exit(), r.err());
      Map<String, Object> json = r.json();
      assertEquals(401.0, json.get("httpStatus"));
      assertEquals("AUTHENTICATION", json.get("errorKind"));
      assertEquals("UNAUTHENTICATED", json.get("providerCode"));
      assertFalse(r.out().contains("lp_live_wrong"), r.out());
    }
  }
}
