package io.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.RateLimit;
import io.cancelkit.testkit.DemoScenarios;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.VendorSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file of jobs on all five simulators, run end to end through {@code cancel --from-file}:
 * every input line ends in exactly one result, within each simulator's rate limits.
 */
class FleetTest {
  private static final int PER_VENDOR = 60;
  private static final Duration WINDOW = Duration.ofMillis(250);

  @TempDir Path dir;

  @Test
  void everyLineOfAFileOnFiveVendorsGetsExactlyOneResultAndNo429() throws IOException {
    List<VendorSimulator> sims = new ArrayList<>();
    try {
      Map<String, String> env = new HashMap<>();
      List<String> lines = new ArrayList<>(List.of("# a fleet on five vendors"));
      Consumer<BulkOptions.Builder> limits = b -> {};
      for (String provider : Simulators.providers()) {
        VendorSimulator sim = Simulators.start(provider);
        sims.add(sim);
        env.putAll(sim.environment());
        for (String id : DemoScenarios.fleet(sim, PER_VENDOR)) lines.add(provider + ":" + id);
        List<DemoScenarios.Limit> enforced = DemoScenarios.shortenRateLimits(sim, WINDOW);
        // The lane keeps 5/6 of what the simulator allows, as the demo does.
        RateLimit[] lane = DemoCommand.lanes(enforced);
        if (lane.length > 0) limits = limits.andThen(b -> b.rateLimit(provider, lane));
      }
      lines.add(3, "");
      lines.add(5, "not a ref");
      lines.add(lines.get(10)); // a repeated line is cancelled again: a file is a stream
      Path file = dir.resolve("fleet.txt");
      Files.write(file, lines, StandardCharsets.UTF_8);
      Consumer<BulkOptions.Builder> bulk = limits;

      Cli.Run r =
          new Cli(env)
              .bulk(bulk)
              .run("cancel", "--from-file", file.toString(), "-o", "jsonl", "--concurrency", "8");

      Map<String, Integer> expected = new HashMap<>();
      for (String line : lines) {
        if (RefLines.isJob(line)) expected.merge(line.strip(), 1, Integer::sum);
      }
      Map<String, Integer> got = new HashMap<>();
      for (Map<String, Object> result : r.jsonl()) got.merge((String) result.get("ref"), 1, Integer::sum);
      assertEquals(expected, got);
      assertEquals(5 * PER_VENDOR + 2, r.jsonl().size());
      assertEquals(5, r.exit(), r.err()); // the malformed line
      for (VendorSimulator sim : sims) {
        assertEquals(0, sim.rateLimitedAnswers(), sim.provider());
      }
      assertTrue(r.err().contains("all        302 jobs: "), r.err());
    } finally {
      sims.forEach(VendorSimulator::close);
    }
  }
}
