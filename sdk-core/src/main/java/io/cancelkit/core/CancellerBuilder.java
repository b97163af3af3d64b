package io.cancelkit.core;

import io.cancelkit.core.internal.ClientSettings;
import io.cancelkit.core.internal.EngineClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;

/**
 * The options every vendor's builder shares: key, base URL, retries, timing and HTTP client.
 *
 * <p>Values are checked as they are set; {@code build()} fails when the API key is missing.
 *
 * @param <B> the vendor's builder type, returned by every setter for chaining
 */
public abstract class CancellerBuilder<B extends CancellerBuilder<B>> {
  private String apiKey;
  private String baseUrl;
  private int maxAttempts = ClientSettings.DEFAULT_MAX_ATTEMPTS;
  private Duration initialBackoff = ClientSettings.DEFAULT_INITIAL_BACKOFF;
  private Duration pollInterval = ClientSettings.DEFAULT_POLL_INTERVAL;
  private Duration timeout = ClientSettings.DEFAULT_TIMEOUT;
  private OkHttpClient okHttpClient;
  private Executor callbackExecutor;
  private CancelListener listener = CancelListener.NONE;

  /** For vendor builders. */
  protected CancellerBuilder() {}

  /**
   * The vendor's API key; required. Never printed by {@code toString}, logs or messages.
   *
   * @param apiKey the key as the vendor issued it: printable ASCII without spaces
   * @return this builder
   * @throws NullPointerException if {@code apiKey} is null
   * @throws IllegalArgumentException if it is blank or has a character a header cannot carry
   */
  public B apiKey(String apiKey) {
    this.apiKey = ClientSettings.checkApiKey(apiKey);
    return self();
  }

  /**
   * The vendor's base URL, which may carry a path prefix; defaults to the vendor's production URL.
   *
   * <p>Plain {@code http://} is refused unless the host is loopback.
   *
   * @param baseUrl an {@code https} URL (or {@code http} to a loopback host) without credentials,
   *     query or fragment; a trailing {@code /} is added when missing
   * @return this builder
   * @throws NullPointerException if {@code baseUrl} is null
   * @throws IllegalArgumentException if it is not such a URL
   */
  public B baseUrl(String baseUrl) {
    this.baseUrl = ClientSettings.checkBaseUrl(baseUrl).toString();
    return self();
  }

  /**
   * HTTP attempts per call, retries included; 1 disables retries. Default 3.
   *
   * @param maxAttempts at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1
   */
  public B maxAttempts(int maxAttempts) {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
    this.maxAttempts = maxAttempts;
    return self();
  }

  /**
   * The first retry's backoff ceiling, doubled per retry with full jitter up to 8 s. Default 500 ms.
   *
   * @param initialBackoff not negative; zero retries at once
   * @return this builder
   * @throws NullPointerException if {@code initialBackoff} is null
   * @throws IllegalArgumentException if it is negative
   */
  public B initialBackoff(Duration initialBackoff) {
    Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff is negative: " + initialBackoff);
    }
    this.initialBackoff = initialBackoff;
    return self();
  }

  /**
   * The first poll delay of {@code cancelAndAwait}, grown ×1.3 per poll up to 10 s. Default 2 s, or
   * the vendor's documented minimum polling pace where it asks for a slower one.
   *
   * @param pollInterval positive
   * @return this builder
   * @throws NullPointerException if {@code pollInterval} is null
   * @throws IllegalArgumentException if it is zero or negative
   */
  public B pollInterval(Duration pollInterval) {
    this.pollInterval = positive(pollInterval, "pollInterval");
    return self();
  }

  /**
   * The overall deadline of one call, retries included. Default 30 s.
   *
   * @param timeout positive
   * @return this builder
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if it is zero or negative
   */
  public B timeout(Duration timeout) {
    this.timeout = positive(timeout, "timeout");
    return self();
  }

  /**
   * A client whose connection pool and dispatcher to share; the SDK derives its own from it with
   * {@code newBuilder()}, which never follows redirects.
   *
   * @param okHttpClient the client to derive from; by default the SDK uses a shared client of its own
   * @return this builder
   * @throws NullPointerException if {@code okHttpClient} is null
   */
  public B okHttpClient(OkHttpClient okHttpClient) {
    this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
    return self();
  }

  /**
   * Where the futures of {@code cancelAsync} complete, and so where continuations attached to them
   * run unless they name their own executor. Default: a shared pool of up to 64 daemon threads named
   * {@code cancelkit-callback-N}. Futures never complete on an OkHttp dispatcher thread or the SDK's
   * timer thread, so a slow continuation holds no connection and delays no retry.
   *
   * @param callbackExecutor the executor to complete futures on
   * @return this builder
   * @throws NullPointerException if {@code callbackExecutor} is null
   */
  public B callbackExecutor(Executor callbackExecutor) {
    this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor == null");
    return self();
  }

  /**
   * Hears each call's events: its start and end, attempts, retries, settling GET and polls. Default
   * {@link CancelListener#NONE}, which costs nothing. A listener that throws never breaks a call.
   *
   * @param listener the listener of every call this canceller makes
   * @return this builder
   * @throws NullPointerException if {@code listener} is null
   */
  public B listener(CancelListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener == null");
    return self();
  }

  /**
   * Returns this builder as its own type.
   *
   * @return {@code this}
   */
  protected abstract B self();

  /**
   * The checked settings, with {@code defaultBaseUrl} where none was set; for vendor builders.
   *
   * @param defaultBaseUrl the vendor's production URL
   * @return the settings to build the canceller with
   * @throws IllegalStateException if no API key was set
   */
  // exports: ClientSettings is exported only to the vendor modules, the only callers meant here.
  @SuppressWarnings("exports")
  protected final ClientSettings settings(String defaultBaseUrl) {
    if (apiKey == null) throw new IllegalStateException("apiKey is required");
    return settingsWithOptionalKey(defaultBaseUrl);
  }

  /**
   * As {@link #settings(String)}, but the key may be missing: for a vendor whose status GET is
   * public, so that reading a job needs no key (a cancel then gets the vendor's own 401).
   *
   * @param defaultBaseUrl the vendor's production URL
   * @return the settings to build the canceller with; the key is null when none was set
   */
  // exports: ClientSettings is exported only to the vendor modules, the only callers meant here.
  @SuppressWarnings("exports")
  protected final ClientSettings settingsWithOptionalKey(String defaultBaseUrl) {
    return new ClientSettings(
        apiKey,
        ClientSettings.checkBaseUrl(baseUrl != null ? baseUrl : defaultBaseUrl),
        maxAttempts,
        initialBackoff,
        pollInterval,
        timeout,
        okHttpClient,
        callbackExecutor,
        listener,
        EngineClock.system());
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "{apiKey="
        + (apiKey == null ? "null" : "██")
        + ", "
        + ClientSettings.describe(baseUrl, maxAttempts, initialBackoff, pollInterval, timeout)
        + '}';
  }
}
