package io.cancelkit.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cancelkit.core.internal.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Fixtures, a configured canceller and request assertions shared by the Scale tests. */
final class ScaleTestSupport {
  static final String KEY = "sgp_test_9QvXk2sEcReT";
  static final String ACCOUNT = "acct_8b21";
  static final String PROJECT = "proj_acme";
  static final String OTHER_PROJECT = "proj_other";
  static final String JOB = "job_7f3c2a91";
  static final String CANCEL_PATH = "/prefix/v1/projects/proj_acme/jobs/job_7f3c2a91/cancel";
  static final String JOB_PATH = "/prefix/v1/projects/proj_acme/jobs/job_7f3c2a91";
  static final String CORRELATION_ID = "corr-5d2e8b10";

  // A dropped answer makes MockWebServer log "didn't make a request"; expected where a test drops
  // one. Held strongly so that the level sticks.
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  private ScaleTestSupport() {}

  /** Silences MockWebServer's warning about the connections that tests drop on purpose. */
  static void quietDroppedConnections() {
    MOCK_WEB_SERVER_LOG.setLevel(Level.SEVERE);
  }

  /** A started MockWebServer; the test shuts it down. */
  static MockWebServer startedServer() {
    MockWebServer server = new MockWebServer();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  /** A fixture from {@code src/test/resources/scale/}. */
  static String fixture(String name) {
    try (InputStream in = ScaleTestSupport.class.getResourceAsStream("/scale/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON answer whose body is {@code fixture}. */
  static MockResponse json(int status, String fixture) {
    return body(status, fixture(fixture));
  }

  /** A JSON answer with {@code body} verbatim. */
  static MockResponse body(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /**
   * A builder on {@code server} under {@code /prefix/}, with the default timings: tests that wait
   * build it on a {@link VirtualClock}.
   */
  static ScaleCanceller.Builder builder(MockWebServer server, int maxAttempts) {
    return ScaleCanceller.builder()
        .apiKey(KEY)
        .accountId(ACCOUNT)
        .projectId(PROJECT)
        .baseUrl(server.url("/prefix/").toString())
        .maxAttempts(maxAttempts);
  }

  /** A canceller on {@code server} with 3 attempts, on virtual time. */
  static ScaleCanceller canceller(MockWebServer server) {
    return builder(server, 3).build(new VirtualClock());
  }

  /**
   * Takes the next request and checks method, full path, both Dex auth headers exactly, and that no
   * {@code Authorization} header went out.
   */
  static RecordedRequest assertSent(MockWebServer server, String method, String path)
      throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "no request reached the server");
    assertEquals(method, request.getMethod());
    assertEquals(path, request.getPath());
    assertEquals(List.of(KEY), request.getHeaders().values("x-api-key"));
    assertEquals(List.of(ACCOUNT), request.getHeaders().values("x-selected-account-id"));
    assertNull(request.getHeader("Authorization"), "Dex takes no Authorization header");
    if (method.equals("POST")) assertEquals(0, request.getBodySize(), "cancel has no body");
    return request;
  }
}
