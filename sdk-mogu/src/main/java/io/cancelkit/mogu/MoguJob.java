package io.cancelkit.mogu;

/**
 * Mogu's job object, the body of a 200 from both the cancel and the status endpoint.
 *
 * <p>Fields as Mogu's "Cancel job" page documents them. {@link MoguMapper} requires {@code
 * status}; the other fields are typed so that a body of another shape fails instead of being
 * guessed at.
 *
 * @param jobId the job's public UUID, the same value as the {@code publicId} path parameter
 * @param status {@code processing}, {@code completed}, {@code error} or {@code canceled}
 * @param stage {@code initializing}, {@code extractingText}, {@code generatingBlocks}, {@code
 *     enrichingBlocks} or {@code completed}
 * @param tripId the trip's id once completed; null otherwise
 * @param tripSlug the trip's slug once completed; null otherwise
 * @param error the error message when {@code status} is {@code error}
 * @param updatedAt the last change, ISO 8601
 */
record MoguJob(
    String jobId,
    String status,
    String stage,
    String publicUrl,
    String builderUrl,
    Long tripId,
    String tripSlug,
    String error,
    String updatedAt) {}
