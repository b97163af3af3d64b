package io.cancelkit.omni;

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
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Cancels Omni AI jobs ({@code POST /v1/ai/jobs/{jobId}/cancel}, {@code Authorization: Bearer})
 * and reads them ({@code GET /v1/ai/jobs/{jobId}}). Job ids must be UUIDs (else an {@link
 * IllegalArgumentException}). Instances are immutable and thread-safe; share one.
 *
 * <ul>
 *   <li>{@code cancel} and {@code cancelAsync}: {@link Cancelled} (also when it already was),
 *       {@link CancelPending} (QUEUED or EXECUTING), {@link AlreadyFinished} (COMPLETE, FAILED),
 *       {@link NotCancellable} with stage {@code DELIVERING}, {@link NotFound}, otherwise {@link
 *       Failed}; a 400 is decided by one GET of the job. Cancelling the async future only aborts
 *       the HTTP call, never the job.
 *   <li>{@code status}: the snapshot's stage is the state word for EXECUTING and DELIVERING; a
 *       {@link JobCancelException} if the job cannot be read, with {@code NOT_FOUND} for an
 *       unknown job.
 *   <li>{@code cancelAndAwait}: cancels, then polls until the job is terminal: {@link Cancelled},
 *       {@link AlreadyFinished}, {@link CancelPending} when {@code timeout} passes first, or the
 *       cancel's own outcome when it was not pending.
 *   <li>{@code toString}: the settings, without the key.
 * </ul>
 */
// exports: the engine's base types (EngineCanceller, VendorBuilder, VendorProvider, EngineClock) are
// exported only to the vendor modules; application code sees just the public methods they declare,
// which the module-path consumer test (ModulePathIT) compiles and calls.
@SuppressWarnings("exports")
public final class OmniCanceller extends EngineCanceller {
  /** The environment variable {@link #fromEnv()} reads the API key from. */
  static final String API_KEY_ENV = "OMNI_API_KEY";

  /** The environment variable {@link #fromEnv()} reads the production instance's name from. */
  static final String INSTANCE_ENV = "OMNI_INSTANCE";

  /** The environment variable {@link #fromEnv()} reads a base URL from; it wins over the instance. */
  static final String BASE_URL_ENV = "OMNI_BASE_URL";

  private OmniCanceller(Engine engine) {
    super(engine);
  }

  /**
   * A builder; set {@code apiKey} and one of {@code instance}, {@code playground} or {@code baseUrl}.
   *
   * @return a new builder, without a target
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A canceller with defaults, the key from {@code OMNI_API_KEY} and the target from {@code
   * OMNI_BASE_URL} when set, else the production instance named by {@code OMNI_INSTANCE}.
   *
   * @return a new canceller
   * @throws IllegalStateException if {@code OMNI_API_KEY} is unset or blank, or both {@code
   *     OMNI_BASE_URL} and {@code OMNI_INSTANCE} are
   * @throws IllegalArgumentException if {@code OMNI_BASE_URL} is not a usable base URL or {@code
   *     OMNI_INSTANCE} is not a DNS label
   */
  public static OmniCanceller fromEnv() {
    return fromEnv(System::getenv);
  }

  static OmniCanceller fromEnv(Function<String, String> env) {
    return builderFromEnv(env).build();
  }

  /** A builder configured from {@code env} as {@link #fromEnv()} reads it. */
  static Builder builderFromEnv(Function<String, String> env) {
    Builder builder = builder().apiKey(Env.require(env, API_KEY_ENV));
    if (Env.optional(env, BASE_URL_ENV) != null) {
      Env.baseUrl(env, BASE_URL_ENV, builder);
      return builder;
    }
    String instance = Env.optional(env, INSTANCE_ENV);
    if (instance == null) {
      throw new IllegalStateException(
          "environment variable " + INSTANCE_ENV + " (or " + BASE_URL_ENV + ") is not set");
    }
    return builder.instance(instance);
  }

  /**
   * Builds an {@link OmniCanceller}: {@code apiKey} and one target, {@code instance}, {@code
   * playground} or {@code baseUrl}, are required (the last one set wins; {@code build()} throws
   * {@link IllegalStateException} without them); the other options as in {@link CancellerBuilder}.
   * Not thread-safe.
   */
  public static final class Builder extends VendorBuilder<Builder, OmniCanceller> {
    /** RFC 1123 label: letters, digits and inner hyphens, 1 to 63 characters. */
    private static final Pattern DNS_LABEL =
        Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private boolean targetSet;

    private Builder() {}

    /**
     * Targets the production instance {@code https://{name}.omniapp.co/api}.
     *
     * @param name the organization's subdomain only, such as {@code acme}: a DNS label of letters,
     *     digits and inner hyphens, at most 63 characters
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if it is not such a label
     */
    public Builder instance(String name) {
      return baseUrl("https://" + label(name) + ".omniapp.co/api");
    }

    /**
     * Targets the playground instance {@code https://{name}.playground.exploreomni.dev/api}.
     *
     * @param name the organization's subdomain only, such as {@code acme}: a DNS label of letters,
     *     digits and inner hyphens, at most 63 characters
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if it is not such a label
     */
    public Builder playground(String name) {
      return baseUrl("https://" + label(name) + ".playground.exploreomni.dev/api");
    }

    /** Targets any URL, such as a proxy or a mock server; its path prefix (e.g. {@code /api}) is kept. */
    @Override
    public Builder baseUrl(String baseUrl) {
      super.baseUrl(baseUrl);
      targetSet = true;
      return this;
    }

    private static String label(String name) {
      Objects.requireNonNull(name, "instance == null");
      if (!DNS_LABEL.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "instance must be a DNS label (letters, digits and inner hyphens, at most 63), the "
                + "subdomain only, such as \"acme\" for https://acme.omniapp.co/api; use "
                + "baseUrl(..) for a full URL. Got: \"" + name + "\"");
      }
      return name;
    }

    @Override
    protected OmniCanceller build(EngineClock clock) {
      if (!targetSet) {
        // Omni has no shared production host: every organization has its own subdomain.
        throw new IllegalStateException(
            "Omni needs a target: instance(\"acme\") for https://acme.omniapp.co/api, "
                + "playground(\"acme\") for https://acme.playground.exploreomni.dev/api, "
                + "or baseUrl(..) for any other URL");
      }
      // The target is always set here, so no default base URL is needed.
      ClientSettings s = settings(null).withClock(clock);
      OmniApi api = HttpClients.retrofit(s, Auth.bearer()).create(OmniApi.class);
      // Omni documents neither an idempotency header nor ETags: both arguments are dropped.
      VendorCalls calls = VendorCalls.of((id, key) -> api.cancel(id), (id, etag) -> api.job(id));
      return new OmniCanceller(new Engine(s, new OmniMapper(), calls));
    }
  }

  /**
   * Registers Omni with {@link java.util.ServiceLoader}; for tools, not for application code. Of
   * its optional variables, {@code OMNI_INSTANCE} or {@code OMNI_BASE_URL} must be set too.
   */
  public static final class Provider extends VendorProvider<Builder> {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {
      super(
          OmniMapper.PROVIDER,
          List.of(API_KEY_ENV),
          List.of(INSTANCE_ENV, BASE_URL_ENV),
          OmniCanceller::builderFromEnv,
          Builder::build);
    }

    /** Omni's documented 60 requests a minute per key, reads and writes alike (api/rate-limits). */
    @Override
    public List<RateLimit> rateLimits() {
      return List.of(RateLimit.of(60, Duration.ofMinutes(1)));
    }

    /** True when {@code OMNI_API_KEY} and one of {@code OMNI_INSTANCE}, {@code OMNI_BASE_URL} are set. */
    @Override
    public boolean isConfigured(Function<String, String> env) {
      return super.isConfigured(env)
          && (Env.optional(env, INSTANCE_ENV) != null || Env.optional(env, BASE_URL_ENV) != null);
    }
  }
}
