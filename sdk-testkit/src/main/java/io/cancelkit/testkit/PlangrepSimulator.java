package io.cancelkit.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simulates the Plangrep open API under {@code /api/open/v1}: {@code POST /jobs/{jobId}/cancel} and
 * {@code GET /jobs/{jobId}}, both answering {@code {job:{...}}}, with {@code Authorization:
 * Bearer}.
 *
 * <pre>{@code
 * try (var sim = Simulators.plangrep()) {
 *   String jobId = sim.addJob("processing");
 *   var canceller = PlangrepCanceller.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   canceller.cancel(jobId);                  // 200 {job:{status:"cancelled", ...}}
 * }
 * }</pre>
 *
 * <p>A non-terminal job answers cancel with 200 and the job {@code cancelled} at once; after {@link
 * #cancelAfterPolls cancelAfterPolls(n)} with n &gt; 0 it answers the job still in its current
 * status and reads {@code cancelled} on the n-th GET ("cancellation may not be immediate", polling
 * guide). The cancel page says only that a terminal job "will return an error"; this simulator
 * answers 409 {@code {"error":{"code":"job_not_cancellable","message":"Job is already in a terminal
 * state (completed)"}}}. The other undocumented envelopes follow the same {@code {error:{code,
 * message}}} shape: 401 {@code unauthorized}, 404 {@code job_not_found}, 503 {@code
 * service_unavailable}, 429 {@code rate_limited}.
 */
public final class PlangrepSimulator extends VendorSimulator {
  private static final String API_KEY = "pgk_test_cancelkit";
  private static final List<String> TERMINAL =
      List.of("completed", "completed_with_errors", "failed", "cancelled", "expired");
  /** Plangrep's eleven documented status words, which {@link #addJob} accepts. */
  public static final List<String> STATUSES =
      List.of(
          "provisioning",
          "awaiting_uploads",
          "uploading",
          "preflighting",
          "blocked_insufficient_credits",
          "processing",
          "completed",
          "completed_with_errors",
          "failed",
          "cancelled",
          "expired");
  // Before preflight the page count is not known yet.
  private static final List<String> UNCOUNTED =
      List.of("provisioning", "awaiting_uploads", "uploading", "preflighting");
  private static final int PAGE_COUNT = 24;

  private final JobTable<Job> jobs = new JobTable<>();
  private final String projectId;

  PlangrepSimulator() {
    super("plangrep", "PLANGREP", "/api/open/v1", API_KEY, STATUSES, "cancelled", 0, 0x9e1a7L);
    this.projectId = "proj_" + ids.ulid(clock.now()).toLowerCase(Locale.ROOT);
  }

  /**
   * Adds a job in {@code status} with a generated {@code job_<ulid>} id and returns its id.
   *
   * @param status any of the eleven {@link #STATUSES}
   * @return the new job's id
   * @throws IllegalArgumentException if {@code status} is not one of them
   */
  public synchronized String addJob(String status) {
    return addJob("job_" + ids.ulid(clock.now()).toLowerCase(Locale.ROOT), status);
  }

  /**
   * Adds a job under the given id and returns the id.
   *
   * @param jobId the id, not yet used in this simulator
   * @param status any of the eleven {@link #STATUSES}
   * @return {@code jobId}
   * @throws IllegalArgumentException if the id is blank or taken, or {@code status} is not Plangrep's
   */
  public synchronized String addJob(String jobId, String status) {
    jobs.requireNew(jobId);
    requireStatus(status);
    String fileId = "file_" + ids.ulid(clock.now()).toLowerCase(Locale.ROOT);
    return add(jobs, new Job(jobId, projectId, fileId, clock.tick()), status);
  }

  @Override
  JobTable<Job> jobs() {
    return jobs;
  }

  @Override
  SimResponse answer(SimRequest request) {
    if (!API_KEY.equals(bearer(request))) {
      return codedError(401, "unauthorized", "Missing or invalid API key");
    }
    List<String> vars;
    if ((vars = match(request, "POST", "jobs/{}/cancel")) != null) {
      return cancel(vars.get(0));
    }
    if ((vars = match(request, "GET", "jobs/{}")) != null) {
      Job job = jobs.find(vars.get(0));
      if (job == null) {
        return codedError(404, "job_not_found", "Job not found");
      }
      observe(job);
      return json(200, Json.object().with("job", job.toJson()));
    }
    return noRoute(request);
  }

  private SimResponse cancel(String jobId) {
    Job job = jobs.find(jobId);
    if (job == null) {
      return codedError(404, "job_not_found", "Job not found");
    }
    if (TERMINAL.contains(job.status)) {
      return codedError(
          409, "job_not_cancellable", "Job is already in a terminal state (" + job.status + ")");
    }
    acceptCancel(job);
    return json(200, Json.object().with("job", job.toJson()));
  }

  private static final class Job extends SimJob {
    final String projectId;
    final String fileId;
    int successfulPageCount;
    Instant completedAt;

    Job(String id, String projectId, String fileId, Instant createdAt) {
      super(id, createdAt);
      this.projectId = projectId;
      this.fileId = fileId;
    }

    @Override
    void moved(String status, Instant at) {
      completedAt = TERMINAL.contains(status) ? at : null;
      // Pages are counted while processing; a cancel keeps what was done (and billed) so far.
      switch (status) {
        case "processing" -> successfulPageCount = Math.max(successfulPageCount, 10);
        case "completed" -> successfulPageCount = PAGE_COUNT;
        case "completed_with_errors" -> successfulPageCount = PAGE_COUNT - 2;
        default -> {}
      }
    }

    Map<String, Object> toJson() {
      // Field for field the job object of the Plangrep cancel-job example.
      boolean counted = !UNCOUNTED.contains(status);
      boolean hasResult = status.equals("completed") || status.equals("completed_with_errors");
      return Json.object()
          .with("id", id)
          .with("externalId", null)
          .with("status", status)
          .with("projectId", projectId)
          .with(
              "limits",
              Json.object().with("maxDeclaredBytes", 10_000_000_000L).with("maxFiles", 100))
          .with("pageCount", counted ? PAGE_COUNT : null)
          .with("successfulPageCount", successfulPageCount)
          .with("billing", Json.object().with("creditsDebited", successfulPageCount))
          .with(
              "files",
              List.of(
                  Json.object()
                      .with("id", fileId)
                      .with("fileName", "architectural_drawings.pdf")
                      .with("status", status)))
          .with(
              "resultUrl",
              hasResult ? "https://files.plangrep.example/results/" + id + ".json" : null)
          .with(
              "error",
              status.equals("failed")
                  ? Json.object()
                      .with("code", "processing_failed")
                      .with("message", "Processing failed")
                  : null)
          .with("createdAt", SimClock.millis(createdAt))
          .with("updatedAt", SimClock.millis(updatedAt))
          .with("completedAt", SimClock.millis(completedAt))
          .with("expiresAt", SimClock.millis(createdAt.plus(Duration.ofDays(7))));
    }
  }
}
