package io.cancelkit.mogu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.Json;
import io.cancelkit.core.internal.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Shared test plumbing: Mogu's fixtures, answers for the mapper, a canceller on a mock server,
 * request checks.
 */
final class MoguFixtures {
  /** The publicId of the Mogu page's examples; every fixture describes this job. */
  static final String ID = "1c2c38f3-e596-463e-9f62-75c7c3602770";

  /** Mogu keys look like {@code ak_…}. */
  static final String API_KEY = "ak_test_5f2b9c0d7e";

  /** The page's example {@code updatedAt}. */
  static final Instant UPDATED_AT = Instant.parse("2026-01-27T15:30:28Z");

  private MoguFixtures() {}

  /** The fixture {@code src/test/resources/mogu/<name>.json}. */
  static String fixture(String name) {
    String path = "/mogu/" + name + ".json";
    try (InputStream in = MoguFixtures.class.getResourceAsStream(path)) {
      assertNotNull(in, "no fixture " + path);
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON answer whose body is the fixture {@code name}. */
  static MockResponse json(int status, String name) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(fixture(name));
  }

  /** An answer about job {@link #ID}, as the engine hands it to the mapper. */
  static Answer answer(int status, Headers headers, String body) {
    return Answer.of("mogu", ID, status, headers, body);
  }

  /** An answer about job {@link #ID} with no headers. */
  static Answer answer(int status, String body) {
    return answer(status, Headers.of(), body);
  }

  /** A builder on {@code server} under {@code /prefix/}, with the default timings. */
  static MoguCanceller.Builder builder(MockWebServer server) {
    return MoguCanceller.builder().apiKey(API_KEY).baseUrl(server.url("/prefix/").toString());
  }

  /** A canceller on {@code server} on virtual time, so that no backoff or poll waits for real. */
  static MoguCanceller canceller(MockWebServer server) {
    return builder(server).build(new VirtualClock());
  }

  /** The next recorded request; fails instead of hanging when none came. */
  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "expected another request");
    return request;
  }

  /** Checks a cancel: POST under the prefix, the bearer key, no body, no undocumented headers. */
  static void assertCancelRequest(RecordedRequest request) {
    assertEquals("POST", request.getMethod());
    assertEquals("/prefix/ai/trips/" + ID + "/actions/cancel", request.getPath());
    assertEquals("Bearer " + API_KEY, request.getHeader("Authorization"));
    assertEquals(1, request.getHeaders().values("Authorization").size());
    assertEquals(0, request.getBodySize(), "the cancel POST has no body");
    assertNull(request.getHeader("Idempotency-Key"), "Mogu documents no idempotency header");
    assertEquals("cancelkit-java", request.getHeader("User-Agent"));
  }

  /** Checks a status GET: the public endpoint, so the key must not travel there at all. */
  static void assertStatusRequest(RecordedRequest request) {
    assertEquals("GET", request.getMethod());
    assertEquals("/prefix/ai/trips/" + ID + "/status", request.getPath());
    assertNull(request.getHeader("Authorization"), "the public status GET carries no key");
    assertFalse(request.getHeaders().toString().contains(API_KEY), request.getHeaders().toString());
    assertNull(request.getHeader("If-None-Match"), "Mogu documents no ETag");
    assertEquals("cancelkit-java", request.getHeader("User-Agent"));
  }

  /**
   * Checks every request {@code server} received, in order: a cancel ({@link #assertCancelRequest})
   * for each {@code "POST"}, a status GET ({@link #assertStatusRequest}) for each {@code "GET"}.
   */
  static void assertRequests(MockWebServer server, String... methods) throws InterruptedException {
    for (String method : methods) {
      RecordedRequest request = take(server);
      if (method.equals("POST")) {
        assertCancelRequest(request);
      } else {
        assertStatusRequest(request);
      }
    }
    assertEquals(methods.length, server.getRequestCount(), "no other request");
  }

  /** A JSON object, parsed by core's reader as the snapshot's attributes are. */
  static Map<String, Object> parseJson(String body) {
    try {
      return Json.object(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code error} object of an error fixture. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> errorObject(String name) {
    return (Map<String, Object>) parseJson(fixture(name)).get("error");
  }
}
