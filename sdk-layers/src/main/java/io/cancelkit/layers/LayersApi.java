package io.cancelkit.layers;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * The two Layers endpoints the SDK calls, authenticated by {@code Authorization: Bearer <key>},
 * which the engine's client adds ({@code Auth.bearer()}). Paths are relative so that a base URL's
 * path prefix is kept; bodies are streamed so that the engine bounds what it reads.
 */
interface LayersApi {
  /**
   * {@code POST /v1/jobs/{jobId}/cancel} (scope {@code jobs:cancel}), with no body. Layers replays
   * the first answer for a repeated {@code Idempotency-Key} with the same (empty) body for 24 h.
   */
  @Streaming
  @POST("v1/jobs/{jobId}/cancel")
  Call<ResponseBody> cancel(
      @Path("jobId") String jobId, @Header("Idempotency-Key") String idempotencyKey);

  /**
   * {@code GET /v1/jobs/{jobId}} (scope {@code jobs:read}); a non-null {@code etag} is sent as
   * {@code If-None-Match}, and Layers answers 304 when the job has not advanced.
   */
  @Streaming
  @GET("v1/jobs/{jobId}")
  Call<ResponseBody> job(@Path("jobId") String jobId, @Header("If-None-Match") String etag);
}
