package io.cancelkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.PlangrepSimulator;
import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs each README example as a user would, its environment pointing at the testkit simulators,
 * and checks what it prints against what the README says and the simulator's state. The examples
 * run concurrently: those that await poll at the SDK's default interval, in real time.
 */
@Execution(ExecutionMode.CONCURRENT)
class ExamplesTest {
  private static final String LAYERS_JOB = "job_01HXA1NHKJZXPV8R7Q6WSM5BCD";

  @Test
  void quickstart() {
    try (LayersSimulator sim = Simulators.layers()) {
      sim.addJob(LAYERS_JOB, "content_generate", "rendering", "running");

      Example run = Example.run(Quickstart.class, sim).succeeded();

      // As the README says below the Quickstart.
      assertEquals(List.of("cancel accepted", "settled: Cancelled", "async: Cancelled"), run.stdout());
      assertEquals("canceled", sim.status(LAYERS_JOB));
    }
  }

  @Test
  void layers() {
    try (LayersSimulator sim = Simulators.layers()) {
      sim.addJob(LAYERS_JOB, "content_generate", "rendering", "running");

      Example run = Example.run(LayersExample.class, sim).succeeded();

      // 202 accepted:true, then the first poll reads canceled.
      assertEquals(List.of("Cancelled"), run.stdout());
      assertEquals(
          List.of("POST /v1/jobs/" + LAYERS_JOB + "/cancel", "GET /v1/jobs/" + LAYERS_JOB),
          sim.requestLines());
    }
  }

  @Test
  void plangrep() {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String job = sim.addJob("job_01hy3m8qtn2e5r7k9p0w4x1def", "processing");

      Example run = Example.run(PlangrepExample.class, sim).succeeded();

      // A processing job is cancelled at once; the pages it processed are still billed.
      assertEquals(List.of("10 pages billed", "Cancelled"), run.stdout());
      assertEquals("cancelled", sim.status(job));
    }
  }

  @Test
  void scale() {
    try (ScaleSimulator sim = Simulators.scale()) {
      String other = "proj_01hy7r2m5k8n3p6q9s4t1v0xyz";
      String running = sim.addJob("6f1c3a52-8d4e-4b7a-9c2f-1e5d8a7b3c90", "running");
      String pending = sim.addJob(other, "0b7e4d21-3c5a-4f8e-9d6b-2a1c7e5f3b80", "pending");
      String viaForProject = sim.addJob(other, "3d9a6c1e-7b2f-4e8d-a5c3-9f1b0e2d4a67", "running");

      Example run = Example.run(ScaleExample.class, sim).succeeded();

      List<String> out = run.stdout();
      assertEquals(5, out.size(), out::toString);
      assertTrue(out.get(0).startsWith("ScaleCanceller"), out.get(0));
      assertFalse(out.get(0).contains(sim.apiKey()), "the key is never printed");
      // running: 202; pending: 200 cancelled; again, as project/job: idempotent 200 cancelled.
      assertEquals(List.of("CancelPending", "Cancelled", "Cancelled", "CancelPending"), out.subList(1, 5));
      assertEquals("cancelled", sim.status(pending));
      assertTrue(
          sim.requestLines()
              .containsAll(
                  List.of(
                      "POST /v1/projects/" + sim.projectId() + "/jobs/" + running + "/cancel",
                      "POST /v1/projects/" + other + "/jobs/" + viaForProject + "/cancel")),
          () -> sim.requestLines().toString());
    }
  }

  @Test
  void omni() {
    try (OmniSimulator sim = Simulators.omni()) {
      String job = sim.addJob("a1b2c3d4-e5f6-7890-abcd-ef1234567890", "EXECUTING");

      Example run = Example.run(OmniExample.class, sim).succeeded();

      List<String> out = run.stdout();
      assertEquals(2, out.size(), out::toString);
      assertTrue(out.get(0).startsWith("OmniCanceller"), out.get(0));
      assertFalse(out.get(0).contains(sim.apiKey()), "the key is never printed");
      assertEquals("CancelPending", out.get(1)); // an executing job stops after its iteration
      assertEquals(List.of("POST /api/v1/ai/jobs/" + job + "/cancel"), sim.requestLines());
    }
  }

  @Test
  void mogu() {
    try (MoguSimulator sim = Simulators.mogu()) {
      String job = sim.addJob("1c2c38f3-e596-463e-9f62-75c7c3602770", "processing", "generatingBlocks");

      Example run = Example.run(MoguExample.class, sim).succeeded();

      assertEquals(List.of("Cancelled", "status: CANCELLED (canceled)"), run.stdout());
      // The status read is Mogu's public endpoint: no key sent.
      assertNull(sim.requests().get(sim.requestCount() - 1).getHeader("Authorization"));
      assertEquals("canceled", sim.status(job));
    }
  }

  @Test
  void fleet() {
    try (LayersSimulator layers = Simulators.layers();
        PlangrepSimulator plangrep = Simulators.plangrep();
        ScaleSimulator scale = Simulators.scale();
        OmniSimulator omni = Simulators.omni();
        MoguSimulator mogu = Simulators.mogu()) {
      layers.addJob(LAYERS_JOB, "content_generate", "rendering", "running");
      scale.addJob("proj_123", "job_456", "running");
      omni.addJob("7dadf906-4d6c-4a5f-9f2c-2f4b5f0d7c1e", "EXECUTING");

      Example run = Example.run(FleetExample.class, layers, plangrep, scale, omni, mogu).succeeded();

      assertEquals(
          List.of(
              "one: CancelPending",
              "layers:" + LAYERS_JOB + " Cancelled",
              "scale:proj_123/job_456 Cancelled",
              "omni:7dadf906-4d6c-4a5f-9f2c-2f4b5f0d7c1e Cancelled",
              "{layers={Cancelled=1}, omni={Cancelled=1}, scale={Cancelled=1}}"),
          run.stdout());
      // The listener's progress, one line per ref as it settles.
      List<String> progress = run.stderr().lines().filter(l -> l.matches("\\d/3 .*")).toList();
      assertEquals(3, progress.size(), run.stderr());
      assertTrue(progress.contains("3/3 " + progress.get(2).substring(4)), progress::toString);
      assertEquals("canceled", layers.status(LAYERS_JOB));
      assertEquals("cancelled", scale.status("job_456"));
      assertEquals("CANCELLED", omni.status("7dadf906-4d6c-4a5f-9f2c-2f4b5f0d7c1e"));
    }
  }

  @Test
  void micrometer() {
    try (LayersSimulator sim = Simulators.layers()) {
      sim.addJob(LAYERS_JOB, "content_generate", "rendering", "running");

      Example run = Example.run(MicrometerExample.class, sim).succeeded();

      List<String> out = run.stdout();
      assertEquals(1, out.size(), out::toString);
      String line = out.get(0);
      assertTrue(line.startsWith("1 cancel, [tag(cancelkit.outcome=CancelPending), "), line);
      assertTrue(line.contains("tag(cancelkit.provider=layers)"), line);
      assertTrue(line.contains("tag(error.type=none)"), line);
      assertFalse(line.contains(LAYERS_JOB), "the job id is a high-cardinality key, not a tag");
    }
  }
}
