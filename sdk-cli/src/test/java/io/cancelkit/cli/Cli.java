package io.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.cancelkit.core.CancellerBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the command in-process with an injected environment and captures what it prints. */
final class Cli {
  /** Loopback timings: a poll after 10 ms, retries after at most a few ms. */
  static final Consumer<CancellerBuilder<?>> FAST =
      b -> {
        b.pollInterval(Duration.ofMillis(10));
        b.initialBackoff(Duration.ofMillis(1));
      };

  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder()
          .build()
          .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** What one run returned and printed. */
  record Run(int exit, String out, String err) {
    /** The one line printed on stdout, without its line break. */
    String line() {
      String[] lines = out.split("\n", -1);
      if (lines.length != 2 || !lines[1].isEmpty()) {
        throw new AssertionError("expected exactly one line on stdout, got: " + out);
      }
      return lines[0];
    }

    /** Stdout parsed as one JSON object. */
    Map<String, Object> json() {
      try {
        return JSON.fromJson(line());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Cli() {}

  /** Runs {@code args} with {@code env} as the only environment, and {@link #FAST} timings. */
  static Run run(Map<String, String> env, String... args) {
    return run(env, FAST, args);
  }

  /** Runs {@code args} with {@code env} and {@code tuning} applied to every canceller. */
  static Run run(Map<String, String> env, Consumer<CancellerBuilder<?>> tuning, String... args) {
    CommandLine cl = new CancelkitCommand(env::get, tuning).commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    // Lines end in the platform's separator; the assertions are written with \n.
    String sep = System.lineSeparator();
    return new Run(exit, out.toString().replace(sep, "\n"), err.toString().replace(sep, "\n"));
  }
}
