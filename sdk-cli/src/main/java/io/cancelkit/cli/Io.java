package io.cancelkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The process around the command: its stdin, whether stderr is a terminal (a progress bar) or not
 * (a progress line every few seconds), and whether Ctrl-C should let a run settle its jobs in
 * flight. Tests make their own.
 *
 * @param stdin what {@code --from-file -} reads
 * @param stderrIsTerminal true to draw a progress bar on stderr
 * @param progressEvery how often a progress line is printed when stderr is not a terminal
 * @param width the terminal's columns
 * @param settleOnShutdown true to let a run settle its jobs in flight when the JVM is asked to stop
 */
record Io(
    InputStream stdin,
    boolean stderrIsTerminal,
    Duration progressEvery,
    int width,
    boolean settleOnShutdown) {
  /** A progress line this often when stderr is not a terminal. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /** The real process: {@link System#in}, its stderr, {@code COLUMNS} or 80. */
  static Io system(Function<String, String> env) {
    return new Io(System.in, stderrIsTerminal(env), PROGRESS_EVERY, width(env), true);
  }

  /** The progress display on {@code err}; lines rather than a bar when {@code bar} is false. */
  Progress progress(PrintWriter err, boolean bar) {
    return new Progress(err, bar && stderrIsTerminal, progressEvery, width);
  }

  /**
   * True when file descriptor 2 is a terminal. Java 17 can only tell whether stdin and stdout are
   * ({@link System#console()}); on Linux {@code /proc} names stderr's device, elsewhere stderr is
   * assumed to go where stdout goes.
   */
  private static boolean stderrIsTerminal(Function<String, String> env) {
    if ("dumb".equals(env.apply("TERM"))) return false;
    try {
      String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  private static int width(Function<String, String> env) {
    try {
      int columns = Integer.parseInt(String.valueOf(env.apply("COLUMNS")).trim());
      return columns >= 20 ? columns : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
