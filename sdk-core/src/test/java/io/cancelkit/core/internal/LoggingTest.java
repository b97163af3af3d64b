package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

class LoggingTest extends ServerFixture {
  @Test
  void logsRedactHeadersByAllowList() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("X-Request-Id", "req_42")
            .setHeader("X-Vendor-Session", "session-secret")
            .setBody("{\"message\":\"bad key " + KEY + "\"}"));
    String all;
    try (LogCapture log = new LogCapture()) {
      canceller().cancel("job_1");
      all = log.text();
    }

    assertTrue(all.contains("Authorization: ██"), all);
    assertTrue(all.contains("X-Vendor-Session: ██"), "unknown headers are hidden: " + all);
    assertTrue(all.contains("X-Request-Id: req_42"), "harmless headers are shown: " + all);
    assertTrue(all.contains("-> Failed(AUTHENTICATION: HTTP 401: bad key ██)"), "the outcome, masked: " + all);
    assertFalse(all.contains(KEY), all);
    assertFalse(all.contains("session-secret"), all);
  }

  @Test
  void redactionShowsOnlyAllowedHeaders() {
    String shown =
        Redactor.headers(
            Headers.of("x-api-key", "k1", "x-selected-account-id", "acct", "Content-Type", "application/json"));
    assertTrue(shown.contains("x-api-key: ██"));
    assertTrue(shown.contains("x-selected-account-id: ██"));
    assertTrue(shown.contains("Content-Type: application/json"));
  }
}
