package io.cancelkit.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Records each HTTP exchange a canceller makes, with a copy of the answer's body, so the demo can
 * show what the vendor really said next to what the SDK made of it. Thread-safe.
 */
final class AnswerRecorder implements Interceptor {
  /** Far more than any simulator answer; the body is only peeked, the SDK still reads it all. */
  private static final long PEEK_BYTES = 64 * 1024;

  /** One request and its answer. */
  record Exchange(String method, String path, int status, String body) {}

  private final List<Exchange> exchanges = new ArrayList<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    String body = response.peekBody(PEEK_BYTES).string();
    synchronized (this) {
      exchanges.add(
          new Exchange(request.method(), request.url().encodedPath(), response.code(), body));
    }
    return response;
  }

  /** Forgets what was recorded, before the next job. */
  synchronized void clear() {
    exchanges.clear();
  }

  /** The cancel requests since the last {@link #clear()}, retries included, oldest first. */
  synchronized List<Exchange> cancels() {
    List<Exchange> cancels = new ArrayList<>();
    // Every vendor cancels with a POST and reads with a GET.
    for (Exchange e : exchanges) {
      if (e.method().equals("POST")) cancels.add(e);
    }
    return cancels;
  }
}
