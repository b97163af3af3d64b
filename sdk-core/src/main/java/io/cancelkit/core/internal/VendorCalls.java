package io.cancelkit.core.internal;

import java.util.Objects;
import java.util.function.BiFunction;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * A vendor's transport: the two calls the engine makes, built from the vendor's Retrofit API.
 *
 * <p>Calls are built fresh for every attempt (Retrofit calls run once). Auth headers are added by
 * the client that {@link HttpClients#retrofit} builds, so an implementation never sees the key.
 * Implementations must be thread-safe.
 */
public interface VendorCalls {
  /**
   * A call that asks the vendor to cancel {@code jobId}.
   *
   * @param idempotencyKey a UUID that is the same on every retry of one logical cancel; vendors
   *     without an idempotency header ignore it
   */
  Call<ResponseBody> cancel(String jobId, String idempotencyKey);

  /**
   * A GET of the job.
   *
   * @param etag the last {@code ETag} seen while polling, to send as {@code If-None-Match}; null when
   *     there is none, and ignored by vendors without conditional GETs
   */
  Call<ResponseBody> status(String jobId, String etag);

  /**
   * Calls made by two functions, usually method references to the vendor's Retrofit API.
   *
   * @param cancel (jobId, idempotencyKey) → the cancel call
   * @param status (jobId, etag) → the status call
   */
  static VendorCalls of(
      BiFunction<String, String, Call<ResponseBody>> cancel,
      BiFunction<String, String, Call<ResponseBody>> status) {
    Objects.requireNonNull(cancel, "cancel == null");
    Objects.requireNonNull(status, "status == null");
    return new VendorCalls() {
      @Override
      public Call<ResponseBody> cancel(String jobId, String idempotencyKey) {
        return cancel.apply(jobId, idempotencyKey);
      }

      @Override
      public Call<ResponseBody> status(String jobId, String etag) {
        return status.apply(jobId, etag);
      }
    };
  }
}
