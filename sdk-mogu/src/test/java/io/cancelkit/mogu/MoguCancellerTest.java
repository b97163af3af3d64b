package io.cancelkit.mogu;

import static io.cancelkit.mogu.MoguFixtures.API_KEY;
import static io.cancelkit.mogu.MoguFixtures.ID;
import static io.cancelkit.mogu.MoguFixtures.assertCancelRequest;
import static io.cancelkit.mogu.MoguFixtures.builder;
import static io.cancelkit.mogu.MoguFixtures.canceller;
import static io.cancelkit.mogu.MoguFixtures.fixture;
import static io.cancelkit.mogu.MoguFixtures.json;
import static io.cancelkit.mogu.MoguFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.NotFound;
import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.Simulators;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids, builder, environment, provider registration and secrets of {@link MoguCanceller}. */
class MoguCancellerTest {
  @AutoClose private final MockWebServer server = new MockWebServer();

  @Test
  void theProvidersStatusCancellerNeedsNoKeyAndSendsNone() throws Exception {
    try (MoguSimulator sim = Simulators.mogu()) {
      String job = sim.addJob("processing", "generatingBlocks");
      Map<String, String> env = Map.of("MOGU_BASE_URL", sim.baseUrl());
      CancellerProvider provider = new MoguCanceller.Provider();

      assertFalse(provider.isConfigured(env::get), "a cancel still needs MOGU_API_KEY");
      JobCanceller reader = provider.forStatus(env::get, b -> {});

      assertEquals("processing", reader.status(job).providerStatus());
      Failed failed = assertInstanceOf(Failed.class, reader.cancel(job));
      assertEquals(ErrorKind.AUTHENTICATION, failed.error().kind(), "Mogu's own 401");
      assertEquals(2, sim.requestCount());
      assertTrue(
          sim.requests().stream().allMatch(r -> r.getHeader("Authorization") == null),
          "no key was sent");
      assertEquals("processing", sim.status(job), "nothing was cancelled");
    }
  }

  @Test
  void anyWellFormedIdIsSentAsOnePathSegment() throws Exception {
    // Mogu's page shows UUIDs, but the contract checks only what could break the path.
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody("{\"error\":{\"code\":\"job_not_found\",\"message\":\"Job not found\"}}"));

    CancelOutcome outcome = canceller(server).cancel("trip 48213");

    assertInstanceOf(NotFound.class, outcome);
    assertEquals("/prefix/ai/trips/trip%2048213/actions/cancel", take(server).getPath());
  }

  @Test
  void upperCaseUuidIsSentAsGiven() throws Exception {
    String upper = ID.toUpperCase();
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setBody(fixture("job-canceled").replace(ID, upper)));

    CancelOutcome outcome = canceller(server).cancel(upper);

    assertInstanceOf(Cancelled.class, outcome);
    assertEquals(upper, outcome.jobId());
    assertEquals("/prefix/ai/trips/" + upper + "/actions/cancel", take(server).getPath());
  }

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPrefix() throws Exception {
    server.enqueue(json(200, "job-canceled"));
    String base = server.url("/prefix").toString();
    assertFalse(base.endsWith("/"));

    assertInstanceOf(Cancelled.class, builder(server).baseUrl(base).build().cancel(ID));
    assertCancelRequest(take(server));
  }

  @Test
  void baseUrlWithoutPrefix() throws Exception {
    server.enqueue(json(200, "job-canceled"));

    assertInstanceOf(
        Cancelled.class, builder(server).baseUrl(server.url("/").toString()).build().cancel(ID));
    assertEquals("/ai/trips/" + ID + "/actions/cancel", take(server).getPath());
  }

  @Test
  void defaultBaseUrlIsMoguProduction() {
    MoguCanceller mogu = MoguCanceller.builder().apiKey(API_KEY).build();

    assertTrue(mogu.toString().contains("https://trips.api.moguplatform.com/"), mogu.toString());
    assertEquals("mogu", mogu.provider());
  }

  @Test
  void buildWithoutApiKeyFails() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> MoguCanceller.builder().build());

    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
  }

  @Test
  void fromEnvReadsMoguApiKey() {
    MoguCanceller mogu = MoguCanceller.fromEnv(Map.of("MOGU_API_KEY", API_KEY)::get);

    assertEquals("mogu", mogu.provider());
    assertTrue(mogu.toString().contains("https://trips.api.moguplatform.com/"), mogu.toString());
    assertFalse(mogu.toString().contains(API_KEY));
  }

  @Test
  void fromEnvHonoursMoguBaseUrl() throws Exception {
    server.enqueue(json(200, "job-canceled"));
    Map<String, String> env =
        Map.of("MOGU_API_KEY", API_KEY, "MOGU_BASE_URL", server.url("/prefix/").toString());

    MoguCanceller mogu = MoguCanceller.fromEnv(env::get);

    assertInstanceOf(Cancelled.class, mogu.cancel(ID));
    assertCancelRequest(take(server));
  }

  @Test
  void fromEnvRefusesAPlainHttpBaseUrlOfARemoteHost() {
    Map<String, String> env =
        Map.of("MOGU_API_KEY", API_KEY, "MOGU_BASE_URL", "http://trips.api.moguplatform.com");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MoguCanceller.fromEnv(env::get));

    assertTrue(e.getMessage().contains("https"), e.getMessage());
  }

  @Test
  void serviceLoaderFindsTheMoguProvider() {
    List<CancellerProvider> mogu =
        CancellerProvider.installed().stream().filter(p -> p.name().equals("mogu")).toList();

    assertEquals(1, mogu.size(), "one registration: " + CancellerProvider.installed());
    CancellerProvider provider = mogu.get(0);
    assertInstanceOf(MoguCanceller.Provider.class, provider);
    assertEquals(List.of("MOGU_API_KEY"), provider.requiredVariables());
    assertEquals(List.of("MOGU_BASE_URL"), provider.optionalVariables());
    assertTrue(provider.isConfigured(Map.of("MOGU_API_KEY", API_KEY)::get));
    assertFalse(provider.isConfigured(Map.of("MOGU_BASE_URL", "https://example.com")::get));
  }

  @Test
  void providerBuildsACancellerFromTheEnvironment() throws Exception {
    server.enqueue(json(404, "error-job-not-found"));
    Map<String, String> env =
        Map.of("MOGU_API_KEY", API_KEY, "MOGU_BASE_URL", server.url("/prefix").toString());

    JobCanceller mogu = new MoguCanceller.Provider().fromEnv(env::get);

    assertEquals("mogu", mogu.provider());
    assertInstanceOf(NotFound.class, mogu.cancel(ID));
    assertCancelRequest(take(server));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  @NullSource
  void fromEnvWithoutTheVariableNamesIt(String value) {
    Map<String, String> env =
        value == null ? Map.of("OTHER", API_KEY) : Map.of("MOGU_API_KEY", value);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> MoguCanceller.fromEnv(env::get));

    assertTrue(e.getMessage().contains("MOGU_API_KEY"), e.getMessage());
    assertFalse(e.getMessage().contains(API_KEY));
  }

  @Test
  void keyEchoedByMoguNeverReachesTheMessage() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody(
                "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Key "
                    + API_KEY
                    + " is invalid\"}}"));

    CancelError error = assertInstanceOf(Failed.class, canceller(server).cancel(ID)).error();

    assertEquals(ErrorKind.AUTHENTICATION, error.kind());
    assertFalse(error.message().contains(API_KEY), error.message());
  }
}
