package io.cancelkit.scale;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * Scale GP Dex job endpoints (docs.gp.scale.com, reference/dex/jobs/cancel-job and get-job).
 *
 * <p>The page's OpenAPI names two security schemes, both headers: {@code x-api-key}, which the
 * engine's client adds ({@code Auth.header("x-api-key")}), and {@code x-selected-account-id}, which
 * is no secret and is passed here. Dex takes no {@code Authorization} header and documents neither
 * an idempotency key nor a conditional GET. Paths are relative so that a base URL's path prefix is
 * kept; bodies are streamed so that the engine bounds what it reads.
 */
interface ScaleApi {
  /** {@code POST /v1/projects/{projectId}/jobs/{jobId}/cancel}, with no body. */
  @Streaming
  @POST("v1/projects/{projectId}/jobs/{jobId}/cancel")
  Call<ResponseBody> cancel(
      @Path("projectId") String projectId,
      @Path("jobId") String jobId,
      @Header("x-selected-account-id") String accountId);

  /** {@code GET /v1/projects/{projectId}/jobs/{jobId}}: the JobEntity. */
  @Streaming
  @GET("v1/projects/{projectId}/jobs/{jobId}")
  Call<ResponseBody> job(
      @Path("projectId") String projectId,
      @Path("jobId") String jobId,
      @Header("x-selected-account-id") String accountId);
}
