/**
 * Cancels AI trip jobs on Mogu ({@code https://trips.api.moguplatform.com}) and reads their status:
 * {@code POST /ai/trips/{publicId}/actions/cancel}, authenticated by {@code Authorization: Bearer
 * <key>}, and the public {@code GET /ai/trips/{publicId}/status}, which is sent without the key. The
 * entry point is {@link io.cancelkit.mogu.MoguCanceller}, built with {@link
 * io.cancelkit.mogu.MoguCanceller#builder()} or from {@code MOGU_API_KEY} and {@code MOGU_BASE_URL}
 * with {@link io.cancelkit.mogu.MoguCanceller#fromEnv()}. Its {@code Provider} registers Mogu for
 * {@link io.cancelkit.core.CancellerProvider} lookups, and can build a status-only canceller without
 * a key; the Retrofit interface, wire records and mapping are package-private.
 */
package io.cancelkit.mogu;
