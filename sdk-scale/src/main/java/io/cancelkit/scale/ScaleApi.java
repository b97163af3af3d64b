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
 * <p>Paths are relative so that a base URL's path prefix is kept. Both security schemes of the
 * page's OpenAPI ({@code ApiKey}, {@code AccountId}) are headers; Dex takes no {@code
 * Authorization} header and documents neither an idempotency key nor a conditional GET.
 */
interface ScaleApi {
  @Streaming
  @POST("v1/projects/{projectId}/jobs/{jobId}/cancel")
  Call<ResponseBody> cancel(
      @Path("projectId") String projectId,
      @Path("jobId") String jobId,
      @Header("x-api-key") String apiKey,
      @Header("x-selected-account-id") String accountId);

  @Streaming
  @GET("v1/projects/{projectId}/jobs/{jobId}")
  Call<ResponseBody> job(
      @Path("projectId") String projectId,
      @Path("jobId") String jobId,
      @Header("x-api-key") String apiKey,
      @Header("x-selected-account-id") String accountId);
}
