/**
 * Cancels and reads jobs on Scale GP Dex ({@code https://dex.sgp.scale.com}): {@code POST
 * /v1/projects/{projectId}/jobs/{jobId}/cancel} and {@code GET
 * /v1/projects/{projectId}/jobs/{jobId}}, authenticated by {@code x-api-key} and sent as the account
 * named in {@code x-selected-account-id}. The entry point is {@link
 * io.cancelkit.scale.ScaleCanceller}, built with {@link io.cancelkit.scale.ScaleCanceller#builder()}
 * or from {@code SGP_API_KEY}, {@code SGP_ACCOUNT_ID}, {@code SGP_PROJECT_ID} and {@code
 * SGP_BASE_URL} with {@link io.cancelkit.scale.ScaleCanceller#fromEnv()}; a job id {@code
 * project/job} names its project, and {@link io.cancelkit.scale.ScaleCanceller#forProject} binds
 * another. Its {@code Provider} registers Scale for {@link io.cancelkit.core.CancellerProvider}
 * lookups; the Retrofit interface, wire records and mapping are package-private.
 */
package io.cancelkit.scale;
