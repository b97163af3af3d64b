package io.cancelkit.scale;

import com.squareup.moshi.Json;

/**
 * The fields of Dex's {@code JobEntity} that the SDK reads; the whole object stays reachable as
 * {@code JobSnapshot.attributes()}.
 *
 * <p>Only {@code status} is required here. The rest is read when present, and fields the SDK does
 * not use are not modelled, so both the older entity (required fields only) and the newer one
 * ({@code progress}, {@code history}, …) parse.
 */
record ScaleJobEntity(
    String status,
    @Json(name = "created_at") String createdAt,
    @Json(name = "started_at") String startedAt,
    @Json(name = "completed_at") String completedAt) {}
