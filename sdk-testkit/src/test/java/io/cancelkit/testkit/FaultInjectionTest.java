package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static io.cancelkit.testkit.Http.get;
import static io.cancelkit.testkit.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The shared fault and recording machinery, through Plangrep (sync cancel) and Layers. */
class FaultInjectionTest {

  @Test
  void droppedAnswerStillChangesTheStateSoARetrySeesIt() throws IOException {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String jobId = sim.addJob("processing");
      String url = sim.baseUrl() + "/jobs/" + jobId + "/cancel";
      sim.dropNextAnswer();

      assertThrows(IOException.class, () -> post(url, "Authorization", bearer(sim.apiKey())));

      assertEquals("cancelled", sim.status(jobId));
      Reply retry = post(url, "Authorization", bearer(sim.apiKey()));
      assertEquals(409, retry.code(), "the retry meets the job as the lost answer left it");
      assertEquals(2, sim.requestCount());
    }
  }

  @Test
  void droppedLayersAnswerIsReplayedForTheSameIdempotencyKey() throws IOException {
    try (LayersSimulator sim = Simulators.layers()) {
      sim.cancelAfterPolls(0);
      String jobId = sim.addJob("content_generate", "rendering", "running");
      String url = sim.baseUrl() + "/v1/jobs/" + jobId + "/cancel";
      String[] headers = {"Authorization", bearer(sim.apiKey()), "Idempotency-Key", "k-1"};
      sim.dropNextAnswer();

      assertThrows(IOException.class, () -> post(url, headers));
      Reply retry = post(url, headers);

      assertEquals("canceled", sim.status(jobId));
      assertEquals(202, retry.code(), "the first answer, not ALREADY_CANCELED");
      assertEquals(true, retry.at("accepted"));
    }
  }

  @Test
  void nTimes503ThenNormalWithoutActing() throws IOException {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String jobId = sim.addJob("processing");
      String url = sim.baseUrl() + "/jobs/" + jobId + "/cancel";
      sim.failNextWith503(2);

      Reply first = post(url, "Authorization", bearer(sim.apiKey()));
      Reply second = post(url, "Authorization", bearer(sim.apiKey()));
      String statusBetween = sim.status(jobId);
      Reply third = post(url, "Authorization", bearer(sim.apiKey()));

      assertEquals(503, first.code());
      assertEquals(503, second.code());
      assertEquals("processing", statusBetween);
      assertEquals(200, third.code());
      assertEquals("cancelled", third.at("job", "status"));
      assertEquals(3, sim.requestCount());
    }
  }

  @Test
  void rateLimitedAnswerCarriesRetryAfterAndIsNotActedOn() throws IOException {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String jobId = sim.addJob("processing");
      String url = sim.baseUrl() + "/jobs/" + jobId + "/cancel";
      sim.rateLimitNext(Duration.ofSeconds(30));

      Reply limited = post(url, "Authorization", bearer(sim.apiKey()));

      assertEquals(429, limited.code());
      assertEquals("30", limited.header("Retry-After"));
      assertEquals("processing", sim.status(jobId));
      assertEquals(200, post(url, "Authorization", bearer(sim.apiKey())).code());
    }
  }

  @Test
  void slowHeadersOutlastAShortReadTimeoutButTheRequestIsActedOn() throws IOException {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String jobId = sim.addJob("processing");
      OkHttpClient impatient = Http.CLIENT.newBuilder().readTimeout(Duration.ofMillis(50)).build();
      Request request =
          new Request.Builder()
              .url(sim.baseUrl() + "/jobs/" + jobId)
              .header("Authorization", bearer(sim.apiKey()))
              .build();
      sim.delayNextHeaders(Duration.ofMillis(400));

      assertThrows(SocketTimeoutException.class, () -> Http.call(impatient, request));
      assertEquals(200, Http.call(Http.CLIENT, request).code());
      assertEquals(2, sim.requestCount());
    }
  }

  @Test
  void slowHeadersDelayTheAnswerByAtLeastTheDelay() throws IOException {
    try (PlangrepSimulator sim = Simulators.plangrep()) {
      String jobId = sim.addJob("processing");
      sim.delayNextHeaders(Duration.ofMillis(200));

      long start = System.nanoTime();
      Reply reply = get(sim.baseUrl() + "/jobs/" + jobId, "Authorization", bearer(sim.apiKey()));
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(200, reply.code());
      assertTrue(elapsedMillis >= 200, "answered after " + elapsedMillis + " ms");
    }
  }

  @Test
  void faultsApplyOneARequestInTheOrderQueued() throws IOException {
    try (ScaleSimulator sim = Simulators.scale()) {
      String jobId = sim.addJob("pending");
      String url = sim.baseUrl() + "/v1/projects/" + sim.projectId() + "/jobs/" + jobId;
      String[] auth = {"x-api-key", sim.apiKey(), "x-selected-account-id", sim.accountId()};
      sim.rateLimitNext(Duration.ofSeconds(3));
      sim.failNextWith503(1);

      List<Integer> codes =
          List.of(get(url, auth).code(), get(url, auth).code(), get(url, auth).code());

      assertEquals(List.of(429, 503, 200), codes);
    }
  }

  @Test
  void requestsAreRecordedForAssertions() throws IOException {
    try (LayersSimulator sim = Simulators.layers()) {
      String jobId = sim.addJob("content_generate", "rendering", "running");
      post(
          sim.baseUrl() + "/v1/jobs/" + jobId + "/cancel",
          "Authorization",
          bearer(sim.apiKey()),
          "Idempotency-Key",
          "k-7");
      sim.failNextWith503(1);
      get(sim.baseUrl() + "/v1/jobs/" + jobId, "Authorization", bearer(sim.apiKey()));

      assertEquals(2, sim.requestCount());
      SimRequest cancel = sim.takeRequest();
      assertEquals("POST", cancel.getMethod());
      assertEquals("/v1/jobs/" + jobId + "/cancel", cancel.getPath());
      assertEquals("Bearer " + sim.apiKey(), cancel.getHeader("Authorization"));
      assertEquals("k-7", cancel.getHeader("Idempotency-Key"));
      SimRequest poll = sim.takeRequest();
      assertEquals("GET", poll.getMethod());
      assertThrows(IllegalStateException.class, sim::takeRequest);
      assertEquals(List.of(cancel, poll), sim.requests(), "take does not empty requests()");
      assertEquals(
          List.of("POST /v1/jobs/" + jobId + "/cancel", "GET /v1/jobs/" + jobId),
          sim.requestLines());
    }
  }

  @Test
  void concurrentClientsSeeConsistentState() throws Exception {
    try (LayersSimulator sim = Simulators.layers()) {
      // 80 cancels in a burst, past Layers' 60 writes a minute: this test is about consistency.
      sim.rateLimit(80, 120, Duration.ofMinutes(1));
      sim.cancelAfterPolls(0);
      List<String> jobIds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        jobIds.add(sim.addJob("content_generate", "rendering", "running"));
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> codes = new ArrayList<>();
        for (String jobId : jobIds) {
          for (int attempt = 0; attempt < 2; attempt++) {
            codes.add(
                pool.submit(
                    () ->
                        post(
                                sim.baseUrl() + "/v1/jobs/" + jobId + "/cancel",
                                "Authorization",
                                bearer(sim.apiKey()),
                                "Idempotency-Key",
                                "once-" + jobId)
                            .code()));
          }
        }
        for (Future<Integer> code : codes) {
          assertEquals(202, code.get(), "both requests of a key get the first answer");
        }
      } finally {
        pool.shutdownNow();
      }

      assertEquals(80, sim.requestCount());
      jobIds.forEach(jobId -> assertEquals("canceled", sim.status(jobId)));
    }
  }

  @Test
  void closeStopsTheServerAndIsIdempotent() throws IOException {
    LayersSimulator sim = Simulators.layers();
    String url = sim.baseUrl() + "/v1/jobs/job_x";
    assertEquals(401, get(url).code());

    sim.close();
    sim.close();

    assertThrows(IOException.class, () -> get(url));
  }

  @Test
  void faultArgumentsAreChecked() {
    try (MoguSimulator sim = Simulators.mogu()) {
      assertThrows(IllegalArgumentException.class, () -> sim.failNextWith503(0));
      assertThrows(IllegalArgumentException.class, () -> sim.rateLimitNext(Duration.ofSeconds(-1)));
      assertThrows(NullPointerException.class, () -> sim.delayNextHeaders(null));
      assertThrows(IllegalArgumentException.class, () -> sim.cancelAfterPolls(-1));
    }
  }
}
