package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class LoggingTest {
  static final String KEY = "sk_live_very_secret_value";

  @Test
  void logsRedactHeadersByAllowList() throws IOException {
    // System.Logger defaults to java.util.logging; capture what the engine writes at DEBUG (FINE).
    Logger jul = Logger.getLogger("io.cancelkit");
    List<String> lines = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level was = jul.getLevel();
    jul.setLevel(Level.ALL);
    jul.addHandler(handler);
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setHeader("X-Request-Id", "req_42")
              .setHeader("X-Vendor-Session", "session-secret")
              .setBody("{\"message\":\"bad key " + KEY + "\"}"));
      TestVendor.builder().apiKey(KEY).baseUrl(server.url("/").toString()).build().cancel("job_1");
    } finally {
      jul.removeHandler(handler);
      jul.setLevel(was);
    }

    String all = String.join("\n", lines);
    assertTrue(all.contains("Authorization: ██"), all);
    assertTrue(all.contains("X-Vendor-Session: ██"), "unknown headers are hidden: " + all);
    assertTrue(all.contains("X-Request-Id: req_42"), "harmless headers are shown: " + all);
    assertFalse(all.contains(KEY), all);
    assertFalse(all.contains("session-secret"), all);
  }

  @Test
  void redactionShowsOnlyAllowedHeaders() {
    String shown =
        Redaction.headers(
            Headers.of("x-api-key", "k1", "x-selected-account-id", "acct", "Content-Type", "application/json"));
    assertTrue(shown.contains("x-api-key: ██"));
    assertTrue(shown.contains("x-selected-account-id: ██"));
    assertTrue(shown.contains("Content-Type: application/json"));
  }
}
