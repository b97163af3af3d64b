package io.cancelkit.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** One simulator's jobs by id; guarded by the simulator's lock. */
final class JobTable<J extends SimJob> {
  private final Map<String, J> jobs = new HashMap<>();

  /** Checks that {@code jobId} is usable for a new job, before any state is spent on it. */
  String requireNew(String jobId) {
    VendorSimulator.requireText(jobId, "jobId");
    if (jobs.containsKey(jobId)) {
      throw new IllegalArgumentException("job already exists: " + jobId);
    }
    return jobId;
  }

  J add(J job) {
    requireNew(job.id);
    jobs.put(job.id, job);
    return job;
  }

  /** The job, or null when an HTTP request names an unknown one. */
  J find(String jobId) {
    return jobs.get(jobId);
  }

  /** The job, for the test-facing API, where an unknown id is a mistake in the test. */
  J require(String jobId) {
    J job = jobs.get(Objects.requireNonNull(jobId, "jobId == null"));
    if (job == null) {
      throw new IllegalArgumentException("no such job: " + jobId);
    }
    return job;
  }
}
