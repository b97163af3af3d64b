/**
 * Cancels and reads jobs on Plangrep ({@code https://plangrep.com/api/open/v1}): {@code POST
 * /jobs/{jobId}/cancel} and {@code GET /jobs/{jobId}}, both authenticated by {@code Authorization:
 * Bearer <key>}. The entry point is {@link io.cancelkit.plangrep.PlangrepCanceller}, built with
 * {@link io.cancelkit.plangrep.PlangrepCanceller#builder()} or from {@code PLANGREP_API_KEY} and
 * {@code PLANGREP_BASE_URL} with {@link io.cancelkit.plangrep.PlangrepCanceller#fromEnv()}; it
 * polls no faster than Plangrep asks (6 s by default), and {@link
 * io.cancelkit.plangrep.PlangrepCanceller#usage} reads the pages and credits a job was billed. Its
 * {@code Provider} registers Plangrep for {@link io.cancelkit.core.CancellerProvider} lookups; the
 * Retrofit interface and the mapping from Plangrep's answers to outcomes are package-private.
 */
package io.cancelkit.plangrep;
