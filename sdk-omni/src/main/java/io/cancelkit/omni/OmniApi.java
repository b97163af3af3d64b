package io.cancelkit.omni;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * Omni's AI job endpoints (docs.omni.co: api/ai/cancel-ai-job, api/ai/get-ai-job-status),
 * authenticated by {@code Authorization: Bearer <key>}, which the engine's client adds ({@code
 * Auth.bearer()}). Paths are relative so that the base URL's {@code /api} prefix is kept; bodies are
 * streamed so that the engine bounds what it reads. Omni documents neither an idempotency header
 * (its cancel is idempotent by itself) nor conditional GETs, so neither is sent.
 */
interface OmniApi {
  /** {@code POST /v1/ai/jobs/{jobId}/cancel}, with no body. */
  @Streaming
  @POST("v1/ai/jobs/{jobId}/cancel")
  Call<ResponseBody> cancel(@Path("jobId") String jobId);

  /** {@code GET /v1/ai/jobs/{jobId}}. */
  @Streaming
  @GET("v1/ai/jobs/{jobId}")
  Call<ResponseBody> job(@Path("jobId") String jobId);
}
