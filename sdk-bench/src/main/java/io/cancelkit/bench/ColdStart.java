package io.cancelkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times a fresh JVM doing one cancel, SDK ({@link ColdSdk}) against raw ({@link ColdRaw}), on a
 * loopback server in this JVM: {@code java -cp benchmarks.jar io.cancelkit.bench.ColdStart [RUNS]}
 * (default 10 of each). Runs alternate so that drift in the machine's load hits both alike; one
 * untimed run of each first warms the disk cache. Prints the medians of the process's wall time
 * (start to exit, what a command-line user waits) and of main's own time to the answer.
 */
public final class ColdStart {
  /** Runs of each twin unless told. */
  static final int DEFAULT_RUNS = 10;

  private static final long CHILD_TIMEOUT_SECONDS = 60;

  private ColdStart() {}

  /**
   * The medians of one twin, in milliseconds.
   *
   * @param wallMillis from the process's start to its exit
   * @param mainMillis from main's start to the answer, as the process reports it
   */
  record Times(double wallMillis, double mainMillis) {}

  /** The medians of both twins over {@code runs} runs each. */
  record Result(Times sdk, Times raw, int runs) {
    /** The SDK's wall time over the raw twin's. */
    double wallRatio() {
      return sdk.wallMillis / raw.wallMillis;
    }

    /** The SDK's time in main over the raw twin's. */
    double mainRatio() {
      return sdk.mainMillis / raw.mainMillis;
    }
  }

  /** Runs and prints the comparison; {@code args[0]}, if given, is the runs of each twin. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
    Result r = measure(runs);
    System.out.printf(
        "cold start, median of %d fresh JVMs each: SDK %.0f ms (main %.0f ms), raw %.0f ms"
            + " (main %.0f ms): %.2fx wall, %.2fx main%n",
        r.runs(), r.sdk().wallMillis(), r.sdk().mainMillis(), r.raw().wallMillis(),
        r.raw().mainMillis(), r.wallRatio(), r.mainRatio());
  }

  /** Launches {@code runs} fresh JVMs of each twin, alternating, and takes the medians. */
  static Result measure(int runs) throws IOException, InterruptedException {
    if (runs < 1) throw new IllegalArgumentException("runs < 1: " + runs);
    try (LoopbackServer server = LoopbackServer.start(0)) {
      String url = server.baseUrl();
      launch(ColdSdk.class, url);
      launch(ColdRaw.class, url);
      List<long[]> sdk = new ArrayList<>();
      List<long[]> raw = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        sdk.add(launch(ColdSdk.class, url));
        raw.add(launch(ColdRaw.class, url));
      }
      return new Result(medians(sdk), medians(raw), runs);
    }
  }

  /** One fresh JVM of {@code main}: its wall and in-main nanoseconds. */
  private static long[] launch(Class<?> main, String url) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName(), url)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    long start = System.nanoTime();
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(main.getSimpleName() + " did not exit");
    }
    long wall = System.nanoTime() - start;
    String text = new String(out, StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      throw new IllegalStateException(main.getSimpleName() + " exited " + p.exitValue() + ": " + text);
    }
    return new long[] {wall, Long.parseLong(text)};
  }

  private static Times medians(List<long[]> runs) {
    return new Times(median(runs, 0), median(runs, 1));
  }

  private static double median(List<long[]> runs, int column) {
    List<Long> values = new ArrayList<>();
    for (long[] run : runs) values.add(run[column]);
    Collections.sort(values);
    int n = values.size();
    double nanos = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
    return nanos / 1e6;
  }
}
