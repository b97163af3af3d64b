package io.cancelkit.omni;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cancelkit.core.internal.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Shared test plumbing: Omni's fixtures, answers for the mapper, a canceller on a mock server. */
final class OmniFixtures {
  static final String KEY = "omni_test_key_7f3a";

  /** The id in the cancel page's own example. */
  static final String JOB = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

  /** The mock server's path prefix: Omni's own {@code /api} under a proxy's {@code /proxy}. */
  static final String PREFIX = "/proxy/api/";

  private OmniFixtures() {}

  /** A fixture under {@code src/test/resources/omni/}. */
  static String fixture(String name) {
    try (InputStream in = OmniFixtures.class.getResourceAsStream("/omni/" + name)) {
      assertNotNull(in, "no fixture omni/" + name);
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An answer about {@link #JOB} with {@code body}, as the engine hands it to the mapper. */
  static Answer answer(int status, String body) {
    return Answer.of(OmniMapper.PROVIDER, JOB, status, Headers.of(), body);
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

  /** A builder on {@code server} under {@link #PREFIX}, with tiny timings. */
  static OmniCanceller.Builder builder(MockWebServer server) {
    return OmniCanceller.builder()
        .apiKey(KEY)
        .baseUrl(server.url(PREFIX).toString())
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(5));
  }

  /** Takes the next request and checks method, full path and Omni's headers. */
  static RecordedRequest assertSent(MockWebServer server, String method, String path)
      throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(r, "no " + method + " " + path + " was sent");
    assertEquals(method, r.getMethod());
    assertEquals(path, r.getPath());
    assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
    // Omni documents neither; the engine must not send its Layers-only headers here.
    assertNull(r.getHeader("Idempotency-Key"));
    assertNull(r.getHeader("If-None-Match"));
    assertEquals(0, r.getBodySize());
    return r;
  }

  static void assertCancelSent(MockWebServer server) throws InterruptedException {
    assertSent(server, "POST", PREFIX + "v1/ai/jobs/" + JOB + "/cancel");
  }

  static void assertGetSent(MockWebServer server) throws InterruptedException {
    assertSent(server, "GET", PREFIX + "v1/ai/jobs/" + JOB);
  }
}
