package io.cancelkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelPending;
import java.io.IOException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' own parts, without JMH: the twins send what the loopback server accepts, and the
 * server refuses what a wrong twin would send, so a benchmark never times the wrong request.
 */
class TwinsTest {
  private LoopbackServer server;
  private OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServer.start(0);
    client = new OkHttpClient();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void sdkAndRawTwinsAreBothAnsweredWithTheCanned202OnOneKeptAliveConnection() throws IOException {
    var sdk = Twins.sdk(server.baseUrl(), client, CancelListener.NONE);
    var raw = new RawLayers(client, server.baseUrl(), Twins.API_KEY);

    assertInstanceOf(CancelPending.class, sdk.cancel(LoopbackServer.JOB_ID));
    assertEquals(LoopbackServer.JOB_ID, raw.cancel(LoopbackServer.JOB_ID).jobId);
    assertInstanceOf(CancelPending.class, sdk.cancel(LoopbackServer.JOB_ID));
    assertTrue(raw.cancel(LoopbackServer.JOB_ID).accepted);

    assertEquals(4, server.accepted());
    assertEquals(0, server.refused());
    // Both twins derive from one client: its pool serves all four calls on one connection.
    assertEquals(1, server.connections());
  }

  @Test
  void serverRefusesACancelWithoutAnIdempotencyKey() throws IOException {
    okhttp3.Request withKey = new RawLayers(client, server.baseUrl(), Twins.API_KEY).request("job_1");
    okhttp3.Request withoutKey = withKey.newBuilder().removeHeader("Idempotency-Key").build();

    try (okhttp3.Response response = client.newCall(withoutKey).execute()) {
      assertEquals(401, response.code());
      assertThrows(IOException.class, () -> RawLayers.accepted(response));
    }
    assertEquals(1, server.refused());
  }

  @Test
  void coldStartTwinsEachCancelOnce() throws IOException {
    ColdSdk.once(server.baseUrl());
    ColdRaw.once(server.baseUrl());

    assertEquals(2, server.accepted());
  }
}
