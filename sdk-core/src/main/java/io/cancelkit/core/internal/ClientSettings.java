package io.cancelkit.core.internal;

import io.cancelkit.core.CancelListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The checked options of one canceller, as a vendor builder hands them to the engine.
 *
 * <p>Part of the engine that vendor modules configure; not meant for application code.
 */
public final class ClientSettings {
  /** Default HTTP attempts per call. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Default first backoff ceiling. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  /** Default first poll delay of {@code cancelAndAwait}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  /** Default overall deadline of one call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Largest backoff between two attempts. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  /** Longest {@code Retry-After} the SDK waits for before trying again. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  /** Longest delay between two polls. */
  public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);
  /** Most bytes of one response body that are read. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  private final String apiKey;
  private final HttpUrl baseUrl;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration pollInterval;
  private final Duration timeout;
  private final OkHttpClient okHttpClient;
  private final Executor callbackExecutor;
  private final CancelListener listener;
  private final EngineClock clock;

  /**
   * Holds already-checked values; see {@link io.cancelkit.core.CancellerBuilder}.
   *
   * @param apiKey the key, which no accessor hands out again: only this package's HTTP client (for
   *     the auth header) and redaction read it
   * @param okHttpClient the caller's client to derive from, or null for the SDK's shared default
   * @param callbackExecutor where {@code cancelAsync} futures complete, or null for {@link
   *     CallbackExecutor#shared()}
   * @param listener hears each call's events, or null for {@link CancelListener#NONE}
   * @param clock what the engine waits on: {@link EngineClock#system()}, or a test's {@link
   *     VirtualClock}
   */
  public ClientSettings(
      String apiKey,
      HttpUrl baseUrl,
      int maxAttempts,
      Duration initialBackoff,
      Duration pollInterval,
      Duration timeout,
      OkHttpClient okHttpClient,
      Executor callbackExecutor,
      CancelListener listener,
      EngineClock clock) {
    this.apiKey = apiKey == null ? null : checkApiKey(apiKey);
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
    this.maxAttempts = maxAttempts;
    this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    this.okHttpClient = okHttpClient;
    this.callbackExecutor = callbackExecutor != null ? callbackExecutor : CallbackExecutor.shared();
    this.listener = listener != null ? listener : CancelListener.NONE;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** These settings on another clock: tests pass a {@link VirtualClock}. */
  public ClientSettings withClock(EngineClock clock) {
    return new ClientSettings(apiKey, baseUrl, maxAttempts, initialBackoff, pollInterval, timeout,
        okHttpClient, callbackExecutor, listener, clock);
  }

  /** The key, for the auth interceptor and redaction only; null for a keyless canceller. */
  String apiKey() {
    return apiKey;
  }

  /** Masks this canceller's key in what leaves the SDK. */
  Redactor redactor() {
    return new Redactor(apiKey);
  }

  /** The base URL, always ending in {@code /} so that relative vendor paths keep its prefix. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** HTTP attempts per call, retries included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The first retry's backoff ceiling. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The first poll delay of {@code cancelAndAwait}. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** The overall deadline of one call, retries included. */
  public Duration timeout() {
    return timeout;
  }

  /** The caller's client to derive from, or null for the SDK's shared default. */
  public OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  /** Where {@code cancelAsync} futures complete. */
  public Executor callbackExecutor() {
    return callbackExecutor;
  }

  /** Hears each call's events; {@link CancelListener#NONE} when none was set. */
  public CancelListener listener() {
    return listener;
  }

  /** The clock the engine waits on. */
  public EngineClock clock() {
    return clock;
  }

  /** Returns {@code apiKey} if it can be sent in a header, else throws without echoing it. */
  public static String checkApiKey(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey == null");
    if (apiKey.isBlank()) throw new IllegalArgumentException("apiKey is blank");
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      // A header value cannot carry these; refusing early also blocks header injection.
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "apiKey contains a character that cannot be sent in a header, at index " + i);
      }
    }
    return apiKey;
  }

  /** Parses and checks a base URL, returning it with a trailing slash. */
  public static HttpUrl checkBaseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    HttpUrl url = HttpUrl.parse(baseUrl.trim());
    if (url == null) {
      throw new IllegalArgumentException("baseUrl is not an http or https URL: " + baseUrl);
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException("baseUrl must not carry credentials; use apiKey(..)");
    }
    if (url.query() != null || url.fragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + url);
    }
    if (!url.isHttps() && !isLoopback(url.host())) {
      throw new IllegalArgumentException(
          "baseUrl must use https unless the host is loopback, so the key never travels in clear: "
              + url);
    }
    String path = url.encodedPath();
    return path.endsWith("/") ? url : url.newBuilder().encodedPath(path + "/").build();
  }

  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) return true;
    // Only IP literals are resolved: a host name would mean a DNS lookup, and could lie.
    boolean literal = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    if (!literal) return false;
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "{" + describe(baseUrl, maxAttempts, initialBackoff, pollInterval, timeout) + '}';
  }

  /**
   * The options that {@code toString} of settings and of builders shows, never the key: {@code
   * baseUrl=…, maxAttempts=…, initialBackoff=…, pollInterval=…, timeout=…}.
   */
  public static String describe(
      Object baseUrl,
      int maxAttempts,
      Duration initialBackoff,
      Duration pollInterval,
      Duration timeout) {
    return "baseUrl=" + baseUrl + ", maxAttempts=" + maxAttempts + ", initialBackoff="
        + initialBackoff + ", pollInterval=" + pollInterval + ", timeout=" + timeout;
  }
}
