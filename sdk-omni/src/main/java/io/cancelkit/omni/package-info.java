/**
 * Cancels and reads AI jobs on Omni, whose API lives on each organization's own host ({@code
 * https://{instance}.omniapp.co/api}, or a playground instance): {@code POST
 * /v1/ai/jobs/{jobId}/cancel} and {@code GET /v1/ai/jobs/{jobId}}, both authenticated by {@code
 * Authorization: Bearer <key>}; job ids are UUIDs. The entry point is {@link
 * io.cancelkit.omni.OmniCanceller}, built with {@link io.cancelkit.omni.OmniCanceller#builder()} and
 * a target, or from {@code OMNI_API_KEY} and {@code OMNI_INSTANCE} or {@code OMNI_BASE_URL} with
 * {@link io.cancelkit.omni.OmniCanceller#fromEnv()}. Its {@code Provider} registers Omni, with its
 * documented 60 requests a minute per key, for {@link io.cancelkit.core.CancellerProvider} lookups;
 * the Retrofit interface, wire records and mapping are package-private.
 */
package io.cancelkit.omni;
