package io.cancelkit.mogu;

import io.cancelkit.core.internal.Unauthenticated;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * Mogu's two endpoints used here. The cancel is authenticated by {@code Authorization: Bearer
 * <key>}, which the engine's client adds ({@code Auth.bearer()}); the status GET is public and
 * marked {@link Unauthenticated}, so the key only travels where Mogu needs it. Paths are relative
 * so that a base URL's path prefix is kept; bodies are streamed so that the engine bounds what it
 * reads.
 */
interface MoguApi {
  /**
   * {@code POST /ai/trips/{publicId}/actions/cancel} (Mogu "Cancel job", security bearerAuth), with
   * no body. Mogu documents no idempotency header.
   */
  @Streaming
  @POST("ai/trips/{publicId}/actions/cancel")
  Call<ResponseBody> cancel(@Path("publicId") String publicId);

  /**
   * {@code GET /ai/trips/{publicId}/status}: public, so sent without the key. Mogu documents no
   * ETag, so no {@code If-None-Match}.
   */
  @Unauthenticated
  @Streaming
  @GET("ai/trips/{publicId}/status")
  Call<ResponseBody> status(@Path("publicId") String publicId);
}
