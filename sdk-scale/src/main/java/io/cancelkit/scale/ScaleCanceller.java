package io.cancelkit.scale;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.internal.Auth;
import io.cancelkit.core.internal.ClientSettings;
import io.cancelkit.core.internal.Engine;
import io.cancelkit.core.internal.EngineCanceller;
import io.cancelkit.core.internal.EngineClock;
import io.cancelkit.core.internal.Env;
import io.cancelkit.core.internal.HttpClients;
import io.cancelkit.core.internal.JobIds;
import io.cancelkit.core.internal.VendorBuilder;
import io.cancelkit.core.internal.VendorCalls;
import io.cancelkit.core.internal.VendorProvider;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Cancels Scale GP Dex jobs ({@code POST /v1/projects/{projectId}/jobs/{jobId}/cancel}),
 * authenticated by {@code x-api-key} and {@code x-selected-account-id}.
 *
 * <p>The project given to the builder, if any, is the default one; {@link #forProject} and {@link
 * #cancel(String, String)} name a project per call over the same HTTP client. A job id {@code
 * project/job} names its project (the form of a {@code JobRef}, {@code scale:proj_123/job_456}); a
 * bare id is in the default project, and without one the calls throw {@link
 * IllegalStateException}. Instances are immutable and thread-safe; share one.
 *
 * <ul>
 *   <li>{@code cancel} and {@code cancelAsync}: {@link Cancelled} (200, cancelled now or before),
 *       {@link CancelPending} (202 for a running job, or 200 for a job still pending or running),
 *       {@link AlreadyFinished} (it had succeeded or failed), {@link NotCancellable} (400 while the
 *       job still runs), {@link NotFound} (404: no such project or job), or {@link Failed} (422, an
 *       unknown status word and other errors, after retries). Cancelling the async future aborts
 *       only the HTTP call.
 *   <li>{@code status}: reads the job ({@code GET /v1/projects/{projectId}/jobs/{jobId}}); its
 *       {@code attributes()} hold the whole JobEntity; a {@link JobCancelException} if the job
 *       cannot be read; {@code NOT_FOUND} for an unknown job.
 *   <li>{@code cancelAndAwait}: cancels, then polls until the job is terminal: {@link Cancelled},
 *       {@link AlreadyFinished}, {@link CancelPending} when {@code timeout} passes first, or the
 *       cancel's own outcome.
 *   <li>{@code toString}: the settings, project and account; never the API key.
 * </ul>
 */
// exports: the engine's base types (EngineCanceller, VendorBuilder, VendorProvider, EngineClock) are
// exported only to the vendor modules; application code sees just the public methods they declare,
// which the module-path consumer test (ModulePathIT) compiles and calls.
@SuppressWarnings("exports")
public final class ScaleCanceller extends EngineCanceller {
  /** Dex's production API, used when no base URL is set. */
  static final String DEFAULT_BASE_URL = "https://dex.sgp.scale.com";

  /** The environment variable {@link #fromEnv()} reads the API key from. */
  static final String API_KEY_ENV = "SGP_API_KEY";

  /** The environment variable {@link #fromEnv()} reads the account id from. */
  static final String ACCOUNT_ID_ENV = "SGP_ACCOUNT_ID";

  /** The optional environment variable {@link #fromEnv()} reads the default project from. */
  static final String PROJECT_ID_ENV = "SGP_PROJECT_ID";

  /** The optional environment variable {@link #fromEnv()} reads the base URL from. */
  static final String BASE_URL_ENV = "SGP_BASE_URL";

  private final ScaleApi api;
  private final String accountId;
  /** Null without a default project: then only the project-taking methods work. */
  private final String projectId;

  /** {@code engine} sends the calls of {@code projectId}; it is never called while that is null. */
  private ScaleCanceller(Engine engine, ScaleApi api, String accountId, String projectId) {
    super(engine);
    this.api = api;
    this.accountId = accountId;
    this.projectId = projectId;
  }

  /** The two Dex calls for the jobs of one project, as the given account. */
  private static VendorCalls calls(ScaleApi api, String accountId, String projectId) {
    // No Idempotency-Key: Dex documents none, and its cancel is idempotent by itself ("cancelling
    // an already-cancelled job returns 200"). get-job documents no ETag, so none is ever sent.
    return VendorCalls.of(
        (jobId, idempotencyKey) -> api.cancel(projectId, jobId, accountId),
        (jobId, etag) -> api.job(projectId, jobId, accountId));
  }

  /**
   * A builder; {@code apiKey} and {@code accountId} are required, {@code projectId} optional.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A canceller from {@code SGP_API_KEY} and {@code SGP_ACCOUNT_ID} (required), {@code
   * SGP_PROJECT_ID} (the default project) and {@code SGP_BASE_URL} (optional), with defaults for
   * everything else.
   *
   * @return a new canceller; without {@code SGP_PROJECT_ID}, one whose calls name their project
   * @throws IllegalStateException naming the first required variable that is unset or blank
   * @throws IllegalArgumentException if a variable's value is malformed
   */
  public static ScaleCanceller fromEnv() {
    return fromEnv(System::getenv);
  }

  static ScaleCanceller fromEnv(Function<String, String> env) {
    return builderFromEnv(env).build();
  }

  /** A builder configured from {@code env} as {@link #fromEnv()} reads it. */
  static Builder builderFromEnv(Function<String, String> env) {
    Builder builder =
        builder()
            .apiKey(Env.require(env, API_KEY_ENV))
            .accountId(Env.require(env, ACCOUNT_ID_ENV));
    String projectId = Env.optional(env, PROJECT_ID_ENV);
    if (projectId != null) builder.projectId(projectId);
    Env.baseUrl(env, BASE_URL_ENV, builder);
    return builder;
  }

  /**
   * This canceller bound to {@code projectId} instead, sharing its HTTP client, key, account and
   * settings; cheap, so it may be called per request.
   *
   * @param projectId the Dex project whose jobs the returned canceller reaches
   * @return a canceller of that project; this one when it is already bound to it
   * @throws IllegalArgumentException if {@code projectId} is null, blank or malformed
   */
  public ScaleCanceller forProject(String projectId) {
    JobIds.requireValid("projectId", projectId);
    if (projectId.equals(this.projectId)) return this;
    return new ScaleCanceller(
        engine.withCalls(calls(api, accountId, projectId)), api, accountId, projectId);
  }

  /**
   * Cancels {@code jobId} in {@code projectId} rather than the default project; outcomes as {@link
   * #cancel(String)}.
   *
   * @param projectId the Dex project that holds the job
   * @param jobId the job's id within that project
   * @return what became of the request
   * @throws IllegalArgumentException if either id is null, blank or malformed; nothing is sent
   */
  public CancelOutcome cancel(String projectId, String jobId) {
    return forProject(projectId).cancel(jobId);
  }

  /**
   * Runs {@code call} on the engine of the job's project: {@code project/job} names its project (the
   * form of a {@code JobRef}, {@code scale:proj_123/job_456}); a bare id is in the default project.
   */
  @Override
  protected <T> T route(String jobId, BiFunction<Engine, String, T> call) {
    int slash = jobId == null ? -1 : jobId.indexOf('/');
    if (slash < 0) return call.apply(defaultEngine(jobId), jobId);
    String job = jobId.substring(slash + 1);
    return call.apply(forProject(jobId.substring(0, slash)).defaultEngine(job), job);
  }

  /** The engine of the default project; without one, a clear error after the id checks. */
  private Engine defaultEngine(String jobId) {
    if (projectId != null) return engine;
    JobIds.requireValid("jobId", jobId);
    throw new IllegalStateException(
        "no default project: set projectId(..) or SGP_PROJECT_ID, or use cancel(projectId, jobId)"
            + " or forProject(projectId)");
  }

  /** The settings, project and account; never the API key. */
  @Override
  public String toString() {
    return "ScaleCanceller{projectId="
        + projectId
        + ", accountId="
        + accountId
        + ", settings="
        + engine.settings()
        + '}';
  }

  /**
   * Configures a {@link ScaleCanceller}: {@code apiKey} and {@code accountId} are required ({@code
   * build()} throws {@link IllegalStateException} naming the one that is missing). Not thread-safe.
   */
  public static final class Builder extends VendorBuilder<Builder, ScaleCanceller> {
    private String accountId;
    private String projectId;

    private Builder() {}

    /**
     * The Scale account to act in, sent as {@code x-selected-account-id}; required.
     *
     * @param accountId the account id, printable ASCII
     * @return this builder
     * @throws IllegalArgumentException if it is null, blank or cannot be sent in a header
     */
    public Builder accountId(String accountId) {
      this.accountId = checkAccountId(accountId);
      return this;
    }

    /**
     * The default project of {@code cancel(jobId)}, {@code cancelAsync}, {@code status} and {@code
     * cancelAndAwait}; without one those throw {@link IllegalStateException}, and projects are
     * named per call with {@link ScaleCanceller#cancel(String, String)} or {@link
     * ScaleCanceller#forProject}.
     *
     * @param projectId the project's id
     * @return this builder
     * @throws IllegalArgumentException if it is null, blank or malformed (as a job id)
     */
    public Builder projectId(String projectId) {
      this.projectId = JobIds.requireValid("projectId", projectId);
      return this;
    }

    @Override
    protected ScaleCanceller build(EngineClock clock) {
      ClientSettings s = settings(DEFAULT_BASE_URL).withClock(clock);
      if (accountId == null) throw new IllegalStateException("accountId is required");
      ScaleApi api = HttpClients.retrofit(s, Auth.header("x-api-key")).create(ScaleApi.class);
      Engine engine = new Engine(s, new ScaleMapper(), calls(api, accountId, projectId));
      return new ScaleCanceller(engine, api, accountId, projectId);
    }

    private static String checkAccountId(String accountId) {
      if (accountId == null) throw new IllegalArgumentException("accountId is null");
      if (accountId.isBlank()) throw new IllegalArgumentException("accountId is blank");
      for (int i = 0; i < accountId.length(); i++) {
        char c = accountId.charAt(i);
        // A header value: control characters would allow header injection, and OkHttp refuses
        // anything outside printable ASCII only when the request is sent.
        if (c < 0x20 || c > 0x7e) {
          throw new IllegalArgumentException(
              "accountId contains a character that cannot be sent in a header (U+"
                  + String.format("%04X", (int) c)
                  + ") at index "
                  + i);
        }
      }
      return accountId;
    }
  }

  /** Registers Scale with {@link java.util.ServiceLoader}; for tools, not for application code. */
  public static final class Provider extends VendorProvider<Builder> {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {
      super(
          ScaleMapper.PROVIDER,
          List.of(API_KEY_ENV, ACCOUNT_ID_ENV),
          List.of(PROJECT_ID_ENV, BASE_URL_ENV),
          ScaleCanceller::builderFromEnv,
          Builder::build);
    }
  }
}
