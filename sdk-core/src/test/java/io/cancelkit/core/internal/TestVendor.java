package io.cancelkit.core.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.RateLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * A minimal vendor that exercises the engine: 202 {@code {accepted}}, 200 with the job, 409
 * TERMINAL settled by a GET, everything else left to {@link Defaults}.
 */
final class TestVendor {
  static final String PROVIDER = "test";
  static final String DEFAULT_BASE_URL = "https://api.test.invalid";

  private TestVendor() {}

  /** The test vendor's endpoints; the key is added by the engine's client. */
  interface Api {
    @Streaming
    @POST("v1/things/{id}/cancel")
    Call<ResponseBody> cancel(@Path("id") String id, @Header("Idempotency-Key") String idempotencyKey);

    @Streaming
    @GET("v1/things/{id}")
    Call<ResponseBody> get(@Path("id") String id, @Header("If-None-Match") String etag);
  }

  record Thing(String id, String status, String stage, String updatedAt) {}

  /** A 202's body; {@code accepted} is boxed so that a missing flag reads as "said nothing". */
  record Accepted(Boolean accepted) {}

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends VendorBuilder<Builder, Engine> {
    private String provider = PROVIDER;

    /** The vendor's name, {@value #PROVIDER} unless set: a fleet test runs several test vendors. */
    Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    ClientSettings settings(EngineClock clock) {
      return settings(DEFAULT_BASE_URL).withClock(clock);
    }

    @Override
    protected Engine build(EngineClock clock) {
      return build(clock, api -> VendorCalls.of(api::cancel, api::get));
    }

    /** An engine whose calls {@code calls} builds from the API: tests wrap the factories. */
    Engine build(EngineClock clock, Function<Api, VendorCalls> calls) {
      ClientSettings s = settings(clock);
      Api api = HttpClients.retrofit(s, Auth.bearer()).create(Api.class);
      return new Engine(s, new Mapper(provider), calls.apply(api));
    }
  }

  /** The name of the test vendor that {@link Provider} registers, with a documented rate limit. */
  static final String PACED = "paced";

  /** {@link #PACED}'s documented budget: one cancel every 150 ms. */
  static final RateLimit PACED_LIMIT = new RateLimit(RateLimit.Kind.WRITES, 1, Duration.ofMillis(150));

  /**
   * The test vendor as a vendor module registers it for ServiceLoader (src/test/resources): named
   * {@value #PACED}, documenting {@link #PACED_LIMIT}, built from {@code PACED_API_KEY} and {@code
   * PACED_BASE_URL} (a test's MockWebServer).
   */
  public static final class Provider extends VendorProvider<Builder> {
    /** For ServiceLoader. */
    public Provider() {
      super(
          PACED,
          List.of("PACED_API_KEY", "PACED_BASE_URL"),
          List.of(),
          env ->
              Env.baseUrl(
                  env,
                  "PACED_BASE_URL",
                  builder().provider(PACED).apiKey(Env.require(env, "PACED_API_KEY"))),
          Builder::build);
    }

    @Override
    public List<RateLimit> rateLimits() {
      return List.of(PACED_LIMIT);
    }
  }

  static final StatusWords WORDS =
      StatusWords.of(
          Map.of(
              "queued", JobState.QUEUED,
              "running", JobState.RUNNING,
              "cancelled", JobState.CANCELLED,
              "done", JobState.COMPLETED,
              "failed", JobState.FAILED));

  /** The test vendor's rules, pure. */
  record Mapper(String provider) implements VendorMapper {
    private static final JsonAdapter<Thing> THING = Json.MOSHI.adapter(Thing.class);
    private static final JsonAdapter<Accepted> ACCEPTED = Json.MOSHI.adapter(Accepted.class);

    @Override
    public Verdict cancel(Answer a) throws IOException {
      switch (a.status()) {
        case 202:
          if (Boolean.FALSE.equals(a.read(ACCEPTED).accepted())) {
            return Verdict.of(a.failed(ErrorKind.UNEXPECTED_RESPONSE, null, "not accepted"));
          }
          return Verdict.of(a.pending(null));
        case 200:
          return Verdict.of(Defaults.onJob(a, snapshot(a)));
        case 409:
          if ("TERMINAL".equals(a.error().code())) {
            return Verdict.settle(a.alreadyFinished(JobState.UNKNOWN, null));
          }
          return Defaults.cancel(a);
        default:
          return Defaults.cancel(a);
      }
    }

    @Override
    public JobSnapshot snapshot(Answer a) throws IOException {
      Thing thing = a.read(THING);
      if (thing.status() == null) throw new JsonDataException("no status");
      return a.snapshot(
          WORDS.state(thing.status()),
          thing.status(),
          thing.stage(),
          Timestamps.parse(thing.updatedAt()),
          a.object());
    }
  }
}
