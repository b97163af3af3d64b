package io.cancelkit.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Simulates the Mogu AI trips API: {@code POST /ai/trips/{publicId}/actions/cancel} with {@code
 * Authorization: Bearer}, and the public {@code GET /ai/trips/{publicId}/status}, which needs no
 * key.
 *
 * <pre>{@code
 * try (var sim = Simulators.mogu()) {
 *   String jobId = sim.addJob("processing", "generatingBlocks");
 *   var canceller = MoguCanceller.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   canceller.cancel(jobId);                  // 200 {jobId, status:"canceled", ...}
 * }
 * }</pre>
 *
 * <p>Per the Mogu cancel page: a {@code processing} job answers 200 with the job {@code canceled}
 * (after {@link #cancelAfterPolls cancelAfterPolls(n)} with n &gt; 0: still {@code processing},
 * then {@code canceled} on the n-th status GET); {@code completed}, {@code error} and {@code
 * canceled} answer 400 {@code job_not_cancelable}; an unknown id is 404 {@code job_not_found}; no
 * key is 401 {@code missing_api_key} and an unknown key 401 {@code invalid_api_key}. "Only the
 * agent who created the job can cancel it", but the page names no answer for another agent: this
 * simulator answers {@link #otherApiKey()} 404 {@code job_not_found}, as if the job were not there,
 * which reveals nothing about other agents' jobs. Faults use the same envelope: 503 {@code
 * service_unavailable}, 429 {@code rate_limited}.
 */
public final class MoguSimulator extends VendorSimulator {
  private static final String API_KEY = "ak_test_cancelkit";
  private static final String OTHER_API_KEY = "ak_test_cancelkit_other_agent";
  private static final List<String> STATUSES =
      List.of("processing", "completed", "error", "canceled");
  private static final List<String> STAGES =
      List.of("initializing", "extractingText", "generatingBlocks", "enrichingBlocks", "completed");
  private static final String APP = "https://v2.app.moguplatform.com/ai/trip/";

  private final JobTable<Job> jobs = new JobTable<>();
  private int trips;

  MoguSimulator() {
    super("mogu", "MOGU", "", API_KEY, STATUSES, "canceled", 0, 0x3060L);
  }

  /** {@return a valid key of another agent, which did not create the jobs: its cancels are 404} */
  public String otherApiKey() {
    return OTHER_API_KEY;
  }

  /**
   * Adds a job created by {@link #apiKey()} with a generated UUID, and returns the id.
   *
   * @param status {@code processing}, {@code completed}, {@code error} or {@code canceled}
   * @param stage {@code initializing}, {@code extractingText}, {@code generatingBlocks}, {@code
   *     enrichingBlocks} or {@code completed}
   * @return the new job's id
   */
  public synchronized String addJob(String status, String stage) {
    return addJob(ids.uuid(), status, stage);
  }

  /**
   * Adds a job under the given public id and returns the id.
   *
   * @param jobId the id, not yet used in this simulator
   * @param status {@code processing}, {@code completed}, {@code error} or {@code canceled}
   * @param stage {@code initializing}, {@code extractingText}, {@code generatingBlocks}, {@code
   *     enrichingBlocks} or {@code completed}
   * @return {@code jobId}
   * @throws IllegalArgumentException if the id is blank or taken, or a word is not the vendor's
   */
  public synchronized String addJob(String jobId, String status, String stage) {
    jobs.requireNew(jobId);
    Job job = new Job(jobId, requireOneOf(stage, "stage", STAGES), ++trips, clock.now());
    return add(jobs, job, status);
  }

  /**
   * The job's current stage.
   *
   * @param jobId a job added to this simulator
   * @return one of the five stage words
   * @throws IllegalArgumentException if there is no such job
   */
  public synchronized String stage(String jobId) {
    return jobs.require(jobId).stage;
  }

  @Override
  JobTable<Job> jobs() {
    return jobs;
  }

  @Override
  SimResponse answer(SimRequest request) {
    List<String> vars;
    if ((vars = match(request, "GET", "ai/trips/{}/status")) != null) {
      // Public endpoint (getjobstatus page): no key needed, and a bad one is ignored.
      Job job = jobs.find(vars.get(0));
      if (job == null) {
        return codedError(404, "job_not_found", "Job not found");
      }
      observe(job);
      return json(200, job.toJson());
    }
    String key = bearer(request);
    if (key == null) {
      return codedError(401, "missing_api_key", "API key is required");
    }
    if (!key.equals(API_KEY) && !key.equals(OTHER_API_KEY)) {
      return codedError(401, "invalid_api_key", "Invalid API key");
    }
    if ((vars = match(request, "POST", "ai/trips/{}/actions/cancel")) != null) {
      return cancel(vars.get(0), key);
    }
    return noRoute(request);
  }

  private SimResponse cancel(String jobId, String key) {
    Job job = jobs.find(jobId);
    if (job == null || !key.equals(API_KEY)) {
      return codedError(404, "job_not_found", "Job not found");
    }
    if (!job.status.equals("processing")) {
      return codedError(
          400, "job_not_cancelable", "Job cannot be canceled in status '" + job.status + "'");
    }
    acceptCancel(job);
    return json(200, job.toJson());
  }

  private static final class Job extends SimJob {
    final int tripId;
    String stage;

    // Mogu's job shows no creation time: the simulator's clock is not advanced for it.
    Job(String id, String stage, int trip, Instant now) {
      super(id, now);
      this.stage = stage;
      this.tripId = 4000 + trip;
    }

    @Override
    void moved(String status, Instant at) {
      if (status.equals("completed")) {
        stage = "completed";
      }
    }

    Map<String, Object> toJson() {
      // The 200 shape of the cancel page, which the status page shares; error only on "error".
      boolean done = status.equals("completed");
      Map<String, Object> json =
          Json.object()
              .with("jobId", id)
              .with("status", status)
              .with("stage", stage)
              .with("publicUrl", APP + "public/" + id)
              .with("builderUrl", APP + id)
              .with("tripId", done ? tripId : null)
              .with("tripSlug", done ? "trip-" + tripId : null);
      if (status.equals("error")) {
        json.put("error", "Could not extract trip information from document");
      }
      json.put("updatedAt", SimClock.seconds(updatedAt));
      return json;
    }
  }
}
