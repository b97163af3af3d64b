package io.cancelkit.omni;

/**
 * The 200 answer of {@code POST /v1/ai/jobs/{jobId}/cancel}: {@code {jobId, state}}.
 *
 * @param state the job's state word after the call, verbatim; the docs' schema lists only {@code
 *     CANCELLED}, but the page says an already completed job "returns success with the current state"
 */
record OmniCancelResult(String jobId, String state) {}
