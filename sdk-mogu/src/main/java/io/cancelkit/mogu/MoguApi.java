package io.cancelkit.mogu;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * Mogu's two endpoints used here, with relative paths so that a base URL's path prefix is kept.
 *
 * <p>Bodies are streamed so that the engine reads at most its bound of each one.
 */
interface MoguApi {
  /** {@code POST /ai/trips/{publicId}/actions/cancel} (Mogu "Cancel job", security bearerAuth). */
  @Streaming
  @POST("ai/trips/{publicId}/actions/cancel")
  Call<ResponseBody> cancel(
      @Path("publicId") String publicId, @Header("Authorization") String bearer);

  /**
   * {@code GET /ai/trips/{publicId}/status}: public, so no {@code Authorization} parameter at all —
   * the key only travels where Mogu needs it. Mogu documents no ETag, so no {@code If-None-Match}.
   */
  @Streaming
  @GET("ai/trips/{publicId}/status")
  Call<ResponseBody> status(@Path("publicId") String publicId);
}
