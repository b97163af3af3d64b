package io.cancelkit.core.internal;

import com.squareup.moshi.JsonAdapter;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import java.io.IOException;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Streaming;

/**
 * A minimal vendor that exercises the engine: 202 accepted, 200 with the job, 409 TERMINAL resolved
 * by a GET, everything else left to the defaults.
 */
class TestVendor extends VendorSpec {
  interface Api {
    @Streaming
    @POST("v1/things/{id}/cancel")
    Call<ResponseBody> cancel(
        @Path("id") String id,
        @Header("Authorization") String bearer,
        @Header("Idempotency-Key") String idempotencyKey);

    @Streaming
    @GET("v1/things/{id}")
    Call<ResponseBody> get(
        @Path("id") String id,
        @Header("Authorization") String bearer,
        @Header("If-None-Match") String etag);
  }

  record Thing(String id, String status, String stage, String updatedAt) {}

  private static final JsonAdapter<Thing> THING = Json.MOSHI.adapter(Thing.class);

  private final Api api;
  private final String bearer;

  TestVendor(Api api, String apiKey) {
    super("test");
    this.api = api;
    this.bearer = "Bearer " + apiKey;
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends CancellerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }

    ClientSettings settingsForTest() {
      return settings("https://api.test.invalid");
    }

    HttpCanceller build() {
      ClientSettings settings = settings("https://api.test.invalid");
      Api api = HttpClients.retrofit(settings).create(Api.class);
      return new HttpCanceller(settings, new TestVendor(api, settings.apiKey()));
    }
  }

  static JobState state(String word) {
    if (word == null) return JobState.UNKNOWN;
    switch (word) {
      case "queued":
        return JobState.QUEUED;
      case "running":
        return JobState.RUNNING;
      case "cancelled":
        return JobState.CANCELLED;
      case "done":
        return JobState.COMPLETED;
      case "failed":
        return JobState.FAILED;
      default:
        return JobState.UNKNOWN;
    }
  }

  @Override
  protected Call<ResponseBody> cancelCall(String jobId, String idempotencyKey) {
    return api.cancel(jobId, bearer, idempotencyKey);
  }

  @Override
  protected Call<ResponseBody> statusCall(String jobId, String etag) {
    return api.get(jobId, bearer, etag);
  }

  @Override
  protected Verdict mapCancel(Answer a) throws IOException {
    if (a.status() == 202) return Verdict.of(a.pending(null));
    if (a.status() == 200) {
      JobSnapshot job = parseStatus(a);
      if (job.state() == JobState.CANCELLED) return Verdict.of(a.cancelled(job));
      if (job.state().isTerminal()) {
        return Verdict.of(a.alreadyFinished(job.state(), job.providerStatus()));
      }
      return Verdict.of(a.pending(job));
    }
    if (a.status() == 409 && "TERMINAL".equals(parseError(a).code())) {
      return Verdict.resolveWith(a.alreadyFinished(JobState.UNKNOWN, null));
    }
    return null;
  }

  @Override
  protected JobSnapshot parseStatus(Answer a) throws IOException {
    Thing thing = Json.read(THING, a.body());
    if (thing.status() == null) throw new IOException("no status");
    return new JobSnapshot(
        provider(),
        a.jobId(),
        state(thing.status()),
        thing.status(),
        thing.stage(),
        Timestamps.parse(thing.updatedAt()),
        Json.object(a.body()));
  }
}
