package io.cancelkit.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import okio.ByteString;

/**
 * Simulates the Layers jobs API: {@code POST /v1/jobs/{jobId}/cancel} and {@code GET
 * /v1/jobs/{jobId}} with {@code Authorization: Bearer}.
 *
 * <pre>{@code
 * try (var sim = Simulators.layers()) {
 *   String jobId = sim.addJob("content_generate", "rendering", "running");
 *   var canceller = LayersCanceller.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   canceller.cancel(jobId);                  // 202 {jobId, accepted:true}
 *   canceller.status(jobId);                  // the first poll reads "canceled"
 * }
 * }</pre>
 *
 * <p>Life cycle, as the Layers cancel-job and get-job pages describe it: a {@code running} job
 * answers cancel with 202 and reads {@code canceled} on the {@link #cancelAfterPolls N-th} GET
 * after it (default 1); a running job whose kind refuses cancel in its current stage answers 409
 * {@code CONFLICT} with {@code details.subcode} {@code JOB_CANCEL_UNAVAILABLE} (the page's example;
 * its table intro calls the same refusal {@code STAGE_NOT_CANCELABLE}); a terminal job answers 200
 * {@code {accepted:false, reason:"ALREADY_<STATUS>"}}. GET answers carry a strong {@code ETag} and
 * honour {@code If-None-Match} with 304. A cancel that repeats an {@code Idempotency-Key} replays
 * the first answer (same status and body) without acting again; the same key on another request is
 * 409 {@code IDEMPOTENCY_CONFLICT}; keys never expire here (the vendor keeps them 24 h). Every
 * answer has an {@code X-Request-Id} header, and every error body carries the same id in {@code
 * error.requestId}.
 *
 * <p>Rate limits, as the Layers rate-limits page gives the standard tier: each key may make 60
 * writes ({@code POST}) and 120 reads ({@code GET}) a minute, in separate buckets, counted here over
 * a sliding 60 s (the page does not say how the vendor counts); past that the answer is 429 {@code
 * RATE_LIMITED} with {@code Retry-After} set to the whole seconds until the bucket's oldest request
 * leaves the window, and the request is not acted on. {@link #rateLimit} changes the limits or
 * shortens the window (the one behaviour here driven by wall-clock time).
 */
public final class LayersSimulator extends VendorSimulator {
  private static final String API_KEY = "lp_test_cancelkit";
  private static final String READ_ONLY_API_KEY = "lp_test_cancelkit_readonly";
  private static final List<String> STATUSES =
      List.of("running", "completed", "failed", "canceled");

  // The "Non-cancelable stages" table of the Layers cancel-job page.
  private static final Map<String, Set<String>> REFUSING_STAGES =
      Map.of(
          "project_ingest_github", Set.of("opening_pr", "finalizing"),
          "project_ingest_website", Set.of("persisting"),
          "content_generate", Set.of("finalizing"),
          "content_regenerate", Set.of("finalizing"),
          "content_clone_from_post", Set.of("finalizing"),
          "influencer_create", Set.of("persisting"),
          "appstore_ingest", Set.of("persisting"),
          "ad_optimizer_run", Set.of("applying_actions", "finalizing"),
          "project_keywords_refresh", Set.of("finalizing"));

  private final JobTable<Job> jobs = new JobTable<>();
  private final Map<String, Remembered> idempotent = new HashMap<>();
  private final LongSupplier nanoClock;
  private final SlidingWindow writes = new SlidingWindow(60);
  private final SlidingWindow reads = new SlidingWindow(120);
  private long windowNanos = Duration.ofMinutes(1).toNanos();

  LayersSimulator() {
    this(System::nanoTime);
  }

  /** For tests of the rate-limit window: {@code nanoClock} replaces {@link System#nanoTime}. */
  LayersSimulator(LongSupplier nanoClock) {
    super("layers", "LAYERS", "", API_KEY, STATUSES, "canceled", 1, 0x1a7e75L);
    this.nanoClock = nanoClock;
  }

  /** {@return a key with scope {@code jobs:read} only: GET works, cancel is 403 {@code FORBIDDEN_SCOPE}} */
  public String readOnlyApiKey() {
    return READ_ONLY_API_KEY;
  }

  /**
   * Adds a job with a generated {@code job_<ULID>} id and returns the id.
   *
   * @param kind the job kind, e.g. {@code content_generate}
   * @param stage the current stage, e.g. {@code rendering}
   * @param status {@code running}, {@code completed}, {@code failed} or {@code canceled}
   * @return the new job's id
   */
  public synchronized String addJob(String kind, String stage, String status) {
    return addJob("job_" + ids.ulid(clock.now()), kind, stage, status);
  }

  /**
   * Adds a job under the given id (e.g. a vendor doc's example id) and returns the id.
   *
   * @param jobId the id, not yet used in this simulator
   * @param kind the job kind, e.g. {@code content_generate}
   * @param stage the current stage, e.g. {@code rendering}
   * @param status {@code running}, {@code completed}, {@code failed} or {@code canceled}
   * @return {@code jobId}
   * @throws IllegalArgumentException if the id is blank or taken, or a word is not the vendor's
   */
  public synchronized String addJob(String jobId, String kind, String stage, String status) {
    jobs.requireNew(jobId);
    Job job = new Job(jobId, requireText(kind, "kind"), requireText(stage, "stage"), clock.tick());
    return add(jobs, job, status);
  }

  /**
   * Allows each key {@code writes} POSTs and {@code reads} GETs in any {@code window}; default 60
   * and 120 a minute. Forgets the requests counted so far.
   *
   * @param writes POSTs per key per window, at least 1
   * @param reads GETs per key per window, at least 1
   * @param window the window's length; positive
   * @throws IllegalArgumentException if a count is below 1 or the window is not positive
   */
  public synchronized void rateLimit(int writes, int reads, Duration window) {
    if (writes < 1) {
      throw new IllegalArgumentException("writes < 1: " + writes);
    }
    if (reads < 1) {
      throw new IllegalArgumentException("reads < 1: " + reads);
    }
    Objects.requireNonNull(window, "window == null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.writes.reset(writes);
    this.reads.reset(reads);
    this.windowNanos = window.toNanos();
  }

  /**
   * The job's current stage.
   *
   * @param jobId a job added to this simulator
   * @return the stage, as last set
   * @throws IllegalArgumentException if there is no such job
   */
  public synchronized String stage(String jobId) {
    return jobs.require(jobId).stage;
  }

  /**
   * Moves the job to another stage, e.g. out of or into a stage that refuses cancel.
   *
   * @param jobId a job added to this simulator
   * @param stage the new stage; not blank
   * @throws IllegalArgumentException if there is no such job or {@code stage} is blank
   */
  public synchronized void setStage(String jobId, String stage) {
    jobs.require(jobId).stage = requireText(stage, "stage");
  }

  @Override
  JobTable<Job> jobs() {
    return jobs;
  }

  @Override
  SimResponse answer(SimRequest request) {
    String requestId = newRequestId();
    return route(request, requestId).header("X-Request-Id", requestId);
  }

  @Override
  SimResponse faultAnswer(int status) {
    String requestId = newRequestId();
    // KILL_SWITCH is the one code that the Layers errors page pairs with 503.
    SimResponse answer =
        status == 429
            ? error(429, "RATE_LIMITED", "Rate limit exceeded.", requestId, Map.of())
            : error(503, "KILL_SWITCH", "Service temporarily unavailable.", requestId, Map.of());
    return answer.header("X-Request-Id", requestId);
  }

  private SimResponse route(SimRequest request, String requestId) {
    String key = bearer(request);
    if (!API_KEY.equals(key) && !READ_ONLY_API_KEY.equals(key)) {
      return error(401, "UNAUTHENTICATED", "Missing or invalid API key.", requestId, Map.of());
    }
    SimResponse limited = overLimit(request.getMethod(), key, requestId);
    if (limited != null) {
      return limited;
    }
    List<String> vars;
    if ((vars = match(request, "POST", "v1/jobs/{}/cancel")) != null) {
      if (READ_ONLY_API_KEY.equals(key)) {
        return error(
            403,
            "FORBIDDEN_SCOPE",
            "API key lacks the jobs:cancel scope.",
            requestId,
            Map.of("requiredScope", "jobs:cancel"));
      }
      String jobId = vars.get(0);
      return idempotent(request, key, requestId, () -> cancel(jobId, requestId)).toResponse();
    }
    if ((vars = match(request, "GET", "v1/jobs/{}")) != null) {
      return get(vars.get(0), request.getHeader("If-None-Match"), requestId);
    }
    return error(
        404,
        "NOT_FOUND",
        "No route for " + request.getMethod() + " " + request.getPath() + ".",
        requestId,
        Map.of());
  }

  /** Replays the first answer stored under the request's Idempotency-Key, or acts and stores. */
  private Answer idempotent(
      SimRequest request, String apiKey, String requestId, Supplier<Answer> action) {
    String key = request.getHeader("Idempotency-Key");
    if (key == null) {
      return action.get();
    }
    // Same key and same request (method, target and body bytes) replay; anything else conflicts.
    String fingerprint =
        request.getMethod()
            + " "
            + request.getPath()
            + " "
            + request.bodyBytes().sha256().hex();
    Remembered first = idempotent.get(apiKey + "\n" + key);
    if (first == null) {
      Answer answer = action.get();
      idempotent.put(apiKey + "\n" + key, new Remembered(fingerprint, answer));
      return answer;
    }
    if (!first.fingerprint().equals(fingerprint)) {
      return Answer.of(
          409,
          envelope(
              "IDEMPOTENCY_CONFLICT",
              "Idempotency-Key was already used with a different request.",
              requestId,
              Map.of()));
    }
    return first.answer();
  }

  private Answer cancel(String jobId, String requestId) {
    Job job = jobs.find(jobId);
    if (job == null) {
      return Answer.of(
          404, envelope("NOT_FOUND", "Job not found.", requestId, Map.of("jobId", jobId)));
    }
    if (!job.status.equals("running")) {
      return Answer.of(
          200,
          Json.object()
              .with("jobId", jobId)
              .with("accepted", false)
              .with("reason", "ALREADY_" + job.status.toUpperCase(Locale.ROOT)));
    }
    if (refusesCancel(job.kind, job.stage)) {
      return Answer.of(
          409,
          envelope(
              "CONFLICT",
              "Job cannot be canceled during this stage.",
              requestId,
              Json.object()
                  .with("subcode", "JOB_CANCEL_UNAVAILABLE")
                  .with("jobId", jobId)
                  .with("stage", job.stage)));
    }
    acceptCancel(job);
    return Answer.of(202, Json.object().with("jobId", jobId).with("accepted", true));
  }

  private SimResponse get(String jobId, String ifNoneMatch, String requestId) {
    Job job = jobs.find(jobId);
    if (job == null) {
      return error(404, "NOT_FOUND", "Job not found.", requestId, Map.of("jobId", jobId));
    }
    observe(job);
    String body = Json.write(job.toJson());
    String etag = "\"" + ByteString.encodeUtf8(body).sha256().hex().substring(0, 20) + "\"";
    if (matchesAny(ifNoneMatch, etag)) {
      return SimResponse.of(304).header("ETag", etag);
    }
    return json(200, body).header("ETag", etag);
  }

  /** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter. */
  static boolean matchesAny(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** Counts the request in its key's bucket; the 429 to send when the bucket is full, else null. */
  private SimResponse overLimit(String method, String key, String requestId) {
    SlidingWindow bucket;
    String message;
    if (method.equals("POST")) {
      bucket = writes;
      message = "Write rate limit exceeded for this key; retry after the Retry-After interval.";
    } else if (method.equals("GET")) {
      bucket = reads;
      message = "Read rate limit exceeded for this key; retry after the Retry-After interval.";
    } else {
      return null;
    }
    long waitNanos = bucket.admit(key, nanoClock.getAsLong(), windowNanos);
    if (waitNanos == 0) {
      return null;
    }
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    return error(429, "RATE_LIMITED", message, requestId, Map.of())
        .header("Retry-After", Long.toString(seconds));
  }

  static boolean refusesCancel(String kind, String stage) {
    // "marketing_bootstrap currently refuses cancel at every stage" (cancel-job page), not only
    // at the stages its table row lists.
    return kind.equals("marketing_bootstrap")
        || REFUSING_STAGES.getOrDefault(kind, Set.of()).contains(stage);
  }

  private String newRequestId() {
    return "req_" + ids.ulid(clock.now());
  }

  private static Map<String, Object> envelope(
      String code, String message, String requestId, Map<String, ?> details) {
    return Json.object()
        .with(
            "error",
            Json.object()
                .with("code", code)
                .with("message", message)
                .with("requestId", requestId)
                .with("details", details));
  }

  private static SimResponse error(
      int status, String code, String message, String requestId, Map<String, ?> details) {
    return json(status, envelope(code, message, requestId, details));
  }

  /** A cancel answer, kept as first sent for Idempotency-Key replays. */
  private record Answer(int code, String body) {
    static Answer of(int code, Object body) {
      return new Answer(code, Json.write(body));
    }

    SimResponse toResponse() {
      return json(code, body);
    }
  }

  /** The first answer under one Idempotency-Key, and the request that it answered. */
  private record Remembered(String fingerprint, Answer answer) {}

  /** One bucket of every key: the times of the requests it admitted within the window. */
  private static final class SlidingWindow {
    private final Map<String, Deque<Long>> admitted = new HashMap<>();
    private int limit;

    SlidingWindow(int limit) {
      this.limit = limit;
    }

    void reset(int limit) {
      this.limit = limit;
      admitted.clear();
    }

    /** Admits one request of {@code key} at {@code now}: 0, or the nanos until a slot frees. */
    long admit(String key, long now, long windowNanos) {
      Deque<Long> times = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
      while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
        times.pollFirst();
      }
      if (times.size() < limit) {
        times.addLast(now);
        return 0;
      }
      // A refused request takes no slot: the next one frees when the oldest admitted one leaves.
      return times.peekFirst() + windowNanos - now;
    }
  }

  private static final class Job extends SimJob {
    final String kind;
    String stage;
    Instant finishedAt;

    Job(String id, String kind, String stage, Instant startedAt) {
      super(id, startedAt);
      this.kind = kind;
      this.stage = stage;
    }

    @Override
    void moved(String status, Instant at) {
      finishedAt = status.equals("running") ? null : at;
    }

    Map<String, Object> toJson() {
      // The get-job page: running has {jobId, kind, status, stage, progress, startedAt};
      // a terminal job adds finishedAt and result.
      Map<String, Object> json =
          Json.object()
              .with("jobId", id)
              .with("kind", kind)
              .with("status", status)
              .with("stage", stage)
              .with("progress", status.equals("completed") ? 1.0 : 0.42)
              .with("startedAt", SimClock.millis(createdAt));
      if (finishedAt != null) {
        json.put("finishedAt", SimClock.millis(finishedAt));
        json.put("result", status.equals("completed") ? Json.object().with("jobId", id) : null);
      }
      return json;
    }
  }
}
