package io.cancelkit.core.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One MockWebServer and one virtual clock per test, and the test vendor pointed at both: the base
 * of the engine's end-to-end tests.
 */
abstract class ServerFixture {
  static final String KEY = "sk_test_5ecret_K3y";

  MockWebServer server;
  String baseUrl;
  VirtualClock clock;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(new NoDelay());
    server.start();
    // A path prefix without a trailing slash: the engine must keep it.
    baseUrl = server.url("/prefix").toString();
    clock = new VirtualClock();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  /** The test vendor on this server, with the key and tiny backoffs and poll delays. */
  TestVendor.Builder builder() {
    return TestVendor.builder()
        .apiKey(KEY)
        .baseUrl(baseUrl)
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(2));
  }

  /** The default canceller, on this test's virtual clock. */
  Engine canceller() {
    return builder().build(clock);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) throw new AssertionError("no request arrived");
    return request;
  }

  /**
   * Holds every answer until the returned latch is opened, so that a test can attach a continuation
   * to a future before the future can complete.
   */
  CountDownLatch holdAnswers() {
    CountDownLatch open = new CountDownLatch(1);
    server.setDispatcher(
        new QueueDispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (!open.await(5, TimeUnit.SECONDS)) throw new AssertionError("answers never released");
            return super.dispatch(request);
          }
        });
    return open;
  }
}
