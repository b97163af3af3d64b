package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The simulators' own HTTP/1.1 server, seen through the Layers simulator and raw sockets. */
class SimServerTest {
  @AutoClose private final LayersSimulator sim = Simulators.layers();

  @Test
  void recordedRequestKeepsWhatWasSentUnderMockWebServersNames() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String body = "{\"reason\":\"no longer needed — é\"}";
    Request request =
        new Request.Builder()
            .url(sim.baseUrl() + "/v1/jobs/" + jobId + "/cancel?dryRun=1")
            .header("Authorization", bearer(sim.apiKey()))
            .addHeader("X-Trace", "first")
            .addHeader("X-Trace", "second")
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build();

    assertEquals(202, Http.call(Http.CLIENT, request).code());

    SimRequest sent = sim.takeRequest();
    assertEquals("POST", sent.getMethod());
    assertEquals("/v1/jobs/" + jobId + "/cancel?dryRun=1", sent.getPath());
    assertEquals("first", sent.getHeader("x-trace"), "case-insensitive, first value");
    assertEquals(List.of("first", "second"), sent.getHeaders().values("X-Trace"));
    assertEquals(body, sent.getBody());
    assertEquals(body.getBytes(UTF_8).length, sent.getBodySize());
    assertEquals("1", sent.getRequestUrl().queryParameter("dryRun"));
    assertEquals(HttpUrl.get(sim.baseUrl()).port(), sent.getRequestUrl().port());
    assertEquals("POST /v1/jobs/" + jobId + "/cancel?dryRun=1 HTTP/1.1", sent.toString());
  }

  @Test
  void aConnectionServesRequestsUntilTheClientAsksToClose() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String get = "GET /v1/jobs/" + jobId + " HTTP/1.1\r\nHost: sim\r\n" + auth();

    String answers = raw(get + "\r\n" + get + "Connection: close\r\n\r\n");

    String[] parts = answers.split("HTTP/1.1 ", -1);
    assertEquals(3, parts.length, answers);
    assertTrue(parts[1].startsWith("200 OK\r\n"), parts[1]);
    assertFalse(parts[1].contains("Connection: close"), "the first answer keeps the connection");
    assertTrue(parts[2].contains("Connection: close\r\n"), parts[2]);
    assertTrue(parts[1].contains("ETag: \""), "header names as the simulator wrote them");
    assertEquals(2, sim.requestCount());
  }

  @Test
  void chunkedBodyIsRecordedWhole() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");

    String answer =
        raw(
            "POST /v1/jobs/" + jobId + "/cancel HTTP/1.1\r\nHost: sim\r\n" + auth()
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 202 OK\r\n"), answer);
    SimRequest sent = sim.takeRequest();
    assertEquals("Wikipedia", sent.getBody());
    assertEquals(9, sent.getBodySize());
  }

  @Test
  void unreadableRequestIs400AndNeverReachesTheSimulator() throws IOException {
    String answer = raw("hello there\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 400 Client Error\r\n"), answer);
    assertTrue(answer.contains("Connection: close\r\n"), answer);
    assertEquals(0, sim.requestCount());
  }

  @Test
  void aPathThatJavaNetUriRejectsStillGetsTheVendorsAnswer() throws IOException {
    // OkHttp sends '[' raw in a path; the JDK's HttpServer would answer its own HTML 400.
    HttpUrl url = HttpUrl.get(sim.baseUrl()).newBuilder().addPathSegments("v1/jobs/job[1]").build();

    Reply reply = Http.get(url.toString(), "Authorization", bearer(sim.apiKey()));

    assertEquals(404, reply.code());
    assertEquals("NOT_FOUND", reply.at("error", "code"));
    String path = sim.takeRequest().getPath();
    assertEquals("/v1/jobs/job[1]", path);
    assertThrows(URISyntaxException.class, () -> new URI(path));
  }

  @Test
  void answersAreNotHeldBackByDelayedAcks() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String url = sim.baseUrl() + "/v1/jobs/" + jobId;

    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      Http.get(url, "Authorization", bearer(sim.apiKey()));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    // Headers and body in separate writes without TCP_NODELAY cost ~40 ms an answer: 2 s here.
    assertTrue(millis < 1000, "50 polls took " + millis + " ms");
  }

  @Test
  void closeEndsAHeldBackAnswerAtOnce() {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    sim.delayNextHeaders(Duration.ofSeconds(30));
    CompletableFuture<Reply> reply =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Http.get(sim.baseUrl() + "/v1/jobs/" + jobId, "Authorization", "x");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          while (sim.requestCount() == 0) {
            Thread.onSpinWait(); // the request is recorded before its answer is held back
          }
        });

    assertTimeoutPreemptively(Duration.ofSeconds(3), sim::close);

    // Well within the client's 10 s read timeout: the connection was closed, not left to expire.
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> reply.get(2, TimeUnit.SECONDS));
    assertInstanceOf(IOException.class, failed.getCause().getCause(), failed.toString());
  }

  @Test
  void serverThreadsAreDaemonsSoAForgottenSimulatorDoesNotHoldTheJvm() throws IOException {
    Http.get(sim.baseUrl() + "/v1/jobs/job_x");

    List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("layers simulator "))
            .toList();

    assertFalse(threads.isEmpty());
    threads.forEach(t -> assertTrue(t.isDaemon(), t.getName()));
  }

  private String auth() {
    return "Authorization: " + bearer(sim.apiKey()) + "\r\n";
  }

  /** Writes {@code request} on a new connection and reads until the server closes it. */
  private String raw(String request) throws IOException {
    HttpUrl url = HttpUrl.get(sim.baseUrl());
    try (Socket socket = new Socket(url.host(), url.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(UTF_8));
      return new String(socket.getInputStream().readAllBytes(), UTF_8);
    }
  }
}
