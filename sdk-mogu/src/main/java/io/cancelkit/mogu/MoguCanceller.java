package io.cancelkit.mogu;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.internal.Auth;
import io.cancelkit.core.internal.ClientSettings;
import io.cancelkit.core.internal.Engine;
import io.cancelkit.core.internal.EngineCanceller;
import io.cancelkit.core.internal.EngineClock;
import io.cancelkit.core.internal.Env;
import io.cancelkit.core.internal.HttpClients;
import io.cancelkit.core.internal.VendorBuilder;
import io.cancelkit.core.internal.VendorCalls;
import io.cancelkit.core.internal.VendorProvider;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Cancels Mogu AI trip jobs ({@code POST /ai/trips/{publicId}/actions/cancel}) and reads their
 * public status ({@code GET /ai/trips/{publicId}/status}, sent without the key).
 *
 * <p>Job ids are the job's public id (a UUID on Mogu's page); a null, blank or malformed id is an
 * {@link IllegalArgumentException} and nothing is sent. Instances are immutable and thread-safe;
 * share one.
 *
 * <ul>
 *   <li>{@code cancel} and {@code cancelAsync}: {@link Cancelled} (Mogu answered {@code canceled},
 *       or refused with {@code job_not_cancelable} and the job's status reads {@code canceled}),
 *       {@link CancelPending} (answer {@code processing}: the job stops asynchronously), {@link
 *       AlreadyFinished} ({@code completed} → COMPLETED, {@code error} → FAILED; UNKNOWN when Mogu
 *       refused and its status could not be read), {@link NotCancellable} (refused while the status
 *       still reads {@code processing}), {@link NotFound} ({@code job_not_found} or 404), or {@link
 *       Failed}: AUTHENTICATION ({@code missing_api_key}, {@code invalid_api_key}, 401),
 *       INVALID_REQUEST ({@code invalid_*}, {@code unsupported_format}), PERMISSION, RATE_LIMITED,
 *       PROVIDER_ERROR, NETWORK, TIMEOUT or UNEXPECTED_RESPONSE (including a status word Mogu does
 *       not document).
 *   <li>{@code status}: reads Mogu's public status endpoint, without sending the API key. State:
 *       {@code processing} → RUNNING, {@code completed} → COMPLETED, {@code error} → FAILED, {@code
 *       canceled} → CANCELLED, any other word → UNKNOWN; the whole job object is in {@link
 *       JobSnapshot#attributes()}. A {@link JobCancelException} if the job cannot be read; {@link
 *       ErrorKind#NOT_FOUND} for an unknown job.
 *   <li>{@code cancelAndAwait}: cancels, then polls the public status until the job ends or {@code
 *       timeout} passes: {@link Cancelled} when it reads {@code canceled}, {@link AlreadyFinished}
 *       when it reads {@code completed} or {@code error}, {@link CancelPending} at the deadline, or
 *       the cancel's own outcome at once when that is not {@link CancelPending}; a timeout that is
 *       not positive is an {@link IllegalArgumentException}.
 *   <li>{@code toString}: the provider and options, never the API key.
 * </ul>
 */
// exports: the engine's base types (EngineCanceller, VendorBuilder, VendorProvider, EngineClock) are
// exported only to the vendor modules; application code sees just the public methods they declare,
// which the module-path consumer test (ModulePathIT) compiles and calls.
@SuppressWarnings("exports")
public final class MoguCanceller extends EngineCanceller {
  /** Mogu's production API, used when no base URL is set. */
  static final String DEFAULT_BASE_URL = "https://trips.api.moguplatform.com";

  /** The environment variable {@link #fromEnv()} reads the API key from. */
  static final String API_KEY_ENV = "MOGU_API_KEY";

  /** The optional environment variable {@link #fromEnv()} reads the base URL from. */
  static final String BASE_URL_ENV = "MOGU_BASE_URL";

  private MoguCanceller(Engine engine) {
    super(engine);
  }

  /**
   * A builder; {@link Builder#apiKey} is required, the base URL defaults to Mogu's production API.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A canceller with defaults, the key from {@code MOGU_API_KEY} and, when set, the base URL from
   * {@code MOGU_BASE_URL}.
   *
   * @return a new canceller
   * @throws IllegalStateException if {@code MOGU_API_KEY} is unset or blank
   * @throws IllegalArgumentException if {@code MOGU_BASE_URL} is not a usable base URL
   */
  public static MoguCanceller fromEnv() {
    return fromEnv(System::getenv);
  }

  static MoguCanceller fromEnv(Function<String, String> env) {
    return builderFromEnv(env).build();
  }

  /** A builder configured from {@code env} as {@link #fromEnv()} reads it. */
  static Builder builderFromEnv(Function<String, String> env) {
    return Env.baseUrl(env, BASE_URL_ENV, builder().apiKey(Env.require(env, API_KEY_ENV)));
  }

  /**
   * Options of a {@link MoguCanceller}: {@code apiKey} is required ({@code build()} throws {@link
   * IllegalStateException} without it); the base URL defaults to {@code
   * https://trips.api.moguplatform.com}. Not thread-safe, build once and share the canceller.
   */
  public static final class Builder extends VendorBuilder<Builder, MoguCanceller> {
    private Builder() {}

    @Override
    protected MoguCanceller build(EngineClock clock) {
      return build(settings(DEFAULT_BASE_URL).withClock(clock));
    }

    /**
     * A canceller that may have no key: Mogu's status GET is public, so it reads jobs; a cancel
     * without a key gets Mogu's own 401 {@code missing_api_key}.
     */
    MoguCanceller buildForStatus() {
      return build(settingsWithOptionalKey(DEFAULT_BASE_URL));
    }

    private MoguCanceller build(ClientSettings s) {
      MoguApi api = HttpClients.retrofit(s, Auth.bearer()).create(MoguApi.class);
      // Mogu documents no idempotency header and no ETag: both engine hints are dropped here.
      VendorCalls calls =
          VendorCalls.of((id, idempotencyKey) -> api.cancel(id), (id, etag) -> api.status(id));
      return new MoguCanceller(new Engine(s, new MoguMapper(), calls));
    }
  }

  /** Registers Mogu with {@link java.util.ServiceLoader}; for tools, not for application code. */
  public static final class Provider extends VendorProvider<Builder> {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {
      super(
          MoguMapper.PROVIDER,
          List.of(API_KEY_ENV),
          List.of(BASE_URL_ENV),
          MoguCanceller::builderFromEnv,
          Builder::build);
    }

    /** Needs no {@code MOGU_API_KEY}: Mogu's status GET is public. */
    @Override
    public JobCanceller forStatus(
        Function<String, String> env, Consumer<? super CancellerBuilder<?>> options) {
      Builder builder = builder();
      String key = Env.optional(env, API_KEY_ENV);
      if (key != null) builder.apiKey(key);
      Env.baseUrl(env, BASE_URL_ENV, builder);
      options.accept(builder);
      return builder.buildForStatus();
    }
  }
}
