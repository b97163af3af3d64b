/**
 * Cancels and reads jobs on Layers ({@code https://api.layers.com}): {@code POST
 * /v1/jobs/{jobId}/cancel} with one {@code Idempotency-Key} per logical cancel, and {@code GET
 * /v1/jobs/{jobId}}, both authenticated by {@code Authorization: Bearer <key>}. The entry point is
 * {@link io.cancelkit.layers.LayersCanceller}, built with {@link
 * io.cancelkit.layers.LayersCanceller#builder()} or from {@code LAYERS_API_KEY} and {@code
 * LAYERS_BASE_URL} with {@link io.cancelkit.layers.LayersCanceller#fromEnv()}; its {@code Provider}
 * registers Layers, with its documented 60 writes and 120 reads a minute per key, for {@link
 * io.cancelkit.core.CancellerProvider} lookups. The Retrofit interface, wire records and the one
 * mapping from Layers' answers to outcomes are package-private.
 */
package io.cancelkit.layers;
