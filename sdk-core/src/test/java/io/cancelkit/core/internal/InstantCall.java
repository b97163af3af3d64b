package io.cancelkit.core.internal;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.Timeout;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * A Retrofit call answered in memory, at once, with a fixed 2xx answer: for runs too large for a
 * socket per request, such as 100,000 cancels. It sends nothing.
 */
final class InstantCall implements Call<ResponseBody> {
  private static final MediaType JSON = MediaType.get("application/json");

  private final int status;
  private final String body;
  private final Timeout timeout = new Timeout();
  private boolean executed;
  private volatile boolean canceled;

  private InstantCall(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /** The test vendor's 202 {@code {"accepted":true}}: a pending cancel. */
  static InstantCall accepted() {
    return new InstantCall(202, "{\"accepted\":true}");
  }

  @Override
  public synchronized Response<ResponseBody> execute() throws IOException {
    if (executed) throw new IllegalStateException("already executed");
    executed = true;
    if (canceled) throw new IOException("Canceled");
    return Response.success(status, ResponseBody.create(body, JSON));
  }

  @Override
  public void enqueue(Callback<ResponseBody> callback) {
    try {
      callback.onResponse(this, execute());
    } catch (IOException e) {
      callback.onFailure(this, e);
    }
  }

  @Override
  public synchronized boolean isExecuted() {
    return executed;
  }

  @Override
  public void cancel() {
    canceled = true;
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  @Override
  public Call<ResponseBody> clone() {
    return new InstantCall(status, body);
  }

  @Override
  public Request request() {
    return new Request.Builder().url("http://localhost/").build();
  }

  @Override
  public Timeout timeout() {
    return timeout;
  }
}
