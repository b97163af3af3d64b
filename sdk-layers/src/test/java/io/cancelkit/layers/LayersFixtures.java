package io.cancelkit.layers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Shared test plumbing: the vendor's fixtures, a canceller on a mock server, request checks. */
final class LayersFixtures {
  /** The job id of the Layers cancel page's examples. */
  static final String JOB = "job_01HXA1NHKJZXPV8R7Q6WSM5BCD";

  /** A key of the documented {@code lp_test_…} shape. */
  static final String API_KEY = "lp_test_01HX9Y6K7EJ4T2_4QZpNsecret";

  private LayersFixtures() {}

  /** A fixture under {@code src/test/resources/layers/}. */
  static String fixture(String name) {
    try (InputStream in = LayersFixtures.class.getResourceAsStream("/layers/" + name)) {
      if (in == null) throw new AssertionError("no fixture layers/" + name);
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A builder on {@code server} under {@code /prefix/}, with the default timings: tests build it on
   * a {@link io.cancelkit.core.internal.VirtualClock}, so the waits cost no real time.
   */
  static LayersCanceller.Builder builder(MockWebServer server) {
    return LayersCanceller.builder().apiKey(API_KEY).baseUrl(server.url("/prefix/").toString());
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** The next recorded request; fails instead of hanging when none came. */
  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "expected another request");
    return request;
  }

  /** Checks a cancel request and returns its Idempotency-Key, which must be one UUID. */
  static String assertCancelRequest(RecordedRequest request, String jobId) {
    assertEquals("POST", request.getMethod());
    assertEquals("/prefix/v1/jobs/" + jobId + "/cancel", request.getPath());
    assertEquals("Bearer " + API_KEY, request.getHeader("Authorization"));
    assertNull(request.getHeader("If-None-Match"));
    assertNull(request.getHeader("X-Api-Key"));
    assertEquals(0, request.getBodySize(), "the cancel POST has no body");
    assertEquals(1, request.getHeaders().values("Idempotency-Key").size());
    String key = request.getHeader("Idempotency-Key");
    assertEquals(key, UUID.fromString(key).toString(), "Idempotency-Key is a UUID");
    return key;
  }

  /** Checks a job GET; {@code ifNoneMatch} null means the header must be absent. */
  static void assertJobRequest(RecordedRequest request, String jobId, String ifNoneMatch) {
    assertEquals("GET", request.getMethod());
    assertEquals("/prefix/v1/jobs/" + jobId, request.getPath());
    assertEquals("Bearer " + API_KEY, request.getHeader("Authorization"));
    assertEquals(ifNoneMatch, request.getHeader("If-None-Match"));
    assertNull(request.getHeader("Idempotency-Key"), "a GET needs no idempotency key");
  }
}
