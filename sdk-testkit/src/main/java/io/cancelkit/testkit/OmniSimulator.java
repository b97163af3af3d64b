package io.cancelkit.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Simulates the Omni AI jobs API under {@code /api}: {@code POST /v1/ai/jobs/{jobId}/cancel} and
 * {@code GET /v1/ai/jobs/{jobId}} with {@code Authorization: Bearer}.
 *
 * <pre>{@code
 * try (var sim = Simulators.omni()) {
 *   String jobId = sim.addJob("EXECUTING");
 *   var canceller = OmniCanceller.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   canceller.cancel(jobId);                  // 200 {jobId, state:"EXECUTING"}
 * }
 * }</pre>
 *
 * <p>Per the Omni cancel page: {@code QUEUED} is cancelled at once (200 {@code {jobId,
 * state:"CANCELLED"}}); {@code EXECUTING} answers 200 with {@code state:"EXECUTING"} and reads
 * {@code CANCELLED} on the {@link #cancelAfterPolls N-th} GET (default 1), standing for "after its
 * current iteration"; {@code DELIVERING} is 400 "Job is not in a cancellable state"; {@code
 * COMPLETE}, {@code FAILED} and {@code CANCELLED} answer 200 with the current state (idempotent).
 * Only the job owner ({@link #apiKey()}) or an admin ({@link #adminApiKey()}) may cancel; {@link
 * #otherUserApiKey()} gets 403 on cancel but may read the job (the 403 is documented for cancel
 * only). A job id that is not a job's UUID is 404. Each key may make {@link #rateLimit 60 requests
 * per 60 s window} (the one behaviour here driven by wall-clock time); past that: 429 with {@code
 * Retry-After} set to the seconds left in the window. Error bodies are {@code {error, message}}
 * with {@code error} the status code as a string, or {@code {detail, status}} after {@link
 * #detailStatusErrors(boolean) detailStatusErrors(true)}. Omni calls its status word the state:
 * {@link #status} and {@link #setStatus} read and write it.
 */
public final class OmniSimulator extends VendorSimulator {
  private static final String API_KEY = "omni_test_cancelkit_owner";
  private static final String OTHER_USER_API_KEY = "omni_test_cancelkit_other";
  private static final String ADMIN_API_KEY = "omni_test_cancelkit_admin";
  private static final List<String> STATES =
      List.of("QUEUED", "EXECUTING", "DELIVERING", "COMPLETE", "FAILED", "CANCELLED");

  private final JobTable<Job> jobs = new JobTable<>();
  private final Map<String, String> userIds = new HashMap<>();
  private final Map<String, Window> windows = new HashMap<>();
  private final LongSupplier nanoClock;
  private final String organizationId;
  private final String modelId;
  private int requestsPerWindow = 60;
  private long windowNanos = Duration.ofMinutes(1).toNanos();
  private boolean detailStatusErrors;

  OmniSimulator() {
    this(System::nanoTime);
  }

  /** For tests of the rate-limit window: {@code nanoClock} replaces {@link System#nanoTime}. */
  OmniSimulator(LongSupplier nanoClock) {
    super("omni", "OMNI", "/api", API_KEY, STATES, "CANCELLED", 1, 0x0e171L);
    this.nanoClock = nanoClock;
    this.organizationId = ids.uuid();
    this.modelId = ids.uuid();
    for (String key : List.of(API_KEY, OTHER_USER_API_KEY, ADMIN_API_KEY)) {
      userIds.put(key, ids.uuid());
    }
  }

  /** {@return a valid key of another, non-admin user of the same organization: its cancels are 403} */
  public String otherUserApiKey() {
    return OTHER_USER_API_KEY;
  }

  /** {@return a valid key of an organization admin, who may cancel any user's job} */
  public String adminApiKey() {
    return ADMIN_API_KEY;
  }

  /**
   * Adds a job owned by {@link #apiKey()} with a generated UUID, and returns the id.
   *
   * @param state {@code QUEUED}, {@code EXECUTING}, {@code DELIVERING}, {@code COMPLETE}, {@code
   *     FAILED} or {@code CANCELLED}
   * @return the new job's id
   * @throws IllegalArgumentException if {@code state} is not one of those
   */
  public synchronized String addJob(String state) {
    return addJob(ids.uuid(), state);
  }

  /**
   * Adds a job owned by {@link #apiKey()} under the given UUID, and returns the id.
   *
   * @param state {@code QUEUED}, {@code EXECUTING}, {@code DELIVERING}, {@code COMPLETE}, {@code
   *     FAILED} or {@code CANCELLED}
   * @param jobId a lower-case UUID, not yet used in this simulator
   * @return {@code jobId}
   * @throws IllegalArgumentException if the id is not a lower-case UUID or is taken, or the state
   *     is not Omni's
   */
  public synchronized String addJob(String jobId, String state) {
    jobs.requireNew(jobId);
    if (!isUuid(jobId)) {
      throw new IllegalArgumentException("Omni job ids are lower-case UUIDs: " + jobId);
    }
    return add(jobs, new Job(jobId, ids.uuid(), userIds.get(API_KEY), clock.tick()), state);
  }

  /**
   * Allows each key {@code requests} requests per fixed {@code window}; default 60 per minute.
   *
   * @param requests requests per key per window, at least 1
   * @param window the window's length; positive
   * @throws IllegalArgumentException if {@code requests} is below 1 or the window is not positive
   */
  public synchronized void rateLimit(int requests, Duration window) {
    if (requests < 1) {
      throw new IllegalArgumentException("requests < 1: " + requests);
    }
    Objects.requireNonNull(window, "window == null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.requestsPerWindow = requests;
    this.windowNanos = window.toNanos();
    windows.clear();
  }

  /**
   * Writes error bodies as {@code {detail, status}}, the shape of Omni's generated client.
   *
   * @param enabled true for that shape; false (the default) for {@code {error, message}}
   */
  public synchronized void detailStatusErrors(boolean enabled) {
    this.detailStatusErrors = enabled;
  }

  @Override
  JobTable<Job> jobs() {
    return jobs;
  }

  @Override
  SimResponse answer(SimRequest request) {
    String key = bearer(request);
    if (key == null || !userIds.containsKey(key)) {
      return error(401, "Missing or invalid API key");
    }
    Long retryAfter = overLimit(key);
    if (retryAfter != null) {
      return faultAnswer(429).header("Retry-After", retryAfter.toString());
    }
    List<String> vars;
    if ((vars = match(request, "POST", "v1/ai/jobs/{}/cancel")) != null) {
      return cancel(vars.get(0), key);
    }
    if ((vars = match(request, "GET", "v1/ai/jobs/{}")) != null) {
      Job job = jobs.find(vars.get(0));
      if (job == null) {
        return notFound();
      }
      observe(job);
      return json(200, job.toJson(organizationId, modelId));
    }
    return error(404, "Not found");
  }

  @Override
  SimResponse faultAnswer(int status) {
    return status == 429
        ? error(429, "Too Many Requests - Rate limit exceeded")
        : error(503, "Service unavailable");
  }

  private SimResponse cancel(String jobId, String key) {
    Job job = jobs.find(jobId);
    if (job == null) {
      return notFound();
    }
    if (!job.userId.equals(userIds.get(key)) && !key.equals(ADMIN_API_KEY)) {
      return error(
          403, "Permission denied. Only the job owner or organization admins can cancel jobs.");
    }
    switch (job.status) {
      case "QUEUED" -> cancelNow(job);
      case "EXECUTING" -> acceptCancel(job);
      case "DELIVERING" -> {
        return error(400, "Job is not in a cancellable state");
      }
      default -> {} // "idempotent — ... returns success with the current state"
    }
    return json(200, Json.object().with("jobId", jobId).with("state", job.status));
  }

  /**
   * Counts one request of {@code key}; the seconds to wait when it is over the limit, else null.
   */
  private Long overLimit(String key) {
    long now = nanoClock.getAsLong();
    Window window = windows.get(key);
    if (window == null || now - window.start >= windowNanos) {
      window = new Window(now);
      windows.put(key, window);
    }
    if (++window.count <= requestsPerWindow) {
      return null;
    }
    long leftNanos = window.start + windowNanos - now;
    return Math.max(1, (leftNanos + 999_999_999L) / 1_000_000_000L);
  }

  private static boolean isUuid(String id) {
    try {
      return UUID.fromString(id).toString().equals(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private SimResponse notFound() {
    return error(404, "Job not found");
  }

  private SimResponse error(int status, String message) {
    // The docs show {error, message}; Omni's own generated client models {detail, status}.
    return json(
        status,
        detailStatusErrors
            ? Json.object().with("detail", message).with("status", status)
            : Json.object().with("error", Integer.toString(status)).with("message", message));
  }

  /** One key's fixed rate-limit window. */
  private static final class Window {
    final long start;
    int count;

    Window(long start) {
      this.start = start;
    }
  }

  private static final class Job extends SimJob {
    final String conversationId;
    final String userId;

    Job(String id, String conversationId, String userId, Instant createdAt) {
      super(id, createdAt);
      this.conversationId = conversationId;
      this.userId = userId;
    }

    Map<String, Object> toJson(String organizationId, String modelId) {
      // The get-ai-job-status example; "progress is only present during EXECUTING, and
      // resultSummary is only present when COMPLETE". The page does not show progress's shape.
      Map<String, Object> json =
          Json.object()
              .with("id", id)
              .with("state", status)
              .with("prompt", "What are the top 5 products by revenue?")
              .with("conversationId", conversationId)
              .with("modelId", modelId)
              .with("branchId", null)
              .with("organizationId", organizationId)
              .with("userId", userId)
              .with("topicName", null)
              .with("omniChatUrl", "https://cancelkit.omniapp.co/chat/" + conversationId)
              .with("createdAt", SimClock.millis(createdAt))
              .with("updatedAt", SimClock.millis(updatedAt));
      if (status.equals("EXECUTING")) {
        json.put(
            "progress", Json.object().with("iteration", 1).with("message", "Generating query"));
      }
      if (status.equals("COMPLETE")) {
        json.put("resultSummary", "### Top 5 Products by Revenue");
      }
      return json;
    }
  }
}
