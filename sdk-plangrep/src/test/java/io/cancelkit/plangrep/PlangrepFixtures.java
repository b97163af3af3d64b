package io.cancelkit.plangrep;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cancelkit.core.internal.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockWebServer;

/** Shared test data: Plangrep's own example JSON and answers built from it. */
final class PlangrepFixtures {
  /** The job id of the cancel page's example. */
  static final String JOB = "job_01hy3m8qtn2e5r7k9p0w4x1def";

  static final String API_KEY = "pgk_test_S3cretK3y";

  // Held strongly so that the level set on it sticks.
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  private PlangrepFixtures() {}

  /** Silences MockWebServer's "didn't make a request": tests drop answers on purpose. */
  static void quietDroppedConnections() {
    MOCK_WEB_SERVER_LOG.setLevel(Level.SEVERE);
  }

  /** A fixture under {@code src/test/resources/plangrep/}. */
  static String fixture(String name) {
    try (InputStream in = PlangrepFixtures.class.getResourceAsStream("/plangrep/" + name)) {
      if (in == null) throw new AssertionError("no fixture plangrep/" + name);
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documented job object in {@code status} (its files keep theirs). */
  static String job(String status) {
    String body = fixture("job-200-processing.json");
    String replaced =
        body.replaceFirst("\"status\": \"processing\"", "\"status\": \"" + status + "\"");
    if (!status.equals("processing") && replaced.equals(body)) {
      throw new AssertionError("the fixture's status was not replaced");
    }
    return replaced;
  }

  /**
   * A body by its spec: a fixture's file name, {@code job:<status>} for {@link #job}, else the text
   * itself.
   */
  static String body(String spec) {
    if (spec == null) return "";
    if (spec.startsWith("job:")) return job(spec.substring(4));
    return spec.matches("[a-z0-9-]+\\.(json|txt)") ? fixture(spec) : spec;
  }

  /** An answer about {@link #JOB} with no headers. */
  static Answer answer(int status, String body) {
    return answer(status, Headers.of(), body);
  }

  /** An answer about {@link #JOB}. */
  static Answer answer(int status, Headers headers, String body) {
    return Answer.of(PlangrepMapper.PROVIDER, JOB, status, headers, body);
  }
}
