package io.cancelkit.core.internal;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import retrofit2.Invocation;
import retrofit2.Retrofit;

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

  /**
   * A Retrofit on {@code settings.baseUrl()} whose client is derived from the caller's (or the
   * SDK's shared) client: it adds {@code auth} with the key to every request not marked {@link
   * Unauthenticated}, never follows redirects (so a key never travels to another host), never
   * re-sends on its own (every attempt is counted), and reads no response body past {@link
   * ClientSettings#MAX_BODY_BYTES}.
   */
  public static Retrofit retrofit(ClientSettings settings, Auth auth) {
    Objects.requireNonNull(auth, "auth == null");
    OkHttpClient base = settings.okHttpClient() != null ? settings.okHttpClient() : Default.CLIENT;
    String apiKey = settings.apiKey();
    OkHttpClient client =
        base.newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            // resilience4j drives and counts every retry; OkHttp's silent re-send would hide attempts.
            .retryOnConnectionFailure(false)
            .addInterceptor(chain -> chain.proceed(withHeaders(chain, auth, apiKey)))
            .addInterceptor(BoundedBody.interceptor(ClientSettings.MAX_BODY_BYTES))
            .build();
    return new Retrofit.Builder().baseUrl(settings.baseUrl()).client(client).build();
  }

  private static Request withHeaders(Interceptor.Chain chain, Auth auth, String apiKey) {
    Request request = chain.request();
    Request.Builder b = request.newBuilder();
    if (request.header("User-Agent") == null) b.header("User-Agent", "cancelkit-java");
    Invocation invocation = request.tag(Invocation.class);
    boolean anonymous =
        invocation != null && invocation.method().isAnnotationPresent(Unauthenticated.class);
    if (apiKey != null && !anonymous) b.header(auth.headerName(), auth.value(apiKey));
    return b.build();
  }
}
