package io.cancelkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.testkit.VendorSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an example's {@code main} in a JVM of its own: the README's snippets read their keys and
 * base URLs with {@code fromEnv()}, and only a new process can be given an environment.
 */
record Example(int exitCode, List<String> stdout, String stderr) {
  /** Variables of the five vendors; the parent's are dropped so that only the simulators count. */
  private static final List<String> VENDOR_PREFIXES =
      List.of("LAYERS_", "PLANGREP_", "SGP_", "OMNI_", "MOGU_");

  /** Runs {@code main} with the simulators' environment and waits at most a minute for it. */
  static Example run(Class<?> main, VendorSimulator... simulators) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", classPath(), main.getName());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(name -> VENDOR_PREFIXES.stream().anyMatch(name::startsWith));
    for (VendorSimulator sim : simulators) env.putAll(sim.environment());
    try {
      // Files, not pipes: nothing has to drain them while the test waits with a timeout.
      Path out = Files.createTempFile("example-", ".out");
      Path err = Files.createTempFile("example-", ".err");
      try {
        Process process = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(main.getSimpleName() + " did not end within 60 s");
        }
        return new Example(
            process.exitValue(), Files.readAllLines(out, UTF_8), Files.readString(err, UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** This test JVM's class path: surefire runs from a manifest-only jar and names the real one here. */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Fails unless the example ended normally; returns it for further checks. */
  Example succeeded() {
    assertEquals(0, exitCode, () -> "exit code; stderr:\n" + stderr);
    return this;
  }
}
