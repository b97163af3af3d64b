package io.cancelkit.core.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;
import retrofit2.Retrofit;
import retrofit2.http.Streaming;

/** Builds the Retrofit that a vendor's API interface is created from. */
public final class HttpClients {
  /** Requests in flight per host on the SDK's shared client; OkHttp's own default is 5. */
  static final int MAX_REQUESTS_PER_HOST = 64;

  private HttpClients() {}

  /**
   * Shared by every canceller built without a client, so they share one pool and dispatcher, sized
   * so that a vendor is not capped below a bulk run's concurrency.
   */
  private static final class Default {
    static final OkHttpClient CLIENT = create();

    private static OkHttpClient create() {
      // OkHttp's own dispatcher threads are not daemons and idle for 60 s, which would hold an
      // application's JVM open after its main ends; the SDK's shared pool must not.
      ExecutorService threads =
          new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
              Threads.daemon("OkHttp Dispatcher (cancelkit) "));
      Dispatcher dispatcher = new Dispatcher(threads);
      dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST);
      dispatcher.setMaxRequests(4 * MAX_REQUESTS_PER_HOST);
      return new OkHttpClient.Builder().dispatcher(dispatcher).build();
    }
  }

  /** The SDK's shared default client, for tests of its sizing. */
  static OkHttpClient defaultClient() {
    return Default.CLIENT;
  }

  /** The client that {@code settings}' Retrofit is derived from: the caller's, or the shared one. */
  static OkHttpClient client(ClientSettings settings) {
    return settings.okHttpClient() != null ? settings.okHttpClient() : Default.CLIENT;
  }

  /**
   * A Retrofit on {@code settings.baseUrl()} whose client is derived from the caller's (or the
   * SDK's shared) client: it adds {@code auth} with the key to every request not marked {@link
   * Unauthenticated}, never follows redirects (so a key never travels to another host), never
   * re-sends on its own (every attempt is counted), and reads no response body past {@link
   * ClientSettings#MAX_BODY_BYTES}.
   */
  public static Retrofit retrofit(ClientSettings settings, Auth auth) {
    Objects.requireNonNull(auth, "auth == null");
    OkHttpClient base = client(settings);
    String apiKey = settings.apiKey();
    OkHttpClient client =
        base.newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            // resilience4j drives and counts every retry; OkHttp's silent re-send would hide attempts.
            .retryOnConnectionFailure(false)
            .addInterceptor(
                new Exchanges(auth.headerName(), apiKey != null ? auth.value(apiKey) : null))
            .build();
    return new Retrofit.Builder().baseUrl(settings.baseUrl()).client(client).build();
  }

  /**
   * The SDK's one interceptor: adds the headers, and bounds the bodies that Retrofit reads whole. One
   * copy of each request, and of a response only when its body needs the bound.
   */
  private static final class Exchanges implements Interceptor {
    private final String authHeader;
    /** The header's value, made once per canceller; null without a key. */
    private final String authValue;

    Exchanges(String authHeader, String authValue) {
      this.authHeader = authHeader;
      this.authValue = authValue;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      Invocation invocation = request.tag(Invocation.class);
      Method method = invocation != null ? invocation.method() : null;
      boolean agent = request.header("User-Agent") == null;
      boolean auth =
          authValue != null && (method == null || !method.isAnnotationPresent(Unauthenticated.class));
      if (agent || auth) {
        Request.Builder b = request.newBuilder();
        if (agent) b.header("User-Agent", "cancelkit-java");
        if (auth) b.header(authHeader, authValue);
        request = b.build();
      }
      Response response = chain.proceed(request);
      // Retrofit buffers every error body whole, and a 2xx one unless its method is @Streaming; the
      // engine reads a streamed 2xx body itself, within the bound, so that one goes unwrapped.
      boolean streamed = method != null && method.isAnnotationPresent(Streaming.class);
      if (response.isSuccessful() && streamed) return response;
      return BoundedBody.cap(response, ClientSettings.MAX_BODY_BYTES);
    }
  }
}
