package io.cancelkit.layers;

/**
 * The job envelope of {@code GET /v1/jobs/{jobId}}: running {@code {jobId, kind, status, stage,
 * progress, startedAt}}; terminal adds {@code finishedAt} and {@code result}.
 *
 * <p>{@code progress} and {@code result} are left out on purpose: their types vary by job kind, and
 * the whole object stays reachable as {@link io.cancelkit.core.JobSnapshot#attributes()}.
 */
record LayersJob(
    String jobId, String kind, String status, String stage, String startedAt, String finishedAt) {}
