package io.cancelkit.omni;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.internal.ClientSettings;
import io.cancelkit.core.internal.Env;
import io.cancelkit.core.internal.HttpCanceller;
import io.cancelkit.core.internal.HttpClients;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import retrofit2.Retrofit;

/**
 * Cancels Omni AI jobs ({@code POST /v1/ai/jobs/{jobId}/cancel}) through {@link JobCanceller}.
 *
 * <p>Job ids must be UUIDs. Instances are immutable and thread-safe; share one.
 */
public final class OmniCanceller implements JobCanceller {
  private final HttpCanceller engine;

  private OmniCanceller(HttpCanceller engine) {
    this.engine = engine;
  }

  /** A builder; set {@code apiKey} and one of {@code instance}, {@code playground} or {@code baseUrl}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A canceller for the production instance named by {@code OMNI_INSTANCE}, keyed by {@code OMNI_API_KEY}. */
  public static OmniCanceller fromEnv() {
    return fromEnv(System::getenv);
  }

  static OmniCanceller fromEnv(Function<String, String> env) {
    return builder()
        .apiKey(Env.require(env, "OMNI_API_KEY"))
        .instance(Env.require(env, "OMNI_INSTANCE"))
        .build();
  }

  /** The engine's settings, for tests of the builder. */
  ClientSettings settings() {
    return engine.settings();
  }

  /** Returns {@code "omni"}. */
  @Override
  public String provider() {
    return engine.provider();
  }

  /**
   * Cancels the job: {@code Cancelled} (also when it already was), {@code CancelPending} (QUEUED or
   * EXECUTING), {@code AlreadyFinished} (COMPLETE, FAILED), {@code NotCancellable("DELIVERING")},
   * {@code NotFound}, or {@code Failed}; throws only {@code IllegalArgumentException} for a non-UUID id.
   */
  @Override
  public CancelOutcome cancel(String jobId) {
    return engine.cancel(jobId);
  }

  /** {@link #cancel} without blocking a thread; cancelling the future aborts only the local call. */
  @Override
  public CompletableFuture<CancelOutcome> cancelAsync(String jobId) {
    return engine.cancelAsync(jobId);
  }

  /**
   * Reads the job ({@code GET /v1/ai/jobs/{jobId}}); the snapshot's stage is the state word for
   * EXECUTING and DELIVERING; throws {@code JobCancelException} on failure (NOT_FOUND for a 404).
   */
  @Override
  public JobSnapshot status(String jobId) {
    return engine.status(jobId);
  }

  /**
   * Cancels, then polls until the job is terminal or {@code timeout} passes: {@code Cancelled},
   * {@code AlreadyFinished}, {@code CancelPending} at the deadline, or what {@link #cancel} returned.
   */
  @Override
  public CancelOutcome cancelAndAwait(String jobId, Duration timeout) {
    return engine.cancelAndAwait(jobId, timeout);
  }

  /** The provider and settings, never the key. */
  @Override
  public String toString() {
    return engine.toString();
  }

  /**
   * Configures an {@link OmniCanceller}: {@code apiKey} and exactly one target, {@code instance},
   * {@code playground} or {@code baseUrl}; the last one set wins. Not thread-safe.
   */
  public static final class Builder extends CancellerBuilder<Builder> {
    /** RFC 1123 label: letters, digits and inner hyphens, 1 to 63 characters. */
    private static final Pattern DNS_LABEL =
        Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private boolean targetSet;

    private Builder() {}

    /** Targets the production instance {@code https://{name}.omniapp.co/api}. */
    public Builder instance(String name) {
      return baseUrl("https://" + label(name) + ".omniapp.co/api");
    }

    /** Targets the playground instance {@code https://{name}.playground.exploreomni.dev/api}. */
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
    protected Builder self() {
      return this;
    }

    /** Builds the canceller; throws {@code IllegalStateException} when the key or the target is missing. */
    public OmniCanceller build() {
      if (!targetSet) {
        // Omni has no shared production host: every organization has its own subdomain.
        throw new IllegalStateException(
            "Omni needs a target: instance(\"acme\") for https://acme.omniapp.co/api, "
                + "playground(\"acme\") for https://acme.playground.exploreomni.dev/api, "
                + "or baseUrl(..) for any other URL");
      }
      // The target is always set here, so the engine's default base URL is never used.
      ClientSettings s = settings(null);
      Retrofit r = HttpClients.retrofit(s);
      OmniApi api = r.create(OmniApi.class);
      return new OmniCanceller(new HttpCanceller(s, new OmniMapper(api, s.apiKey())));
    }
  }
}
