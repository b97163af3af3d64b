package io.cancelkit.scale;

import static io.cancelkit.scale.ScaleTestSupport.ACCOUNT;
import static io.cancelkit.scale.ScaleTestSupport.CANCEL_PATH;
import static io.cancelkit.scale.ScaleTestSupport.JOB;
import static io.cancelkit.scale.ScaleTestSupport.KEY;
import static io.cancelkit.scale.ScaleTestSupport.OTHER_PROJECT;
import static io.cancelkit.scale.ScaleTestSupport.PROJECT;
import static io.cancelkit.scale.ScaleTestSupport.assertSent;
import static io.cancelkit.scale.ScaleTestSupport.builder;
import static io.cancelkit.scale.ScaleTestSupport.canceller;
import static io.cancelkit.scale.ScaleTestSupport.json;
import static io.cancelkit.scale.ScaleTestSupport.startedServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder, environment, {@code ServiceLoader}, id checks, other projects and {@code toString}. */
class ScaleConfigTest {
  @AutoClose private final MockWebServer server = startedServer();

  // ---- other projects --------------------------------------------------------------------------

  @Test
  void cancelWithAProjectHitsThatProject() throws Exception {
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome result = canceller(server).cancel(OTHER_PROJECT, JOB);

    assertInstanceOf(Cancelled.class, result);
    assertSent(server, "POST", "/prefix/v1/projects/proj_other/jobs/job_7f3c2a91/cancel");
  }

  @Test
  void forProjectBindsEveryCallToThatProject() throws Exception {
    ScaleCanceller scale = canceller(server);
    ScaleCanceller other = scale.forProject(OTHER_PROJECT);
    server.enqueue(new MockResponse().setResponseCode(202));
    server.enqueue(json(200, "job-running.json"));
    server.enqueue(new MockResponse().setResponseCode(202));
    server.enqueue(json(200, "job-cancelled.json"));
    server.enqueue(new MockResponse().setResponseCode(202));

    assertInstanceOf(CancelPending.class, other.cancel(JOB));
    assertEquals(JobState.RUNNING, other.status(JOB).state());
    assertInstanceOf(Cancelled.class, other.cancelAndAwait(JOB, Duration.ofSeconds(5)));
    assertInstanceOf(CancelPending.class, scale.cancel(JOB));

    String otherJob = "/prefix/v1/projects/proj_other/jobs/job_7f3c2a91";
    assertSent(server, "POST", otherJob + "/cancel");
    assertSent(server, "GET", otherJob);
    assertSent(server, "POST", otherJob + "/cancel");
    assertSent(server, "GET", otherJob);
    // The original keeps its own project.
    assertSent(server, "POST", CANCEL_PATH);
  }

  @Test
  void forProjectKeepsTheSettings() throws Exception {
    ScaleCanceller other = builder(server, 2).build(new VirtualClock()).forProject(OTHER_PROJECT);
    server.enqueue(json(503, "error-500.json"));
    server.enqueue(json(200, "job-cancelled.json"));

    CancelOutcome result = other.cancel(JOB);

    assertInstanceOf(Cancelled.class, result);
    assertEquals(2, result.response().attempts());
    assertTrue(other.toString().contains("maxAttempts=2"), other::toString);
    assertTrue(other.toString().contains("projectId=proj_other"), other::toString);
    String path = "/prefix/v1/projects/proj_other/jobs/job_7f3c2a91/cancel";
    assertSent(server, "POST", path);
    assertSent(server, "POST", path);
  }

  @Test
  void forTheSameProjectIsTheSameCanceller() {
    ScaleCanceller scale = canceller(server);

    assertSame(scale, scale.forProject(PROJECT));
    assertNotSame(scale, scale.forProject(OTHER_PROJECT));
  }

  @Test
  void idsStayInsideTheirPathSegments() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));

    canceller(server).cancel("p?x=1#a%2F", "j ob%2F..");

    assertSent(server, "POST", "/prefix/v1/projects/p%3Fx=1%23a%252F/jobs/j%20ob%252F../cancel");
  }

  // ---- id validation ---------------------------------------------------------------------------

  static Stream<String> badIds() {
    return Stream.of(null, "", "   ", "a/b", ".", "..", "job\n1", "job\u0000", "job\u007f");
  }

  /** As {@link #badIds}, but {@code a/b} is a job id in a project: only a malformed scope fails. */
  static Stream<String> badJobIds() {
    return Stream.of(null, "", "   ", "a/b/c", "/b", "a/", ".", "..", "job\n1", "job\u0000");
  }

  @ParameterizedTest(name = "jobId [{0}]")
  @MethodSource("badJobIds")
  void aMalformedJobIdSendsNothing(String id) {
    ScaleCanceller scale = canceller(server);

    assertAllRefused(
        () -> scale.cancel(id),
        () -> scale.cancelAsync(id),
        () -> scale.status(id),
        () -> scale.cancelAndAwait(id, Duration.ofSeconds(1)),
        () -> scale.cancel(OTHER_PROJECT, id));
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest(name = "projectId [{0}]")
  @MethodSource("badIds")
  void aMalformedProjectIdSendsNothing(String id) {
    ScaleCanceller scale = canceller(server);

    assertAllRefused(() -> ScaleCanceller.builder().projectId(id), () -> scale.forProject(id));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> scale.cancel(id, JOB));
    assertTrue(e.getMessage().startsWith("projectId "), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest(name = "accountId [{0}]")
  @NullSource
  @ValueSource(
      strings = {"", "  ", "acct\r\nX-Evil: 1", "acct\u0000", "acct\t1", "acct\u007f", "accté"})
  void aMalformedAccountIdIsRefused(String accountId) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ScaleCanceller.builder().accountId(accountId));

    assertTrue(e.getMessage().startsWith("accountId "), e.getMessage());
  }

  private static void assertAllRefused(Executable... calls) {
    for (Executable call : calls) assertThrows(IllegalArgumentException.class, call);
  }

  // ---- builder and environment -----------------------------------------------------------------

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"apiKey", "accountId"})
  void buildNamesWhatIsMissing(String missing) {
    ScaleCanceller.Builder b = ScaleCanceller.builder().projectId(PROJECT);
    if (!missing.equals("apiKey")) b.apiKey(KEY);
    if (!missing.equals("accountId")) b.accountId(ACCOUNT);

    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);

    assertEquals(missing + " is required", e.getMessage());
  }

  @Test
  void withoutADefaultProjectOnlyProjectTakingCallsWork() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    ScaleCanceller scale =
        ScaleCanceller.builder()
            .apiKey(KEY)
            .accountId(ACCOUNT)
            .baseUrl(server.url("/prefix/").toString())
            .build();

    assertInstanceOf(CancelPending.class, scale.cancel(OTHER_PROJECT, JOB));
    assertEquals(
        "/prefix/v1/projects/" + OTHER_PROJECT + "/jobs/" + JOB + "/cancel",
        server.takeRequest().getPath());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> scale.cancel(JOB));
    assertTrue(e.getMessage().contains("projectId"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> scale.status(JOB));
    assertThrows(IllegalStateException.class, () -> scale.cancelAsync(JOB));
    assertThrows(
        IllegalStateException.class, () -> scale.cancelAndAwait(JOB, Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class, () -> scale.cancel("a/b/c"), "ids are checked first");
    assertEquals(1, server.getRequestCount());
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("SGP_API_KEY", KEY);
    env.put("SGP_ACCOUNT_ID", ACCOUNT);
    env.put("SGP_PROJECT_ID", PROJECT);
    return env;
  }

  @Test
  void fromEnvReadsTheKeyAccountAndProjectOnDexProductionByDefault() {
    ScaleCanceller scale = ScaleCanceller.fromEnv(env()::get);

    assertEquals("scale", scale.provider());
    String text = scale.toString();
    assertTrue(text.contains("projectId=" + PROJECT), text);
    assertTrue(text.contains("accountId=" + ACCOUNT), text);
    assertTrue(text.contains("baseUrl=https://dex.sgp.scale.com/"), text);
    assertFalse(text.contains(KEY), text);
  }

  @Test
  void fromEnvHonoursSgpBaseUrl() throws Exception {
    Map<String, String> env = env();
    env.put("SGP_BASE_URL", server.url("/prefix").toString());
    server.enqueue(new MockResponse().setResponseCode(202));

    ScaleCanceller scale = ScaleCanceller.fromEnv(env::get);

    assertInstanceOf(CancelPending.class, scale.cancel(JOB));
    assertSent(server, "POST", CANCEL_PATH);
  }

  @Test
  void fromEnvRefusesAPlainHttpBaseUrlForARemoteHost() {
    Map<String, String> env = env();
    env.put("SGP_BASE_URL", "http://dex.sgp.scale.com");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScaleCanceller.fromEnv(env::get));

    assertTrue(e.getMessage().contains("https"), e.getMessage());
  }

  @Test
  void fromEnvTreatsTheProjectAsOptional() {
    Map<String, String> env = env();
    env.remove("SGP_PROJECT_ID");

    ScaleCanceller scale = ScaleCanceller.fromEnv(env::get);

    assertTrue(scale.toString().contains("projectId=null"), scale.toString());
    assertThrows(IllegalStateException.class, () -> scale.cancel(JOB));
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"SGP_API_KEY", "SGP_ACCOUNT_ID"})
  void fromEnvNamesTheMissingVariable(String name) {
    Map<String, String> unset = env();
    unset.remove(name);
    Map<String, String> blank = env();
    blank.put(name, "  ");

    for (Map<String, String> env : List.of(unset, blank)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> ScaleCanceller.fromEnv(env::get));
      assertEquals("environment variable " + name + " is not set", e.getMessage());
    }
  }

  @Test
  void fromEnvChecksTheIds() {
    Map<String, String> env = env();
    env.put("SGP_PROJECT_ID", "a/b");

    assertThrows(IllegalArgumentException.class, () -> ScaleCanceller.fromEnv(env::get));
  }

  // ---- ServiceLoader -----------------------------------------------------------------------

  @Test
  void serviceLoaderFindsTheScaleProviderWithItsVariables() {
    List<CancellerProvider> scale =
        CancellerProvider.installed().stream().filter(p -> p.name().equals("scale")).toList();

    assertEquals(1, scale.size(), scale::toString);
    CancellerProvider provider = scale.get(0);
    assertInstanceOf(ScaleCanceller.Provider.class, provider);
    assertEquals(List.of("SGP_API_KEY", "SGP_ACCOUNT_ID"), provider.requiredVariables());
    assertEquals(List.of("SGP_PROJECT_ID", "SGP_BASE_URL"), provider.optionalVariables());
  }

  @Test
  void theProviderIsConfiguredOnlyWithKeyAndAccount() {
    CancellerProvider provider = new ScaleCanceller.Provider();
    Map<String, String> env = env();
    env.remove("SGP_PROJECT_ID");

    assertTrue(provider.isConfigured(env::get));
    env.put("SGP_ACCOUNT_ID", " ");
    assertFalse(provider.isConfigured(env::get));
  }

  @Test
  void theDefaultBaseUrlIsDexProduction() {
    ScaleCanceller canceller =
        ScaleCanceller.builder().apiKey(KEY).accountId(ACCOUNT).projectId("p").build();

    assertTrue(
        canceller.toString().contains("baseUrl=https://dex.sgp.scale.com/"), canceller::toString);
  }

  @Test
  void toStringNeverShowsTheKey() {
    ScaleCanceller scale = canceller(server);

    for (ScaleCanceller c : new ScaleCanceller[] {scale, scale.forProject(OTHER_PROJECT)}) {
      String text = c.toString();
      assertFalse(text.contains(KEY), text);
      assertTrue(text.startsWith("ScaleCanceller{projectId="), text);
      assertTrue(text.contains("accountId=" + ACCOUNT), text);
    }
    assertFalse(builder(server, 1).toString().contains(KEY));
  }

  @Test
  void snapshotsFromAnotherProjectNameTheJob() throws Exception {
    server.enqueue(json(200, "job-succeeded.json"));

    JobSnapshot job = canceller(server).forProject(OTHER_PROJECT).status(JOB);

    assertEquals(JOB, job.jobId());
    assertEquals(JobState.COMPLETED, job.state());
    assertSent(server, "GET", "/prefix/v1/projects/proj_other/jobs/job_7f3c2a91");
  }
}
