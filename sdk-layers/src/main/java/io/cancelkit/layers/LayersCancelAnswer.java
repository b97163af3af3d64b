package io.cancelkit.layers;

/**
 * The 2xx body of {@code POST /v1/jobs/{jobId}/cancel}: {@code {jobId, accepted:true}} on 202, or
 * the flat rejection {@code {jobId, accepted:false, reason}} on 200 when the job is already
 * terminal.
 *
 * @param accepted boxed so that a missing value is seen, not read as false
 */
record LayersCancelAnswer(String jobId, Boolean accepted, String reason) {}
