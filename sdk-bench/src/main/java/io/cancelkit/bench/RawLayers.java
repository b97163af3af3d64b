package io.cancelkit.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The raw twin: a Layers cancel written by hand on OkHttp and Moshi, as a careful user would write
 * it without the SDK. {@code POST /v1/jobs/{id}/cancel} with {@code Authorization: Bearer} and a
 * fresh {@code Idempotency-Key}, the 202 body streamed into Moshi, {@code accepted:true} checked.
 *
 * <p>Its client gets the settings the SDK gives its own: no redirects, no silent re-send, and the
 * SDK's default 30 s deadline per call; nothing else the SDK does (retries, bounded bodies, the
 * outcome model, redaction) is done here, which is the point of the comparison.
 */
final class RawLayers {
  /** The SDK's default overall deadline of one call, so both twins arm the same timeout. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final JsonAdapter<CancelAnswer> ANSWER =
      new Moshi.Builder().build().adapter(CancelAnswer.class);
  // Retrofit sends an empty @POST the same way: a zero-length body, Content-Length: 0.
  private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

  /** Layers' 202 body, {@code {jobId, accepted}}. */
  static final class CancelAnswer {
    String jobId;
    Boolean accepted;
  }

  private final OkHttpClient client;
  private final HttpUrl baseUrl;
  private final String authorization;

  /** The twin on a client derived from {@code base}, so it shares its pool and dispatcher. */
  RawLayers(OkHttpClient base, String baseUrl, String apiKey) {
    this.client = configure(base.newBuilder()).build();
    this.baseUrl = HttpUrl.get(baseUrl);
    this.authorization = "Bearer " + apiKey;
  }

  /** The SDK's client settings, applied to a hand-built client. */
  static OkHttpClient.Builder configure(OkHttpClient.Builder b) {
    return b.followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .callTimeout(TIMEOUT);
  }

  /** A client whose dispatcher runs {@code inFlight} calls at once, all to one host if need be. */
  static OkHttpClient client(int inFlight) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(inFlight);
    dispatcher.setMaxRequestsPerHost(inFlight);
    return new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }

  /**
   * Stops the client's dispatcher threads and closes its connections: OkHttp's threads are not
   * daemons and idle for 60 s, which would keep a JMH fork from exiting.
   */
  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** The cancel request of {@code jobId}, with its own idempotency key. */
  Request request(String jobId) {
    HttpUrl url =
        baseUrl.newBuilder()
            .addPathSegment("v1")
            .addPathSegment("jobs")
            .addPathSegment(jobId)
            .addPathSegment("cancel")
            .build();
    return new Request.Builder()
        .url(url)
        .header("Authorization", authorization)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .post(EMPTY)
        .build();
  }

  /** Cancels {@code jobId}, blocking; throws unless Layers accepted the signal. */
  CancelAnswer cancel(String jobId) throws IOException {
    try (Response response = client.newCall(request(jobId)).execute()) {
      return accepted(response);
    }
  }

  /** Cancels {@code jobId} on the dispatcher; {@code callback} reads the answer with {@link #accepted}. */
  void enqueue(String jobId, Callback callback) {
    client.newCall(request(jobId)).enqueue(callback);
  }

  /** The answer of an accepted cancel; throws for any other. */
  static CancelAnswer accepted(Response response) throws IOException {
    ResponseBody body = response.body();
    if (response.code() != 202 || body == null) {
      throw new IOException("Layers answered HTTP " + response.code());
    }
    CancelAnswer answer = ANSWER.fromJson(body.source());
    if (answer == null || !Boolean.TRUE.equals(answer.accepted)) {
      throw new IOException("Layers did not accept the cancel");
    }
    return answer;
  }
}
