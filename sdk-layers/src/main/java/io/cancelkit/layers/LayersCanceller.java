package io.cancelkit.layers;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.RateLimit;
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
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Cancels Layers jobs ({@code POST /v1/jobs/{jobId}/cancel}, {@code Authorization: Bearer}) and
 * reads them ({@code GET /v1/jobs/{jobId}}); every logical cancel sends one {@code
 * Idempotency-Key}, the same on each retry. Instances are immutable and thread-safe; share one.
 *
 * <ul>
 *   <li>{@code cancel} and {@code cancelAsync}: {@link CancelPending} when the signal was accepted
 *       (202); {@link Cancelled}, or {@link AlreadyFinished} with the reason as provider status,
 *       when the job was already terminal (200 {@code accepted:false}); {@link NotCancellable} with
 *       {@code details.stage} when the current stage refuses (409); {@link NotFound} (404);
 *       otherwise {@link Failed}. Cancelling the async future only aborts the HTTP call, never the
 *       job.
 *   <li>{@code status}: state from {@code status}, stage from {@code stage}, updatedAt from {@code
 *       finishedAt} or else {@code startedAt}; a {@link JobCancelException} if the job cannot be
 *       read, with {@code NOT_FOUND} for an unknown job.
 *   <li>{@code cancelAndAwait}: cancels, then polls with {@code If-None-Match} until the job is
 *       terminal: {@link Cancelled}, {@link AlreadyFinished}, {@link CancelPending} when {@code
 *       timeout} passes first, or the cancel's own outcome when it was not pending.
 *   <li>{@code toString}: the settings, without the key.
 * </ul>
 *
 * <p>The stages that refuse cancel, from Layers' table; a cancel in one of them is {@link
 * NotCancellable} with that {@code stage()}:
 *
 * <table class="striped">
 *   <caption>Layers job kinds and the stages in which a cancel is refused</caption>
 *   <thead><tr><th scope="col">kind</th><th scope="col">stages that refuse cancel</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@code project_ingest_github}</td><td>{@code opening_pr}, {@code finalizing}</td></tr>
 *     <tr><td>{@code project_ingest_website}</td><td>{@code persisting}</td></tr>
 *     <tr><td>{@code content_generate}, {@code content_regenerate}, {@code content_clone_from_post}</td>
 *         <td>{@code finalizing}</td></tr>
 *     <tr><td>{@code influencer_create}, {@code appstore_ingest}</td><td>{@code persisting}</td></tr>
 *     <tr><td>{@code marketing_bootstrap}</td><td>every stage ({@code project_create} through
 *         {@code finalizing})</td></tr>
 *     <tr><td>{@code ad_optimizer_run}</td><td>{@code applying_actions}, {@code finalizing}</td></tr>
 *     <tr><td>{@code project_keywords_refresh}</td><td>{@code finalizing}</td></tr>
 *   </tbody>
 * </table>
 */
// exports: the engine's base types (EngineCanceller, VendorBuilder, VendorProvider, EngineClock) are
// exported only to the vendor modules; application code sees just the public methods they declare,
// which the module-path consumer test (ModulePathIT) compiles and calls.
@SuppressWarnings("exports")
public final class LayersCanceller extends EngineCanceller {
  /** Layers' production API, used when no base URL is set. */
  static final String DEFAULT_BASE_URL = "https://api.layers.com";

  /** The environment variable {@link #fromEnv()} reads the API key from. */
  static final String API_KEY_ENV = "LAYERS_API_KEY";

  /** The optional environment variable {@link #fromEnv()} reads the base URL from. */
  static final String BASE_URL_ENV = "LAYERS_BASE_URL";

  private LayersCanceller(Engine engine) {
    super(engine);
  }

  /**
   * A builder; {@link Builder#apiKey} is required.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A canceller with defaults, the key from {@code LAYERS_API_KEY} and, when set, the base URL from
   * {@code LAYERS_BASE_URL}.
   *
   * @return a new canceller
   * @throws IllegalStateException if {@code LAYERS_API_KEY} is unset or blank
   * @throws IllegalArgumentException naming {@code LAYERS_BASE_URL} if it is not a usable base URL
   */
  public static LayersCanceller fromEnv() {
    return fromEnv(System::getenv);
  }

  static LayersCanceller fromEnv(Function<String, String> env) {
    return builderFromEnv(env).build();
  }

  /** A builder configured from {@code env} as {@link #fromEnv()} reads it. */
  static Builder builderFromEnv(Function<String, String> env) {
    return Env.baseUrl(env, BASE_URL_ENV, builder().apiKey(Env.require(env, API_KEY_ENV)));
  }

  /**
   * Builds a {@link LayersCanceller}: {@code apiKey} is required ({@code build()} throws {@link
   * IllegalStateException} without it); the base URL defaults to {@code https://api.layers.com},
   * the other options as in {@link CancellerBuilder}.
   */
  public static final class Builder extends VendorBuilder<Builder, LayersCanceller> {
    private Builder() {}

    @Override
    protected LayersCanceller build(EngineClock clock) {
      ClientSettings s = settings(DEFAULT_BASE_URL).withClock(clock);
      LayersApi api = HttpClients.retrofit(s, Auth.bearer()).create(LayersApi.class);
      return new LayersCanceller(
          new Engine(s, new LayersMapper(), VendorCalls.of(api::cancel, api::job)));
    }
  }

  /** Registers Layers with {@link java.util.ServiceLoader}; for tools, not for application code. */
  public static final class Provider extends VendorProvider<Builder> {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {
      super(
          LayersMapper.PROVIDER,
          List.of(API_KEY_ENV),
          List.of(BASE_URL_ENV),
          LayersCanceller::builderFromEnv,
          Builder::build);
    }

    /** Layers' standard tier, per key, in separate buckets: 60 writes and 120 reads a minute. */
    @Override
    public List<RateLimit> rateLimits() {
      return List.of(
          new RateLimit(RateLimit.Kind.WRITES, 60, Duration.ofMinutes(1)),
          new RateLimit(RateLimit.Kind.READS, 120, Duration.ofMinutes(1)));
    }
  }
}
