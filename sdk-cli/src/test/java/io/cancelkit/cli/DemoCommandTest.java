package io.cancelkit.cli;

import static io.cancelkit.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code cancelkit demo}: every vendor, every kind of job, within 100 columns, exit 0. */
class DemoCommandTest {
  @Test
  void printsARowPerJobForEveryVendorAndExits0() {
    Cli.Run r = run(Map.of(), "demo");

    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    List<String> lines = r.out().lines().toList();
    for (String line : lines) {
      assertTrue(line.length() < 100, "wider than 99 columns: " + line);
    }
    // vendor, job, HTTP statuses of the cancel, outcome, attempts, milliseconds
    String[][] expected = {
      {"layers", "running", "202", "Cancelled"},
      {"layers", "finalizing", "409", "NotCancellable(finalizing)"},
      {"layers", "completed", "200", "AlreadyFinished(COMPLETED)"},
      {"layers", "unknown id", "404", "NotFound"},
      {"layers", "503 first", "503,202", "Cancelled"},
      {"plangrep", "processing", "200", "Cancelled"},
      {"plangrep", "completed", "409", "AlreadyFinished(COMPLETED)"},
      {"plangrep", "unknown id", "404", "NotFound"},
      {"plangrep", "503 first", "503,200", "Cancelled"},
      {"scale", "running", "202", "Cancelled"},
      {"scale", "succeeded", "400", "AlreadyFinished(COMPLETED)"},
      {"scale", "unknown id", "404", "NotFound"},
      {"scale", "503 first", "503,202", "Cancelled"},
      {"omni", "EXECUTING", "200", "Cancelled"},
      {"omni", "DELIVERING", "400", "NotCancellable(DELIVERING)"},
      {"omni", "COMPLETE", "200", "AlreadyFinished(COMPLETED)"},
      {"omni", "unknown id", "404", "NotFound"},
      {"omni", "503 first", "503,200", "Cancelled"},
      {"mogu", "processing", "200", "Cancelled"},
      {"mogu", "completed", "400", "AlreadyFinished(COMPLETED)"},
      {"mogu", "unknown id", "404", "NotFound"},
      {"mogu", "503 first", "503,200", "Cancelled"},
    };
    for (String[] row : expected) {
      Pattern p =
          Pattern.compile(
              Pattern.quote(row[0])
                  + " +"
                  + Pattern.quote(row[1])
                  + " +"
                  + Pattern.quote(row[2])
                  + " +"
                  + Pattern.quote(row[3])
                  + " +[1-9]\\d* +\\d+");
      long matches = lines.stream().filter(l -> p.matcher(l).matches()).count();
      assertEquals(1, matches, String.join(" ", row) + " in\n" + r.out());
    }
    long rows =
        lines.stream().filter(l -> l.matches("(layers|plangrep|scale|omni|mogu) .*")).count();
    assertEquals(expected.length, rows, r.out());
  }

  @Test
  void showsTheVendorsRealAnswerUnderItsRow() {
    List<String> lines = run(Map.of(), "demo").out().lines().toList();

    String below = lines.get(indexOf(lines, "layers    finalizing") + 1).trim();
    assertTrue(
        below.startsWith("{\"error\":{\"code\":\"CONFLICT\",\"message\":\"Job cannot be canceled"),
        below);
    assertEquals("(no body)", lines.get(indexOf(lines, "scale     running") + 1).trim());
    assertEquals(
        "{\"detail\":\"Job is in a terminal state\"}",
        lines.get(indexOf(lines, "scale     succeeded") + 1).trim());
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) return i;
    }
    throw new AssertionError("no line starts with " + prefix + " in " + lines);
  }
}
