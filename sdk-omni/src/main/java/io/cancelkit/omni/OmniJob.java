package io.cancelkit.omni;

/**
 * The fields of {@code GET /v1/ai/jobs/{jobId}} that the SDK relies on; everything else ({@code
 * prompt}, {@code conversationId}, {@code progress}, {@code resultSummary}, …) stays reachable through
 * {@link io.cancelkit.core.JobSnapshot#attributes()}.
 */
record OmniJob(String id, String state) {}
