package io.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.Simulators;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cancelkit cancel --from-file}: lines of {@code provider:jobId}, from a file or stdin. */
class FromFileTest {
  @TempDir Path dir;

  @Test
  void readsAFileSkippingBlankLinesAndComments() throws IOException {
    try (LayersSimulator layers = Simulators.layers();
        OmniSimulator omni = Simulators.omni()) {
      String a = layers.addJob("content_generate", "rendering", "running");
      String b = omni.addJob("QUEUED");
      Path file =
          write(
              "# jobs of tenant 42",
              "",
              "layers:" + a,
              "   # an indented comment",
              "  omni:" + b + "  ",
              "");

      Cli.Run r = new Cli(Cli.env(layers, omni)).run("cancel", "--from-file", file.toString());

      assertEquals(0, r.exit(), r.err());
      List<String> rows = r.rows();
      assertEquals(2, rows.size(), r.out());
      assertTrue(rows.stream().anyMatch(l -> l.matches("CancelPending .* layers:" + a + " .*")), r.out());
      assertTrue(rows.stream().anyMatch(l -> l.matches("Cancelled .* omni:" + b + ".*")), r.out());
      assertEquals(
          List.of("layers     1 job: 1 CancelPending", "omni       1 job: 1 Cancelled",
              "all        2 jobs: 1 Cancelled, 1 CancelPending"),
          r.summary());
    }
  }

  @Test
  void dashReadsStdin() {
    try (MoguSimulator sim = Simulators.mogu()) {
      String a = sim.addJob("processing", "extractingText");
      String b = sim.addJob("completed", "completed");

      Cli.Run r =
          new Cli(sim.environment())
              .stdin("mogu:" + a + "\n# done already\nmogu:" + b + "\n")
              .run("cancel", "--from-file", "-", "--output", "jsonl");

      assertEquals(0, r.exit(), r.err());
      Map<String, String> outcomes =
          r.jsonl().stream()
              .collect(Collectors.toMap(m -> (String) m.get("ref"), m -> (String) m.get("outcome")));
      assertEquals(Map.of("mogu:" + a, "Cancelled", "mogu:" + b, "AlreadyFinished"), outcomes);
      // jsonl keeps stdout to the results: the summary goes to stderr.
      assertTrue(r.err().contains("all        2 jobs: 1 Cancelled, 1 AlreadyFinished"), r.err());
    }
  }

  @Test
  void aMalformedLineIsOneFailedResultNamingItsLineAndTheRunGoesOn() throws IOException {
    try (LayersSimulator sim = Simulators.layers()) {
      String a = sim.addJob("content_generate", "rendering", "running");
      String b = sim.addJob("content_generate", "rendering", "running");
      Path file = write("layers:" + a, "# the next one lost its vendor", sim.addJob("content_generate", "rendering", "running"), "layers:" + b);

      Cli.Run r =
          new Cli(sim.environment()).run("cancel", "--from-file", file.toString(), "-o", "jsonl");

      assertEquals(5, r.exit(), r.err());
      List<Map<String, Object>> results = r.jsonl();
      assertEquals(3, results.size(), r.out());
      Map<String, Object> bad =
          results.stream().filter(m -> m.containsKey("line")).findFirst().orElseThrow();
      assertEquals(3.0, bad.get("line"));
      assertEquals("Failed", bad.get("outcome"));
      assertEquals("INVALID_REQUEST", bad.get("errorKind"));
      assertNull(bad.get("provider"));
      assertTrue(((String) bad.get("message")).startsWith("line 3: expected provider:jobId"), r.out());
      assertEquals(2, results.stream().filter(m -> "CancelPending".equals(m.get("outcome"))).count());
      assertTrue(r.err().contains("input      1 job: 1 Failed"), r.err());
    }
  }

  @Test
  void unknownAndUnconfiguredVendorsAreFailedResultsThatSayWhy() throws IOException {
    try (LayersSimulator sim = Simulators.layers()) {
      String a = sim.addJob("content_generate", "rendering", "running");
      Path file =
          write("acme:job_1", "omni:7dadf906-6b7e-479f-b770-7e54d832e9c6", "layers:" + a);

      Cli.Run r =
          new Cli(sim.environment()).run("cancel", "--from-file", file.toString(), "-o", "jsonl");

      assertEquals(5, r.exit(), r.err());
      Map<String, String> messages = new HashMap<>();
      for (Map<String, Object> m : r.jsonl()) {
        messages.put((String) m.get("provider"), (String) m.get("message"));
      }
      assertTrue(
          messages.get("acme").startsWith("no vendor 'acme' is installed; installed: layers, mogu,"),
          messages.toString());
      assertEquals(
          "omni is not configured: environment variable OMNI_API_KEY is not set",
          messages.get("omni"));
      assertNull(messages.get("layers"));
    }
  }

  @Test
  void jsonlWritesEveryDocumentedFieldOfEachOutcomeType() throws IOException {
    try (LayersSimulator layers = Simulators.layers();
        OmniSimulator omni = Simulators.omni();
        MoguSimulator mogu = Simulators.mogu()) {
      String pending = layers.addJob("content_generate", "rendering", "running");
      String finalizing = layers.addJob("content_generate", "finalizing", "running");
      String completed = layers.addJob("content_generate", "publish", "completed");
      String unknown = "job_00000000000000000000000000";
      String queued = omni.addJob("QUEUED"); // Omni cancels a queued job at once
      String wrongKey = mogu.addJob("processing", "extractingText");
      Map<String, String> env = new HashMap<>(Cli.env(layers, omni, mogu));
      env.put("MOGU_API_KEY", "ak_wrong_key");
      Path file =
          write(
              "layers:" + pending,
              "layers:" + finalizing,
              "layers:" + completed,
              "layers:" + unknown,
              "omni:" + queued,
              "mogu:" + wrongKey);

      Cli.Run r = new Cli(env).run("cancel", "--from-file", file.toString(), "-o", "jsonl");

      assertEquals(5, r.exit(), r.err());
      Map<String, Map<String, Object>> byRef = new HashMap<>();
      for (Map<String, Object> m : r.jsonl()) byRef.put((String) m.get("ref"), m);
      assertEquals(6, byRef.size(), r.out());
      List<String> head =
          List.of("ref", "provider", "jobId", "outcome", "httpStatus", "requestId", "attempts");
      List<String> snapshot = concat(head, "state", "providerStatus", "stage", "updatedAt");
      assertEquals(snapshot, keys(byRef, "omni:" + queued, "Cancelled"));
      assertEquals(snapshot, keys(byRef, "layers:" + pending, "CancelPending"));
      assertEquals(
          concat(head, "state", "providerStatus"),
          keys(byRef, "layers:" + completed, "AlreadyFinished"));
      assertEquals(
          concat(head, "stage", "reason"), keys(byRef, "layers:" + finalizing, "NotCancellable"));
      assertEquals(head, keys(byRef, "layers:" + unknown, "NotFound"));
      assertEquals(
          concat(head, "errorKind", "providerCode", "message", "retryAfterSeconds"),
          keys(byRef, "mogu:" + wrongKey, "Failed"));

      Map<String, Object> p = byRef.get("layers:" + pending);
      assertEquals("layers", p.get("provider"));
      assertEquals(pending, p.get("jobId"));
      assertEquals(202.0, p.get("httpStatus"));
      assertTrue(((String) p.get("requestId")).startsWith("req_"), r.out());
      assertEquals(1.0, p.get("attempts"));
      assertEquals("CANCELLED", byRef.get("omni:" + queued).get("state"));
      assertEquals("COMPLETED", byRef.get("layers:" + completed).get("state"));
      assertEquals("finalizing", byRef.get("layers:" + finalizing).get("stage"));
      Map<String, Object> f = byRef.get("mogu:" + wrongKey);
      assertEquals(401.0, f.get("httpStatus"));
      assertEquals("AUTHENTICATION", f.get("errorKind"));
      assertEquals("invalid_api_key", f.get("providerCode"));
      assertTrue(!((String) f.get("message")).isBlank(), r.out());
    }
  }

  /** The keys of {@code ref}'s result, after checking that it has the {@code outcome} expected. */
  private static List<String> keys(
      Map<String, Map<String, Object>> byRef, String ref, String outcome) {
    Map<String, Object> m = byRef.get(ref);
    assertEquals(outcome, m.get("outcome"), m.toString());
    return List.copyOf(m.keySet());
  }

  @Test
  void resumeSkipsTheJobsAnEarlierJsonlRunSettled() throws IOException {
    try (LayersSimulator sim = Simulators.layers()) {
      String pending = sim.addJob("content_generate", "rendering", "running");
      String finished = sim.addJob("content_generate", "publish", "completed");
      String refusing = sim.addJob("content_generate", "finalizing", "running");
      Path file = write("layers:" + pending, "layers:" + finished, "layers:" + refusing);
      Cli.Run first =
          new Cli(sim.environment()).run("cancel", "--from-file", file.toString(), "-o", "jsonl");
      assertEquals(3, first.exit(), first.err());
      Path earlier = dir.resolve("run1.jsonl");
      // A run killed mid-line leaves a torn last line: reported and ignored.
      Files.writeString(earlier, first.out() + "{\"ref\":\"layers:job_", StandardCharsets.UTF_8);
      sim.setStage(refusing, "rendering"); // its stage has passed: this time it can be cancelled
      int before = sim.requestCount();

      Cli.Run r =
          new Cli(sim.environment())
              .run("cancel", "--from-file", file.toString(), "--resume", earlier.toString());

      assertEquals(0, r.exit(), r.err());
      // Only the job that was NotCancellable runs again.
      assertEquals(List.of("POST /v1/jobs/" + refusing + "/cancel"), sim.requestLines().subList(before, sim.requestCount()));
      assertEquals(1, r.rows().size(), r.out());
      assertTrue(r.summary().contains("skipped    2 settled in " + earlier), r.out());
      assertTrue(r.err().contains("line 4 is not JSON; ignored"), r.err());
    }
  }

  @Test
  void theFileIsReadAsTheRunGoesNotAllFirst() {
    int lines = 3000;
    try (MoguSimulator sim = Simulators.mogu()) {
      AtomicInteger printed = new AtomicInteger();
      AtomicInteger aheadMost = new AtomicInteger();
      // Each line is made when the command reads it; how far reading runs ahead of the results
      // printed is what a run of any length holds in memory.
      InputStream generated =
          new LineSource(lines, i -> {
            aheadMost.accumulateAndGet(i - printed.get(), Math::max);
            return "mogu:" + new java.util.UUID(0, i) + "\n";
          });
      Writer counting =
          new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
              for (int i = off; i < off + len; i++) if (buf[i] == '\n') printed.incrementAndGet();
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };

      Cli.Run r =
          new Cli(sim.environment())
              .stdin(generated)
              .out(counting)
              .run("cancel", "--from-file", "-", "-o", "jsonl", "--concurrency", "4");

      assertEquals(4, r.exit(), r.err()); // every id is unknown to the simulator: NotFound
      assertEquals(lines, r.jsonl().size());
      // Readers buffer 8 KiB of bytes and 8 Ki chars (about 400 lines here), the lanes 2 × 4 refs.
      assertTrue(aheadMost.get() < 600, "read ahead of the results by " + aheadMost.get());
    }
  }

  @Test
  void aWaitingRunPrintsProgressLinesWhenStderrIsNoTerminal() {
    try (LayersSimulator sim = Simulators.layers()) {
      sim.cancelAfterPolls(1_000); // accepted, but the job never reads canceled
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r =
          new Cli(sim.environment())
              .progressEvery(Duration.ofMillis(100))
              .run("cancel", "--vendor", "layers", "--await", "800ms", job);

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.row().startsWith("CancelPending"), r.out());
      assertTrue(
          r.err().lines().anyMatch(l -> l.matches("cancelkit: 0 of 1 done after \\d+\\.\\d s; waiting on layers 1")),
          r.err());
    }
  }

  @Test
  void aTerminalGetsABarRedrawnInPlaceAndClearedBeforeTheResults() {
    try (LayersSimulator sim = Simulators.layers()) {
      sim.cancelAfterPolls(1_000);
      String job = sim.addJob("content_generate", "rendering", "running");

      Cli.Run r =
          new Cli(sim.environment())
              .terminal()
              .run("cancel", "--vendor", "layers", "--await", "800ms", job);

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.err().startsWith("\r[------------------------] 0/1 0%  "), r.err());
      assertTrue(r.err().endsWith("\r"), r.err()); // wiped: the terminal is left clean
      assertEquals(1, r.rows().size(), r.out());
    }
  }

  private Path write(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "jobs", ".txt");
    Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
    return file;
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  /** An input stream of {@code count} lines, each made by {@code line} when it is first read. */
  private static final class LineSource extends InputStream {
    private final int count;
    private final java.util.function.IntFunction<String> line;
    private byte[] current = new byte[0];
    private int pos;
    private int made;

    LineSource(int count, java.util.function.IntFunction<String> line) {
      this.count = count;
      this.line = line;
    }

    @Override
    public int read() {
      if (pos == current.length) {
        if (made == count) return -1;
        current = line.apply(made++).getBytes(StandardCharsets.UTF_8);
        pos = 0;
      }
      return current[pos++];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) return 0;
      int c = read();
      if (c < 0) return -1;
      b[off] = (byte) c;
      int n = 1;
      // Only what is already made: reading on would make lines the caller did not ask for yet.
      while (n < len && pos < current.length) b[off + n++] = current[pos++];
      return n;
    }
  }
}
