package io.cancelkit.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Simulates the Scale GP Dex jobs API: {@code POST /v1/projects/{projectId}/jobs/{jobId}/cancel}
 * and {@code GET /v1/projects/{projectId}/jobs/{jobId}}, authenticated by both {@code x-api-key}
 * and {@code x-selected-account-id}.
 *
 * <pre>{@code
 * try (var sim = Simulators.scale()) {
 *   String jobId = sim.addJob("running");
 *   var canceller = ScaleCanceller.builder().apiKey(sim.apiKey()).accountId(sim.accountId())
 *       .projectId(sim.projectId()).baseUrl(sim.baseUrl()).build();
 *   canceller.cancel(jobId);                  // 202, no body; the first poll reads "cancelled"
 * }
 * }</pre>
 *
 * <p>Per the Dex cancel-job page: {@code pending} answers 200 with the JobEntity, cancelled at
 * once; {@code running} answers 202 with no body and reads {@code cancelled} on the {@link
 * #cancelAfterPolls N-th} GET (default 1); {@code cancelled} answers 200 again (idempotent); {@code
 * succeeded}, {@code partially_succeeded} and {@code failed} answer 400. Error bodies are FastAPI's
 * {@code {"detail": "..."}}: 401 for a missing or wrong header of either kind, 404 {@code "Job not
 * found"} for an unknown project or job, and 422 {@code HTTPValidationError} for an id outside
 * {@code [A-Za-z0-9_-]} (e.g. one with a space), the one malformed id this simulator defines.
 */
public final class ScaleSimulator extends VendorSimulator {
  private static final String API_KEY = "sgp_test_cancelkit";
  private static final String ACCOUNT_ID = "acct_cancelkit_test";
  private static final String PROJECT_ID = "proj_cancelkit_test";
  private static final List<String> STATUSES =
      List.of("pending", "running", "succeeded", "partially_succeeded", "failed", "cancelled");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

  private final JobTable<Job> jobs = new JobTable<>();

  ScaleSimulator() {
    super("scale", "SGP", "", API_KEY, STATUSES, "cancelled", 1, 0x5ca1eL);
  }

  /** Adds {@code SGP_ACCOUNT_ID} and {@code SGP_PROJECT_ID} to the key and base URL. */
  @Override
  public Map<String, String> environment() {
    Map<String, String> env = super.environment();
    env.put("SGP_ACCOUNT_ID", accountId());
    env.put("SGP_PROJECT_ID", projectId());
    return env;
  }

  /** {@return the account id that {@code x-selected-account-id} must carry} */
  public String accountId() {
    return ACCOUNT_ID;
  }

  /** {@return the project that {@code addJob} without a project puts jobs in} */
  public String projectId() {
    return PROJECT_ID;
  }

  /**
   * Adds a {@code parse} job with a generated UUID in {@link #projectId()}; returns its id.
   *
   * @param status {@code pending}, {@code running}, {@code succeeded}, {@code partially_succeeded},
   *     {@code failed} or {@code cancelled}
   * @return the new job's id
   * @throws IllegalArgumentException if {@code status} is not Scale's
   */
  public synchronized String addJob(String status) {
    return addJob(PROJECT_ID, ids.uuid(), status);
  }

  /**
   * Adds a job under the given id in {@link #projectId()} and returns the id.
   *
   * @param jobId the id, not yet used in this simulator
   * @param status {@code pending}, {@code running}, {@code succeeded}, {@code partially_succeeded},
   *     {@code failed} or {@code cancelled}
   * @return {@code jobId}
   * @throws IllegalArgumentException if the id is blank or taken, or a word is not the vendor's
   */
  public synchronized String addJob(String jobId, String status) {
    return addJob(PROJECT_ID, jobId, status);
  }

  /**
   * Adds a job under the given id in another project, which then exists; returns the id.
   *
   * @param projectId the project; not blank
   * @param jobId the id, not yet used in this simulator
   * @param status {@code pending}, {@code running}, {@code succeeded}, {@code partially_succeeded},
   *     {@code failed} or {@code cancelled}
   * @return {@code jobId}
   * @throws IllegalArgumentException if the project or id is blank, the id is taken, or a word is
   *     not Scale's
   */
  public synchronized String addJob(String projectId, String jobId, String status) {
    requireText(projectId, "projectId");
    jobs.requireNew(jobId);
    return add(jobs, new Job(jobId, projectId, ids.uuid(), ids.uuid(), clock.tick()), status);
  }

  @Override
  JobTable<Job> jobs() {
    return jobs;
  }

  @Override
  SimResponse answer(SimRequest request) {
    // Both security schemes of the page's OpenAPI (ApiKey and AccountId) must hold.
    if (!API_KEY.equals(request.getHeader("x-api-key"))) {
      return detail(401, "Invalid or missing x-api-key");
    }
    if (!ACCOUNT_ID.equals(request.getHeader("x-selected-account-id"))) {
      return detail(401, "Invalid or missing x-selected-account-id");
    }
    List<String> vars;
    if ((vars = match(request, "POST", "v1/projects/{}/jobs/{}/cancel")) != null) {
      SimResponse invalid = validate(vars);
      return invalid != null ? invalid : cancel(vars.get(0), vars.get(1));
    }
    if ((vars = match(request, "GET", "v1/projects/{}/jobs/{}")) != null) {
      SimResponse invalid = validate(vars);
      if (invalid != null) {
        return invalid;
      }
      Job job = find(vars.get(0), vars.get(1));
      if (job == null) {
        return detail(404, "Job not found");
      }
      observe(job);
      return json(200, job.toJson());
    }
    return detail(404, "Not Found");
  }

  @Override
  SimResponse faultAnswer(int status) {
    return detail(status, status == 429 ? "Too Many Requests" : "Service Unavailable");
  }

  private SimResponse cancel(String projectId, String jobId) {
    Job job = find(projectId, jobId);
    if (job == null) {
      return detail(404, "Job not found");
    }
    switch (job.status) {
      case "pending" -> cancelNow(job);
      case "running" -> {
        // "For RUNNING jobs, returns 202 since the workflow handles cancellation asynchronously."
        job.history.add(event("cancel_requested", clock.now()));
        acceptCancel(job);
        return SimResponse.of(202);
      }
      case "cancelled" -> {} // "Idempotent: cancelling an already-cancelled job returns 200."
      default -> {
        return detail(400, "Job is in a terminal state");
      }
    }
    return json(200, job.toJson());
  }

  /** FastAPI with pydantic v2 reports a failed path constraint like this. */
  private static SimResponse validate(List<String> ids) {
    String[] names = {"project_id", "job_id"};
    List<Object> errors = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (!ID.matcher(ids.get(i)).matches()) {
        errors.add(
            Json.object()
                .with("type", "string_pattern_mismatch")
                .with("loc", List.of("path", names[i]))
                .with("msg", "String should match pattern '^" + ID.pattern() + "$'")
                .with("input", ids.get(i))
                .with("ctx", Json.object().with("pattern", "^" + ID.pattern() + "$")));
      }
    }
    return errors.isEmpty() ? null : json(422, Json.object().with("detail", errors));
  }

  private Job find(String projectId, String jobId) {
    Job job = jobs.find(jobId);
    return job != null && job.projectId.equals(projectId) ? job : null;
  }

  private static SimResponse detail(int status, String message) {
    return json(status, Json.object().with("detail", message));
  }

  private static Map<String, Object> event(String step, Instant at) {
    return Json.object()
        .with("step", step)
        .with("timestamp", SimClock.seconds(at))
        .with("duration_ms", null)
        .with("status", "completed")
        .with("details", null);
  }

  private static final class Job extends SimJob {
    final String projectId;
    final String sourceId;
    final String correlationId;
    final List<Map<String, Object>> history = new ArrayList<>();
    Instant startedAt;
    Instant completedAt;

    Job(String id, String projectId, String sourceId, String correlationId, Instant createdAt) {
      super(id, createdAt);
      this.projectId = projectId;
      this.sourceId = sourceId;
      this.correlationId = correlationId;
      history.add(event("created", createdAt));
    }

    @Override
    void moved(String status, Instant at) {
      if (startedAt == null && !status.equals("pending") && !status.equals("cancelled")) {
        startedAt = at;
        history.add(event("started", at));
      }
      completedAt = status.equals("pending") || status.equals("running") ? null : at;
      if (completedAt != null) {
        history.add(event(status, at));
      }
    }

    Map<String, Object> toJson() {
      // Every property of JobEntity in the Dex OpenAPI, nullable ones written as null.
      boolean hasResult = status.equals("succeeded") || status.equals("partially_succeeded");
      return Json.object()
          .with("id", id)
          .with("project_id", projectId)
          .with("object", "job")
          .with("operation", "parse")
          .with("status", status)
          .with("source_id", sourceId)
          .with("correlation_id", correlationId)
          .with("created_at", SimClock.seconds(createdAt))
          .with("started_at", SimClock.seconds(startedAt))
          .with("completed_at", SimClock.seconds(completedAt))
          .with("result", hasResult ? Json.object().with("source_id", sourceId) : null)
          .with("progress", null)
          .with("error", status.equals("failed") ? "Job failed" : null)
          .with("history", List.copyOf(history));
    }
  }
}
