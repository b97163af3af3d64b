package io.cancelkit.plangrep;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * Plangrep's job endpoints (docs.plangrep.com, api-reference/jobs/cancel-job and get-job),
 * authenticated by {@code Authorization: Bearer <key>}, which the engine's client adds ({@code
 * Auth.bearer()}). Paths are relative because the base URL carries Plangrep's {@code /api/open/v1}
 * prefix; bodies are streamed so that the engine bounds what it reads.
 */
interface PlangrepApi {
  /** Cancels a job; the vendor documents no request body, so none is sent (Content-Length: 0). */
  @Streaming
  @Headers("Accept: application/json")
  @POST("jobs/{jobId}/cancel")
  Call<ResponseBody> cancel(@Path("jobId") String jobId);

  /** Reads a job as {@code {job:{...}}}; Plangrep documents no ETag, so no If-None-Match. */
  @Streaming
  @Headers("Accept: application/json")
  @GET("jobs/{jobId}")
  Call<ResponseBody> job(@Path("jobId") String jobId);
}
