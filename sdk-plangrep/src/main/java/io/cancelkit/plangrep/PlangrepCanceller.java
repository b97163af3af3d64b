package io.cancelkit.plangrep;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Cancels Plangrep jobs ({@code POST /jobs/{jobId}/cancel} under {@code
 * https://plangrep.com/api/open/v1}, {@code Authorization: Bearer}) and reads them ({@code GET
 * /jobs/{jobId}}). Instances are immutable and thread-safe; share one per key.
 *
 * <ul>
 *   <li>{@code cancel} and {@code cancelAsync}: {@link Cancelled} (with the job's snapshot when
 *       Plangrep answered with it), {@link CancelPending} while the job is still stopping, {@link
 *       AlreadyFinished} when it had completed, failed or expired, {@link NotCancellable} when
 *       Plangrep refused a job that is still running, {@link NotFound}, or {@link Failed} (also for
 *       a status word this SDK does not know, which confirms no cancel). Cancelling the async
 *       future aborts only the local call.
 *   <li>{@code status}: reads the job ({@code GET /jobs/{jobId}}); its attributes hold Plangrep's
 *       whole job object; a {@link JobCancelException} if the job cannot be read ({@code NOT_FOUND}
 *       for an unknown job).
 *   <li>{@code cancelAndAwait}: cancels, then polls until the job is terminal: {@link Cancelled},
 *       {@link AlreadyFinished}, or {@link CancelPending} when {@code timeout} passes first; any
 *       other cancel outcome at once.
 *   <li>{@code toString}: describes the settings; never shows the key.
 * </ul>
 */
// exports: the engine's base types (EngineCanceller, VendorBuilder, VendorProvider, EngineClock) are
// exported only to the vendor modules; application code sees just the public methods they declare,
// which the module-path consumer test (ModulePathIT) compiles and calls.
@SuppressWarnings("exports")
public final class PlangrepCanceller extends EngineCanceller {
  /** Plangrep's production API, used when no base URL is set. */
  static final String DEFAULT_BASE_URL = "https://plangrep.com/api/open/v1";

  /** The environment variable {@link #fromEnv()} reads the API key from. */
  static final String API_KEY_ENV = "PLANGREP_API_KEY";

  /** The optional environment variable {@link #fromEnv()} reads the base URL from. */
  static final String BASE_URL_ENV = "PLANGREP_BASE_URL";

  /** Plangrep asks to poll no faster than every 5 s; 6 s stays above that after -10 % jitter. */
  private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(6);

  private PlangrepCanceller(Engine engine) {
    super(engine);
  }

  /**
   * Returns a builder; {@code apiKey} is required.
   *
   * @return a new builder with the defaults, the poll interval at 6 s
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A canceller with defaults, the key from {@code PLANGREP_API_KEY} and, when set, the base URL
   * from {@code PLANGREP_BASE_URL}.
   *
   * @return a new canceller
   * @throws IllegalStateException if {@code PLANGREP_API_KEY} is unset or blank
   * @throws IllegalArgumentException if {@code PLANGREP_BASE_URL} is not a usable base URL
   */
  public static PlangrepCanceller fromEnv() {
    return fromEnv(System::getenv);
  }

  static PlangrepCanceller fromEnv(Function<String, String> env) {
    return builderFromEnv(env).build();
  }

  /** A builder configured from {@code env} as {@link #fromEnv()} reads it. */
  static Builder builderFromEnv(Function<String, String> env) {
    return Env.baseUrl(env, BASE_URL_ENV, builder().apiKey(Env.require(env, API_KEY_ENV)));
  }

  /**
   * Pages and credits of a Plangrep job snapshot; Plangrep may bill pages that it processed before
   * a cancel took effect, and these numbers say how many.
   *
   * @param pageCount the job's {@code pageCount}; empty where it is absent or not a whole number
   * @param successfulPageCount the job's {@code successfulPageCount}; empty likewise
   * @param creditsDebited the job's {@code billing.creditsDebited}; empty where absent or not a
   *     number
   */
  public record Usage(
      OptionalLong pageCount, OptionalLong successfulPageCount, OptionalDouble creditsDebited) {
    /**
     * Checks the components.
     *
     * @param pageCount the job's page count; not null, empty when unknown
     * @param successfulPageCount the job's successful page count; not null, empty when unknown
     * @param creditsDebited the credits debited; not null, empty when unknown
     * @throws NullPointerException if a component is null
     */
    public Usage {
      Objects.requireNonNull(pageCount, "pageCount == null");
      Objects.requireNonNull(successfulPageCount, "successfulPageCount == null");
      Objects.requireNonNull(creditsDebited, "creditsDebited == null");
    }
  }

  /**
   * Reads pages and credits from a snapshot of a Plangrep job (from {@link Cancelled#snapshot()},
   * {@link CancelPending#snapshot()} or {@link #status}); never fails on the vendor's values.
   *
   * @param snapshot a snapshot whose {@link JobSnapshot#provider()} is {@code plangrep}
   * @return the usage; each value is empty where the job object lacks it
   * @throws NullPointerException if {@code snapshot} is null
   * @throws IllegalArgumentException if {@code snapshot} is another vendor's
   */
  public static Usage usage(JobSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot == null");
    if (!PlangrepMapper.PROVIDER.equals(snapshot.provider())) {
      throw new IllegalArgumentException("not a plangrep snapshot: " + snapshot.provider());
    }
    Map<String, Object> job = snapshot.attributes();
    Object billing = job.get("billing");
    Object credits = billing instanceof Map<?, ?> b ? b.get("creditsDebited") : null;
    return new Usage(
        wholeNumber(job.get("pageCount")),
        wholeNumber(job.get("successfulPageCount")),
        credits instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty());
  }

  private static OptionalLong wholeNumber(Object value) {
    if (!(value instanceof Number n)) return OptionalLong.empty();
    double d = n.doubleValue();
    // JSON numbers arrive as doubles; a count beyond 2^53 or with a fraction is not a page count.
    return d == Math.rint(d) && Math.abs(d) <= 0x1p53
        ? OptionalLong.of((long) d)
        : OptionalLong.empty();
  }

  /**
   * Configures a {@link PlangrepCanceller}: {@code apiKey} is required ({@code build()} throws
   * {@link IllegalStateException} without it); the base URL defaults to {@code
   * https://plangrep.com/api/open/v1} and the poll interval to 6 s (Plangrep: no faster than 5 s).
   */
  public static final class Builder extends VendorBuilder<Builder, PlangrepCanceller> {
    private Builder() {
      pollInterval(DEFAULT_POLL_INTERVAL);
    }

    @Override
    protected PlangrepCanceller build(EngineClock clock) {
      ClientSettings s = settings(DEFAULT_BASE_URL).withClock(clock);
      PlangrepApi api = HttpClients.retrofit(s, Auth.bearer()).create(PlangrepApi.class);
      // Plangrep documents neither an Idempotency-Key nor an ETag; the settling GET makes a
      // repeated cancel safe instead.
      VendorCalls calls = VendorCalls.of((id, key) -> api.cancel(id), (id, etag) -> api.job(id));
      return new PlangrepCanceller(new Engine(s, new PlangrepMapper(), calls));
    }
  }

  /** Registers Plangrep with {@link java.util.ServiceLoader}; for tools, not application code. */
  public static final class Provider extends VendorProvider<Builder> {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {
      super(
          PlangrepMapper.PROVIDER,
          List.of(API_KEY_ENV),
          List.of(BASE_URL_ENV),
          PlangrepCanceller::builderFromEnv,
          Builder::build);
    }
  }
}
