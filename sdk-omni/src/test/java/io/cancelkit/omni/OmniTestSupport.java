package io.cancelkit.omni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Fixtures, canceller setup and request assertions shared by the Omni tests. */
final class OmniTestSupport {
  static final String KEY = "omni_test_key_7f3a";
  /** The id in the cancel page's own example. */
  static final String JOB = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
  static final String CANCEL_PATH = "/api/v1/ai/jobs/" + JOB + "/cancel";
  static final String JOB_PATH = "/api/v1/ai/jobs/" + JOB;

  private OmniTestSupport() {}

  /** A fixture from {@code src/test/resources/omni/}. */
  static String fixture(String name) {
    try (InputStream in = OmniTestSupport.class.getResourceAsStream("/omni/" + name)) {
      assertNotNull(in, "missing fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON answer with {@code status} and the fixture as body. */
  static MockResponse json(int status, String fixture) {
    return body(status, fixture(fixture));
  }

  /** A JSON answer with {@code status} and {@code body}. */
  static MockResponse body(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** A canceller on {@code server} under {@code /api/}, with tiny timings. */
  static OmniCanceller.Builder builder(MockWebServer server) {
    return OmniCanceller.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/api/").toString())
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(5));
  }

  static OmniCanceller canceller(MockWebServer server) {
    return builder(server).build();
  }

  /** Takes the next request and checks method, full path and Omni's headers. */
  static RecordedRequest assertSent(MockWebServer server, String method, String path)
      throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(r, "no " + method + " " + path + " was sent");
    assertEquals(method, r.getMethod());
    assertEquals(path, r.getPath());
    assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
    // Omni documents neither; sending them would be noise at best.
    assertNull(r.getHeader("Idempotency-Key"));
    assertNull(r.getHeader("If-None-Match"));
    if (method.equals("POST")) assertEquals(0, r.getBodySize());
    return r;
  }

  static RecordedRequest assertCancelSent(MockWebServer server) throws InterruptedException {
    return assertSent(server, "POST", CANCEL_PATH);
  }

  static RecordedRequest assertGetSent(MockWebServer server) throws InterruptedException {
    return assertSent(server, "GET", JOB_PATH);
  }
}
