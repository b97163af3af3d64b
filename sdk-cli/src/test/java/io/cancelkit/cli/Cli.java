package io.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.testkit.VendorSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Runs the command in-process with an injected environment, stdin and stderr, and captures what it
 * prints: {@code new Cli(env).stdin("...").run("cancel", ...)}, or {@link #run(Map, String...)}.
 */
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

  private final Map<String, String> env;
  private InputStream stdin = InputStream.nullInputStream();
  private Consumer<CancellerBuilder<?>> tuning = FAST;
  // The documented limits would space Layers' and Omni's requests a second apart; no test here
  // sends a simulator more than its limit per minute, and FleetTest keeps real limits.
  private Consumer<BulkOptions.Builder> bulk = BulkOptions.Builder::noRateLimits;
  private boolean terminal;
  private Duration progressEvery = Duration.ofHours(1);
  private Writer out;

  /** A run with {@code env} as the whole environment, and {@link #FAST} timings. */
  Cli(Map<String, String> env) {
    this.env = env;
  }

  /** The environment that points every provider's {@code fromEnv} at these simulators. */
  static Map<String, String> env(VendorSimulator... sims) {
    Map<String, String> env = new HashMap<>();
    for (VendorSimulator sim : sims) env.putAll(sim.environment());
    return env;
  }

  /** {@code sim}'s environment with {@code variable} set to {@code value}, such as a wrong key. */
  static Map<String, String> env(VendorSimulator sim, String variable, String value) {
    Map<String, String> env = new HashMap<>(sim.environment());
    env.put(variable, value);
    return env;
  }

  /** Runs {@code args} with {@code env} as the only environment, and {@link #FAST} timings. */
  static Run run(Map<String, String> env, String... args) {
    return new Cli(env).run(args);
  }

  /** What {@code --from-file -} reads. */
  Cli stdin(String text) {
    return stdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** What {@code --from-file -} reads. */
  Cli stdin(InputStream in) {
    this.stdin = in;
    return this;
  }

  /** Applied to every canceller's builder after the command's own settings. */
  Cli tuning(Consumer<CancellerBuilder<?>> tuning) {
    this.tuning = tuning;
    return this;
  }

  /**
   * Applied to every bulk run's options instead of lifting the rate limits, such as limits matching
   * a simulator's.
   */
  Cli bulk(Consumer<BulkOptions.Builder> bulk) {
    this.bulk = bulk;
    return this;
  }

  /** Stderr plays a terminal: a progress bar instead of lines. */
  Cli terminal() {
    this.terminal = true;
    return this;
  }

  /** A progress line this often (when stderr is no terminal); default an hour, so none. */
  Cli progressEvery(Duration every) {
    this.progressEvery = every;
    return this;
  }

  /** Stdout goes to {@code out} as well as to {@link Run#out()}. */
  Cli out(Writer out) {
    this.out = out;
    return this;
  }

  /** Runs the command and returns what it returned and printed. */
  Run run(String... args) {
    Io io = new Io(stdin, terminal, progressEvery, 100, false);
    CommandLine cl = new CancelkitCommand(env::get, tuning, bulk, io).commandLine();
    StringWriter captured = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out == null ? captured : new Tee(captured, out), true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    // Lines end in the platform's separator; the assertions are written with \n.
    String sep = System.lineSeparator();
    return new Run(exit, captured.toString().replace(sep, "\n"), err.toString().replace(sep, "\n"));
  }

  /** What one run returned and printed. */
  record Run(int exit, String out, String err) {
    /** The one line printed on stdout, without its line break. */
    String line() {
      List<String> lines = out.lines().toList();
      if (lines.size() != 1) {
        throw new AssertionError("expected exactly one line on stdout, got: " + out);
      }
      return lines.get(0);
    }

    /** Stdout parsed as one JSON object. */
    Map<String, Object> json() {
      return parse(out);
    }

    /** Stdout as JSON lines, one object each. */
    List<Map<String, Object>> jsonl() {
      return out.lines().map(Cli::parse).toList();
    }

    /** The table's job rows: what lies between the header and the blank line before the summary. */
    List<String> rows() {
      List<String> lines = out.lines().toList();
      if (lines.isEmpty() || !lines.get(0).startsWith("OUTCOME")) {
        throw new AssertionError("no table header in: " + out);
      }
      int end = lines.indexOf("");
      return lines.subList(1, end < 0 ? lines.size() : end);
    }

    /** The table's only job row. */
    String row() {
      List<String> rows = rows();
      if (rows.size() != 1) throw new AssertionError("expected one row, got: " + out);
      return rows.get(0);
    }

    /** The summary: what follows the blank line after the table's rows. */
    List<String> summary() {
      List<String> lines = out.lines().toList();
      return lines.subList(lines.indexOf("") + 1, lines.size());
    }
  }

  static Map<String, Object> parse(String json) {
    try {
      Map<String, Object> m = JSON.fromJson(json);
      if (m == null) throw new AssertionError("not a JSON object: " + json);
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  /** Writes to two writers. */
  private static final class Tee extends Writer {
    private final Writer a;
    private final Writer b;

    Tee(Writer a, Writer b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }

    @Override
    public void close() throws IOException {
      a.close();
      b.close();
    }
  }
}
