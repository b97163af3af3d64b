package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobSnapshot;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * The key end to end: parsed as sent, masked in all that leaves the SDK (issue 9, defects 1 and 2).
 */
class SecretsTest extends ServerFixture {
  static final String MASK = Redactor.MASK;

  static void assertHidden(String secret, String... texts) {
    for (String text : texts) assertFalse(text.contains(secret), text);
  }

  @Test
  void keyNeverAppearsInToStringOrMessages() {
    server.enqueue(json(401, "{\"message\":\"key " + KEY + " is revoked\"}"));
    server.enqueue(json(401, "{\"message\":\"key " + KEY + " is revoked\"}"));
    TestVendor.Builder builder = builder();
    Engine canceller = builder.build(clock);

    Failed failed = assertInstanceOf(Failed.class, canceller.cancel("job_1"));
    JobCancelException thrown = assertThrows(JobCancelException.class, () -> canceller.status("job_1"));

    assertEquals(ErrorKind.AUTHENTICATION, failed.error().kind());
    assertEquals(ErrorKind.AUTHENTICATION, thrown.error().kind());
    assertHidden(
        KEY,
        builder.toString(),
        canceller.toString(),
        canceller.settings().toString(),
        failed.toString(),
        thrown.getMessage(),
        thrown.error().toString());
    assertEquals("HTTP 401: key " + MASK + " is revoked", failed.error().message());
  }

  @Test
  void aKeyEchoedInAnyBodyNeverReachesAMessage() {
    String echo = "<html>debug: Authorization: Bearer " + KEY + "</html>";
    server.enqueue(json(200, echo));
    server.enqueue(json(200, echo));
    Engine canceller = canceller();

    JobCancelException thrown = assertThrows(JobCancelException.class, () -> canceller.status("job_1"));
    CancelOutcome outcome = canceller.cancel("job_1");

    assertHidden(KEY, thrown.getMessage(), outcome.toString());
    assertTrue(thrown.getMessage().contains("Bearer " + MASK), thrown.getMessage());
  }

  @Test
  void aKeyThatIsAJsonWordLeavesTheSuccessBodyReadableAndIsMaskedInMessages() {
    // Masking the body before parsing turned this 202 into {"accepted":██}, an unreadable answer.
    server.enqueue(json(202, "{\"jobId\":\"j\",\"accepted\":true}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"running\",\"urgent\":true}"));
    server.enqueue(json(401, "{\"message\":\"key true is revoked\"}"));
    Engine canceller = builder().apiKey("true").build(clock);

    assertInstanceOf(CancelPending.class, canceller.cancel("job_1"), "the mapper read accepted:true");
    assertEquals(Boolean.TRUE, canceller.status("job_1").attributes().get("urgent"));
    Failed failed = assertInstanceOf(Failed.class, canceller.cancel("job_1"));
    assertEquals("HTTP 401: key " + MASK + " is revoked", failed.error().message());
  }

  @Test
  void aOneLetterKeyLeavesAConnectionFailureWhole() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Engine canceller = builder().apiKey("o").baseUrl("http://127.0.0.1:" + closedPort).build(clock);

    Failed failed = assertInstanceOf(Failed.class, canceller.cancel("job_1"));

    assertEquals(ErrorKind.NETWORK, failed.error().kind());
    String message = failed.error().message();
    assertTrue(message.startsWith("no answer: ConnectException: "), message);
    assertTrue(message.contains("Failed to connect to"), message);
    assertFalse(message.contains(MASK), message);
  }

  /** An answer whose headers echo the key, as a vendor's gateway might. */
  static MockResponse echoingHeaders(MockResponse response) {
    return response
        .setHeader("X-Request-Id", KEY)
        .setHeader("ETag", "\"" + KEY + "\"")
        .setHeader("Location", "https://api.test.invalid/v1/things?key=" + KEY);
  }

  @Test
  void aKeyEchoedInResponseHeadersNeverLeavesTheSdk() {
    server.enqueue(echoingHeaders(json(202, "{}")));
    server.enqueue(echoingHeaders(json(401, "{}")));
    server.enqueue(echoingHeaders(json(401, "{}")));
    server.enqueue(echoingHeaders(json(202, "{}")));
    server.enqueue(echoingHeaders(json(200, "{\"id\":\"job_1\",\"status\":\"running\"}")));
    server.enqueue(echoingHeaders(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}")));
    Engine canceller = canceller();
    String log;
    CancelOutcome pending;
    Failed failed;
    JobCancelException thrown;
    CancelOutcome awaited;
    try (LogCapture capture = new LogCapture()) {
      pending = canceller.cancel("job_1");
      failed = assertInstanceOf(Failed.class, canceller.cancel("job_1"));
      thrown = assertThrows(JobCancelException.class, () -> canceller.status("job_1"));
      awaited = canceller.cancelAndAwait("job_1", Duration.ofSeconds(10));
      log = capture.text();
    }

    assertEquals(MASK, pending.response().requestId());
    assertEquals(MASK, failed.error().requestId());
    assertEquals(MASK, failed.response().requestId());
    assertEquals(MASK, thrown.error().requestId());
    assertEquals(MASK, assertInstanceOf(Cancelled.class, awaited).response().requestId());
    assertTrue(thrown.getMessage().endsWith("[requestId=" + MASK + "]"), thrown.getMessage());
    assertTrue(log.contains("ETag: \"" + MASK + "\""), "the header is logged, masked: " + log);
    assertHidden(
        KEY,
        pending.toString(),
        failed.toString(),
        failed.error().toString(),
        thrown.getMessage(),
        awaited.toString(),
        log);
  }

  @Test
  void aKeyEchoedJsonEscapedNeverReachesSnapshotAttributesOrMessages() {
    // The key has a '/', which JSON may escape; its first letter as a backslash-u escape.
    String key = "sk_live/5ecret";
    String escaped = "\\u0073k_live\\/5ecret";
    String job =
        "{\"id\":\"job_1\",\"status\":\"cancelled\",\"note\":\"" + escaped + "\","
            + "\"nested\":{\"list\":[\"by " + escaped + "\"]},\"" + escaped + "\":1}";
    server.enqueue(json(200, job));
    server.enqueue(json(200, job));
    server.enqueue(json(200, "{\"status\":7,\"echo\":\"" + escaped + "\"}"));
    Engine canceller = builder().apiKey(key).build(clock);

    JobSnapshot read = canceller.status("job_1");
    Cancelled cancelled = assertInstanceOf(Cancelled.class, canceller.cancel("job_1"));
    Failed unreadable = assertInstanceOf(Failed.class, canceller.cancel("job_1"));

    assertEquals(MASK, read.attributes().get("note"));
    assertEquals(1.0, read.attributes().get(MASK), "object keys are masked too");
    assertEquals(read.attributes(), cancelled.snapshot().orElseThrow().attributes());
    for (String form : new String[] {key, escaped}) {
      assertHidden(form, read.toString(), cancelled.toString(), unreadable.error().message());
    }
    assertTrue(unreadable.error().message().contains("\"echo\":\"" + MASK + "\""), unreadable.error().message());
  }
}
