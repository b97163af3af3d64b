package io.cancelkit.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Shows a run's progress on stderr: a bar redrawn in place when stderr is a terminal, otherwise a
 * plain line every few seconds, so that a log shows a waiting run as waiting rather than as
 * silence. Not thread-safe: {@link Reporter} calls it under its lock.
 */
final class Progress {
  /** How often the bar is redrawn. */
  private static final Duration REDRAW = Duration.ofMillis(200);

  private static final int BAR = 24;

  /**
   * What the run has done.
   *
   * @param done jobs with a result, or skipped
   * @param total jobs expected, or -1 when the input is a stream of unknown length
   * @param types results so far by outcome name
   * @param inFlight jobs handed to each vendor's lane and not settled yet
   * @param elapsed time since the run started
   */
  record Snapshot(
      long done, long total, Map<String, Long> types, Map<String, Long> inFlight, Duration elapsed) {}

  private final PrintWriter err;
  private final boolean terminal;
  private final Duration period;
  private final int width;
  private int drawn;

  /**
   * Progress on {@code err}: a bar when {@code terminal}, otherwise a line every {@code every};
   * the bar fits {@code width} columns.
   */
  Progress(PrintWriter err, boolean terminal, Duration every, int width) {
    this.err = err;
    this.terminal = terminal;
    this.period = terminal ? REDRAW : every;
    this.width = width;
  }

  /** How often {@link #show} should be called. */
  Duration period() {
    return period;
  }

  /** Draws the bar over the previous one, or prints a line. */
  void show(Snapshot s) {
    if (terminal) {
      String text = bar(s);
      if (text.length() > width - 1) text = text.substring(0, width - 1);
      // Spaces wipe what is left of a longer previous bar.
      err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
      drawn = text.length();
    } else {
      err.println("cancelkit: " + line(s));
    }
    err.flush();
  }

  /** Removes the bar, before other output is written to the same terminal; a no-op for lines. */
  void clear() {
    if (drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
  }

  /** The bar's text, such as {@code [######------] 120/480 25%  118 Cancelled, 2 Failed  3.1 s}. */
  static String bar(Snapshot s) {
    StringBuilder b = new StringBuilder();
    if (s.total() > 0) {
      int filled = (int) Math.min(BAR, BAR * s.done() / s.total());
      b.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
      b.append(s.done()).append('/').append(s.total());
      b.append(' ').append(100 * s.done() / s.total()).append('%');
    } else {
      b.append(s.done()).append(" done");
    }
    String types = types(s.types());
    if (!types.isEmpty()) b.append("  ").append(types);
    return b.append("  ").append(seconds(s.elapsed())).toString();
  }

  /** The line's text: how many are done, of how many, by outcome, and what is still in flight. */
  static String line(Snapshot s) {
    StringBuilder b = new StringBuilder().append(s.done());
    if (s.total() >= 0) b.append(" of ").append(s.total());
    b.append(" done after ").append(seconds(s.elapsed()));
    String types = types(s.types());
    if (!types.isEmpty()) b.append(" (").append(types).append(')');
    StringJoiner waiting = new StringJoiner(", ");
    s.inFlight().forEach((vendor, n) -> {
      if (n > 0) waiting.add(vendor + " " + n);
    });
    if (waiting.length() > 0) b.append("; waiting on ").append(waiting);
    return b.toString();
  }

  /** Counts by outcome name in the summaries' order, such as {@code 3 Cancelled, 1 Failed}. */
  static String types(Map<String, Long> types) {
    StringJoiner j = new StringJoiner(", ");
    for (String type : Output.TYPES) {
      Long n = types.get(type);
      if (n != null && n > 0) j.add(n + " " + type);
    }
    return j.toString();
  }

  private static String seconds(Duration d) {
    long tenths = d.toMillis() / 100;
    return tenths < 100 ? tenths / 10 + "." + tenths % 10 + " s" : tenths / 10 + " s";
  }
}
