package io.cancelkit.testkit;

import static io.cancelkit.testkit.Http.bearer;
import static io.cancelkit.testkit.Http.get;
import static io.cancelkit.testkit.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayersSimulatorTest {
  // The rate-limit windows run on this clock; it stands still unless a test moves it.
  private final AtomicLong nanos = new AtomicLong();
  @AutoClose
  private final LayersSimulator sim = Simulators.started(new LayersSimulator(nanos::get));

  private Reply cancel(String jobId, String... extraHeaders) throws IOException {
    String[] headers = new String[extraHeaders.length + 2];
    headers[0] = "Authorization";
    headers[1] = bearer(sim.apiKey());
    System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
    return post(sim.baseUrl() + "/v1/jobs/" + jobId + "/cancel", headers);
  }

  private Reply poll(String jobId, String... extraHeaders) throws IOException {
    String[] headers = new String[extraHeaders.length + 2];
    headers[0] = "Authorization";
    headers[1] = bearer(sim.apiKey());
    System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
    return get(sim.baseUrl() + "/v1/jobs/" + jobId, headers);
  }

  @Test
  void runningCancelIs202AndTheFirstPollReadsCanceled() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");

    Reply accepted = cancel(jobId);

    assertEquals(202, accepted.code());
    assertEquals(List.of("jobId", "accepted"), accepted.keys());
    assertEquals(jobId, accepted.at("jobId"));
    assertEquals(true, accepted.at("accepted"));
    assertEquals("running", sim.status(jobId), "202 signals the cancel; the flip comes on a poll");

    Reply polled = poll(jobId);
    assertEquals(200, polled.code());
    assertEquals("canceled", polled.at("status"));
    assertEquals("canceled", sim.status(jobId));
    assertNotNull(polled.at("finishedAt"));
    assertNull(polled.at("result"));
  }

  @Test
  void cancelAfterPollsDelaysTheFlipToTheNthPoll() throws IOException {
    sim.cancelAfterPolls(3);
    String jobId = sim.addJob("content_generate", "rendering", "running");

    assertEquals(202, cancel(jobId).code());

    assertEquals("running", poll(jobId).at("status"));
    assertEquals("running", poll(jobId).at("status"));
    assertEquals(202, cancel(jobId).code(), "a repeated cancel while pending is accepted again");
    assertEquals("canceled", poll(jobId).at("status"));
  }

  @Test
  void cancelAfterPollsZeroCancelsAtOnceButStillAnswers202() throws IOException {
    sim.cancelAfterPolls(0);
    String jobId = sim.addJob("content_generate", "rendering", "running");

    assertEquals(202, cancel(jobId).code());

    assertEquals("canceled", sim.status(jobId));
  }

  @ParameterizedTest
  @CsvSource({
    "completed, ALREADY_COMPLETED",
    "failed, ALREADY_FAILED",
    "canceled, ALREADY_CANCELED"
  })
  void terminalJobAnswers200NotAcceptedWithReason(String status, String reason) throws IOException {
    String jobId = sim.addJob("content_generate", "finalizing", status);

    Reply reply = cancel(jobId);

    assertEquals(200, reply.code());
    assertEquals(List.of("jobId", "accepted", "reason"), reply.keys());
    assertEquals(false, reply.at("accepted"));
    assertEquals(reason, reply.at("reason"));
    assertEquals(status, sim.status(jobId));
  }

  @ParameterizedTest
  @CsvSource({
    "project_ingest_github, opening_pr",
    "project_ingest_github, finalizing",
    "project_ingest_website, persisting",
    "content_generate, finalizing",
    "content_regenerate, finalizing",
    "content_clone_from_post, finalizing",
    "influencer_create, persisting",
    "appstore_ingest, persisting",
    "ad_optimizer_run, applying_actions",
    "ad_optimizer_run, finalizing",
    "project_keywords_refresh, finalizing",
    "marketing_bootstrap, project_create",
    "marketing_bootstrap, first_content",
    "marketing_bootstrap, a_stage_the_table_does_not_list"
  })
  void stageThatRefusesCancelIs409ConflictWithTheStage(String kind, String stage)
      throws IOException {
    String jobId = sim.addJob(kind, stage, "running");

    Reply reply = cancel(jobId);

    assertEquals(409, reply.code());
    assertEquals("CONFLICT", reply.at("error", "code"));
    assertEquals("JOB_CANCEL_UNAVAILABLE", reply.at("error", "details", "subcode"));
    assertEquals(stage, reply.at("error", "details", "stage"));
    assertEquals(jobId, reply.at("error", "details", "jobId"));
    assertEquals(reply.header("X-Request-Id"), reply.at("error", "requestId"));
    assertEquals("running", sim.status(jobId));
  }

  @Test
  void aStageOutsideTheTableIsCancelable() throws IOException {
    String jobId = sim.addJob("ad_optimizer_run", "applying_actions", "running");
    assertEquals(409, cancel(jobId).code());

    sim.setStage(jobId, "analyzing");

    assertEquals(202, cancel(jobId).code());
    assertEquals("analyzing", sim.stage(jobId));
  }

  @Test
  void getAnswersTheDocumentedShapeWithAnEtag() throws IOException {
    String running = sim.addJob("content_generate", "rendering", "running");
    String completed = sim.addJob("content_generate", "finalizing", "completed");

    Reply runningReply = poll(running);
    Reply completedReply = poll(completed);

    assertEquals(
        List.of("jobId", "kind", "status", "stage", "progress", "startedAt"), runningReply.keys());
    assertEquals("content_generate", runningReply.at("kind"));
    assertTrue(
        ((String) runningReply.at("startedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z"));
    assertEquals(
        List.of(
            "jobId", "kind", "status", "stage", "progress", "startedAt", "finishedAt", "result"),
        completedReply.keys());
    assertEquals("completed", completedReply.at("status"));
    assertNotNull(runningReply.header("ETag"));
    assertNotEquals(runningReply.header("ETag"), completedReply.header("ETag"));
  }

  @Test
  void ifNoneMatchWithTheCurrentEtagIs304WithoutBody() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String etag = poll(jobId).header("ETag");

    Reply unchanged = poll(jobId, "If-None-Match", etag);
    Reply weak = poll(jobId, "If-None-Match", "\"other\", W/" + etag);
    Reply stale = poll(jobId, "If-None-Match", "\"not-the-current-one\"");

    assertEquals(304, unchanged.code());
    assertEquals("", unchanged.body());
    assertEquals(etag, unchanged.header("ETag"));
    assertEquals(304, weak.code());
    assertEquals(200, stale.code());
  }

  @Test
  void aChangedJobAnswers200WithANewEtagDespiteIfNoneMatch() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String etag = poll(jobId).header("ETag");
    assertEquals(202, cancel(jobId).code());

    Reply flipped = poll(jobId, "If-None-Match", etag);

    assertEquals(200, flipped.code());
    assertEquals("canceled", flipped.at("status"));
    assertNotEquals(etag, flipped.header("ETag"));
  }

  @Test
  void sameIdempotencyKeyReplaysTheFirstAnswerInsteadOfActingAgain() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    Reply first = cancel(jobId, "Idempotency-Key", "key-1");
    assertEquals("canceled", poll(jobId).at("status"));

    Reply replay = cancel(jobId, "Idempotency-Key", "key-1");
    Reply fresh = cancel(jobId, "Idempotency-Key", "key-2");

    assertEquals(202, first.code());
    assertEquals(first.code(), replay.code());
    assertEquals(first.body(), replay.body());
    assertEquals(200, fresh.code(), "a new key acts on the job as it is now");
    assertEquals("ALREADY_CANCELED", fresh.at("reason"));
  }

  @Test
  void replayedErrorKeepsItsFirstRequestIdInTheBody() throws IOException {
    String jobId = sim.addJob("content_generate", "finalizing", "running");
    Reply first = cancel(jobId, "Idempotency-Key", "key-1");
    sim.setStage(jobId, "rendering");

    Reply replay = cancel(jobId, "Idempotency-Key", "key-1");

    assertEquals(409, replay.code());
    assertEquals(first.body(), replay.body());
    assertNotEquals(first.header("X-Request-Id"), replay.header("X-Request-Id"));
    assertEquals("running", sim.status(jobId));
  }

  @Test
  void sameIdempotencyKeyOnAnotherRequestIs409IdempotencyConflict() throws IOException {
    String a = sim.addJob("content_generate", "rendering", "running");
    String b = sim.addJob("content_generate", "rendering", "running");
    assertEquals(202, cancel(a, "Idempotency-Key", "shared").code());

    Reply reply = cancel(b, "Idempotency-Key", "shared");

    assertEquals(409, reply.code());
    assertEquals("IDEMPOTENCY_CONFLICT", reply.at("error", "code"));
    assertEquals(reply.header("X-Request-Id"), reply.at("error", "requestId"));
    poll(b);
    assertEquals("running", sim.status(b), "the conflicting request was not acted on");
  }

  @Test
  void wrongOrMissingKeyIs401Unauthenticated() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String url = sim.baseUrl() + "/v1/jobs/" + jobId;

    Reply wrong = post(url + "/cancel", "Authorization", bearer("lp_test_wrong"));
    Reply missing = get(url);
    Reply notBearer = get(url, "Authorization", sim.apiKey());

    for (Reply reply : List.of(wrong, missing, notBearer)) {
      assertEquals(401, reply.code());
      assertEquals(List.of("code", "message", "requestId", "details"), reply.keys("error"));
      assertEquals("UNAUTHENTICATED", reply.at("error", "code"));
      assertEquals(reply.header("X-Request-Id"), reply.at("error", "requestId"));
    }
    assertEquals("running", sim.status(jobId));
  }

  @Test
  void readOnlyKeyMayPollButCancelIs403ForbiddenScope() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String url = sim.baseUrl() + "/v1/jobs/" + jobId;

    Reply polled = get(url, "Authorization", bearer(sim.readOnlyApiKey()));
    Reply cancelled = post(url + "/cancel", "Authorization", bearer(sim.readOnlyApiKey()));

    assertEquals(200, polled.code());
    assertEquals(403, cancelled.code());
    assertEquals("FORBIDDEN_SCOPE", cancelled.at("error", "code"));
    assertEquals("running", sim.status(jobId));
  }

  @Test
  void unknownJobIs404NotFound() throws IOException {
    Reply cancelled = cancel("job_01HXA1NHKJZXPV8R7Q6WSM5BCD");
    Reply polled = poll("job_01HXA1NHKJZXPV8R7Q6WSM5BCD");

    for (Reply reply : List.of(cancelled, polled)) {
      assertEquals(404, reply.code());
      assertEquals("NOT_FOUND", reply.at("error", "code"));
      assertNotNull(reply.at("error", "requestId"));
    }
  }

  @Test
  void everyAnswerCarriesAFreshRequestId() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    String etag = poll(jobId).header("ETag");
    sim.failNextWith503(1);
    sim.rateLimitNext(Duration.ofSeconds(1));

    Reply unavailable = poll(jobId);
    Reply limited = poll(jobId);
    Reply notModified = poll(jobId, "If-None-Match", etag);
    Reply accepted = cancel(jobId);

    List<String> requestIds =
        List.of(unavailable, limited, notModified, accepted).stream()
            .map(reply -> reply.header("X-Request-Id"))
            .toList();
    assertEquals(4, requestIds.stream().distinct().count(), requestIds.toString());
    requestIds.forEach(id -> assertTrue(id.matches("req_[0-9A-HJKMNP-TV-Z]{26}"), id));
    assertEquals("KILL_SWITCH", unavailable.at("error", "code"));
    assertEquals(unavailable.header("X-Request-Id"), unavailable.at("error", "requestId"));
    assertEquals(429, limited.code());
    assertEquals("RATE_LIMITED", limited.at("error", "code"));
    assertEquals("1", limited.header("Retry-After"));
  }

  @Test
  void addJobGeneratesUlidIdsAndRefusesOtherVendorsWords() {
    String jobId = sim.addJob("content_generate", "rendering", "running");

    assertTrue(jobId.matches("job_[0-9A-HJKMNP-TV-Z]{26}"), jobId);
    assertNotEquals(jobId, sim.addJob("content_generate", "rendering", "running"));
    assertThrows(
        IllegalArgumentException.class,
        () -> sim.addJob("content_generate", "rendering", "cancelled"),
        "Layers spells it canceled");
    assertThrows(
        IllegalArgumentException.class,
        () -> sim.addJob(jobId, "content_generate", "x", "running"));
    assertThrows(IllegalArgumentException.class, () -> sim.status("job_unknown"));
  }

  @Test
  void setStatusEndsAPendingCancel() throws IOException {
    sim.cancelAfterPolls(2);
    String jobId = sim.addJob("content_generate", "rendering", "running");
    assertEquals(202, cancel(jobId).code());

    sim.setStatus(jobId, "completed");
    poll(jobId);
    Reply polled = poll(jobId);

    assertEquals("completed", polled.at("status"), "the job finished before the cancel landed");
    assertFalse(((String) polled.at("finishedAt")).isEmpty());
  }

  // ---- rate limits ----------------------------------------------------------------------------

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void exactlySixtyWritesPassAMinuteAndTheNextIs429UntilTheFirstLeavesTheWindow()
      throws IOException {
    sim.cancelAfterPolls(0); // an admitted cancel acts at once, so a refused one is visible
    String jobId = sim.addJob("content_generate", "rendering", "running");
    for (int i = 0; i < 60; i++) {
      assertEquals(i == 0 ? 202 : 200, cancel(jobId).code(), "write " + (i + 1));
    }
    String spared = sim.addJob("content_generate", "rendering", "running");

    Reply limited = cancel(spared);
    advance(Duration.ofSeconds(45));
    Reply stillLimited = cancel(spared);
    advance(Duration.ofSeconds(15));
    Reply admitted = cancel(spared);

    assertEquals(429, limited.code());
    assertEquals("60", limited.header("Retry-After"));
    assertEquals(List.of("code", "message", "requestId", "details"), limited.keys("error"));
    assertEquals("RATE_LIMITED", limited.at("error", "code"));
    assertTrue(((String) limited.at("error", "message")).startsWith("Write rate limit"));
    assertEquals(limited.header("X-Request-Id"), limited.at("error", "requestId"));
    assertEquals("15", stillLimited.header("Retry-After"), "whole seconds until a slot frees");
    assertEquals(202, admitted.code(), "the first write left the window");
    assertEquals(2, sim.rateLimitedAnswers());
    assertEquals("canceled", sim.status(spared), "only the admitted cancel acted");
  }

  @Test
  void readsHaveTheirOwnBucketOf120AndEachKeyItsOwnBuckets() throws IOException {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    for (int i = 0; i < 60; i++) cancel(jobId);
    assertEquals(429, cancel(jobId).code(), "the write bucket is full");

    for (int i = 0; i < 120; i++) {
      assertEquals(200, poll(jobId).code(), "read " + (i + 1) + " is not held up by the writes");
    }
    Reply limited = poll(jobId);
    Reply otherKey =
        get(sim.baseUrl() + "/v1/jobs/" + jobId, "Authorization", bearer(sim.readOnlyApiKey()));

    assertEquals(429, limited.code());
    assertEquals("60", limited.header("Retry-After"));
    assertTrue(((String) limited.at("error", "message")).startsWith("Read rate limit"));
    assertEquals(200, otherKey.code(), "limits are per key");
    assertEquals(2, sim.rateLimitedAnswers());
  }

  @Test
  void theWindowSlidesAndCanBeShortened() throws IOException {
    sim.rateLimit(2, 1, Duration.ofSeconds(10));
    String jobId = sim.addJob("content_generate", "rendering", "running");
    assertEquals(202, cancel(jobId).code()); // t = 0
    advance(Duration.ofSeconds(4));
    assertEquals(202, cancel(jobId).code()); // t = 4
    advance(Duration.ofSeconds(1));

    Reply full = cancel(jobId); // t = 5
    advance(Duration.ofSeconds(5));
    Reply freed = cancel(jobId); // t = 10: the write of t = 0 has left
    advance(Duration.ofSeconds(1));
    Reply fullAgain = cancel(jobId); // t = 11: the write of t = 4 leaves at 14

    assertEquals("5", full.header("Retry-After"));
    assertEquals(202, freed.code());
    assertEquals("3", fullAgain.header("Retry-After"), "a sliding window, not a fixed one");
    assertEquals(200, poll(jobId).code());
    assertEquals(429, poll(jobId).code(), "one read per window");
  }

  @Test
  void rateLimitedAnswersCountsInjectedAndEarned429sButNotOtherAnswers() throws IOException {
    sim.rateLimit(1, 1, Duration.ofMinutes(1));
    String jobId = sim.addJob("content_generate", "rendering", "running");
    sim.rateLimitNext(Duration.ZERO);
    sim.failNextWith503(1);

    cancel(jobId); // injected 429
    cancel(jobId); // 503
    cancel(jobId); // admitted
    cancel(jobId); // over the limit

    assertEquals(4, sim.requestCount());
    assertEquals(2, sim.rateLimitedAnswers());
  }

  @Test
  void rateLimitRefusesLimitsBelowOneAndEmptyWindows() {
    Duration minute = Duration.ofMinutes(1);
    assertThrows(IllegalArgumentException.class, () -> sim.rateLimit(0, 1, minute));
    assertThrows(IllegalArgumentException.class, () -> sim.rateLimit(1, 0, minute));
    assertThrows(IllegalArgumentException.class, () -> sim.rateLimit(1, 1, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> sim.rateLimit(1, 1, null));
  }
}
