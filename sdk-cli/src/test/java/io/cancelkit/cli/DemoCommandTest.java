package io.cancelkit.cli;

import static io.cancelkit.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cancelkit demo}: every outcome kind on the tour, within 100 columns; then a fleet within
 * the rate limits, with no 429. The demo runs once (a few seconds) for all the tests.
 */
class DemoCommandTest {
  private static Cli.Run demo;
  private static List<String> lines;

  @BeforeAll
  static void runTheDemo() {
    demo = run(Map.of(), "demo");
    lines = demo.out().lines().toList();
  }

  @Test
  void exits0WithinAHundredColumns() {
    assertEquals(0, demo.exit(), demo.err());
    for (String line : lines) {
      assertTrue(line.length() < 100, "wider than 99 columns: " + line);
    }
  }

  @Test
  void theTourHasARowPerJobForEveryVendor() {
    // vendor, job, call, HTTP statuses of the cancel, outcome; then attempts and milliseconds
    String[][] expected = {
      {"layers", "running", "await", "202", "Cancelled"},
      {"layers", "running", "cancel", "202", "CancelPending"},
      {"layers", "finalizing", "cancel", "409", "NotCancellable(finalizing)"},
      {"layers", "completed", "cancel", "200", "AlreadyFinished(COMPLETED)"},
      {"layers", "unknown id", "cancel", "404", "NotFound"},
      {"layers", "wrong key", "cancel", "401", "Failed(AUTHENTICATION)"},
      {"layers", "503 first", "await", "503,202", "Cancelled"},
      {"mogu", "processing", "cancel", "200", "Cancelled"},
      {"mogu", "completed", "cancel", "400", "AlreadyFinished(COMPLETED)"},
      {"mogu", "unknown id", "cancel", "404", "NotFound"},
      {"mogu", "wrong key", "cancel", "401", "Failed(AUTHENTICATION)"},
      {"mogu", "503 first", "await", "503,200", "Cancelled"},
      {"omni", "EXECUTING", "await", "200", "Cancelled"},
      {"omni", "EXECUTING", "cancel", "200", "CancelPending"},
      {"omni", "DELIVERING", "cancel", "400", "NotCancellable(DELIVERING)"},
      {"omni", "COMPLETE", "cancel", "200", "AlreadyFinished(COMPLETED)"},
      {"omni", "unknown id", "cancel", "404", "NotFound"},
      {"omni", "wrong key", "cancel", "401", "Failed(AUTHENTICATION)"},
      {"omni", "503 first", "await", "503,200", "Cancelled"},
      {"plangrep", "processing", "cancel", "200", "Cancelled"},
      {"plangrep", "completed", "cancel", "409", "AlreadyFinished(COMPLETED)"},
      {"plangrep", "unknown id", "cancel", "404", "NotFound"},
      {"plangrep", "wrong key", "cancel", "401", "Failed(AUTHENTICATION)"},
      {"plangrep", "503 first", "await", "503,200", "Cancelled"},
      {"scale", "running", "await", "202", "Cancelled"},
      {"scale", "running", "cancel", "202", "CancelPending"},
      {"scale", "succeeded", "cancel", "400", "AlreadyFinished(COMPLETED)"},
      {"scale", "unknown id", "cancel", "404", "NotFound"},
      {"scale", "wrong key", "cancel", "401", "Failed(AUTHENTICATION)"},
      {"scale", "503 first", "await", "503,202", "Cancelled"},
    };
    for (String[] row : expected) {
      StringBuilder regex = new StringBuilder();
      for (String cell : row) regex.append(Pattern.quote(cell)).append(" +");
      Pattern p = Pattern.compile(regex + "[1-9]\\d* +\\d+");
      long matches = lines.stream().filter(l -> p.matcher(l).matches()).count();
      assertEquals(1, matches, String.join(" ", row) + " in\n" + demo.out());
    }
    long rows =
        lines.stream()
            .filter(l -> l.matches("(layers|plangrep|scale|omni|mogu) +\\S.* (await|cancel) .*"))
            .count();
    assertEquals(expected.length, rows, demo.out());
  }

  @Test
  void theTourShowsAllSixOutcomeKindsAndWhichVendorsRefuseCancelInAStage() {
    assertTrue(
        lines.contains(
            "Outcome kinds shown: Cancelled, CancelPending, AlreadyFinished, NotCancellable,"
                + " NotFound, Failed."),
        demo.out());
    String stages = demo.out().substring(demo.out().indexOf("Stages that refuse cancel:"));
    stages = stages.substring(0, stages.indexOf("\n\n")).replace('\n', ' ');
    assertTrue(stages.contains("layers content_generate in finalizing"), stages);
    assertTrue(stages.contains("omni DELIVERING"), stages);
    assertTrue(stages.endsWith("mogu, plangrep and scale document none."), stages);
  }

  @Test
  void showsTheVendorsRealAnswerUnderItsRow() {
    String below = lines.get(indexOf("layers    finalizing") + 1).trim();
    assertTrue(
        below.startsWith("{\"error\":{\"code\":\"CONFLICT\",\"message\":\"Job cannot be canceled"),
        below);
    assertEquals("(no body)", lines.get(indexOf("scale     running") + 1).trim());
    assertEquals(
        "{\"detail\":\"Job is in a terminal state\"}",
        lines.get(indexOf("scale     succeeded") + 1).trim());
  }

  @Test
  void theFleetSettlesEveryJobWithinTheRateLimitsAndGetsNo429() {
    assertTrue(
        demo.out().replace('\n', ' ').contains("shortened from a minute to 250 ms for this demo"),
        demo.out());
    assertTrue(lines.contains("  layers    60 writes and 120 reads per 250 ms (lane: 50 and 100)"), demo.out());
    assertTrue(lines.contains("  omni      60 requests per 250 ms (lane: 50)"), demo.out());
    for (String vendor : List.of("layers", "mogu", "omni", "plangrep", "scale")) {
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith(String.format("%-10s 600 jobs: ", vendor))),
          vendor + " in " + demo.out());
    }
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> l.matches("3000 jobs settled in \\d+\\.\\d s; 429 answers sent by the simulators: 0\\.")),
        demo.out());
  }

  private static int indexOf(String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) return i;
    }
    throw new AssertionError("no line starts with " + prefix + " in " + lines);
  }
}
