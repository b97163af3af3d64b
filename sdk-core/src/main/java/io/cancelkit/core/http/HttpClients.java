package io.cancelkit.core.http;

import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/** Builds the Retrofit that a vendor's API interface is created from. */
public final class HttpClients {
  private HttpClients() {}

  /** Shared by every canceller built without a client, so they share one pool and dispatcher. */
  private static final class Default {
    static final OkHttpClient CLIENT = new OkHttpClient();
  }

  /**
   * A Retrofit on {@code settings.baseUrl()} whose client is derived from the caller's (or the
   * SDK's shared) client: redirects are never followed, so a key never travels to another host, OkHttp never re-sends
   * on its own,
   * and no response body can be read past {@link ClientSettings#MAX_BODY_BYTES}.
   */
  public static Retrofit retrofit(ClientSettings settings) {
    OkHttpClient base = settings.okHttpClient() != null ? settings.okHttpClient() : Default.CLIENT;
    OkHttpClient client =
        base.newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            // resilience4j drives and counts every retry; OkHttp's silent re-send would hide attempts.
            .retryOnConnectionFailure(false)
            .addInterceptor(
                chain ->
                    chain.request().header("User-Agent") != null
                        ? chain.proceed(chain.request())
                        : chain.proceed(
                            chain.request().newBuilder().header("User-Agent", "cancelkit-java").build()))
            .addInterceptor(BoundedBody.interceptor(ClientSettings.MAX_BODY_BYTES))
            .build();
    return new Retrofit.Builder().baseUrl(settings.baseUrl()).client(client).build();
  }
}
