package io.cancelkit.omni;

import static io.cancelkit.omni.OmniFixtures.JOB;
import static io.cancelkit.omni.OmniFixtures.KEY;
import static io.cancelkit.omni.OmniFixtures.PREFIX;
import static io.cancelkit.omni.OmniFixtures.assertCancelSent;
import static io.cancelkit.omni.OmniFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobCanceller;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Construction, environment, the ServiceLoader entry and the public surface of {@link OmniCanceller}. */
class OmniCancellerTest {
  @AutoClose private final MockWebServer server = new MockWebServer();

  /** The base URL a canceller targets, as its {@code toString} shows it. */
  private static void assertTargets(String baseUrl, JobCanceller canceller) {
    assertTrue(canceller.toString().contains("baseUrl=" + baseUrl + ","), canceller.toString());
  }

  private static OmniCanceller.Builder keyed() {
    return OmniCanceller.builder().apiKey(KEY);
  }

  /** An environment whose OMNI_BASE_URL points at the mock server. */
  private Map<String, String> serverEnv() {
    return Map.of("OMNI_API_KEY", KEY, "OMNI_BASE_URL", server.url(PREFIX).toString());
  }

  // ---- targets --------------------------------------------------------------------------------

  @Test
  void instanceTargetsItsProductionHost() {
    OmniCanceller omni = keyed().instance("acme").build();

    assertEquals("omni", omni.provider());
    assertTargets("https://acme.omniapp.co/api/", omni);
  }

  @Test
  void playgroundTargetsThePlaygroundHost() {
    assertTargets(
        "https://acme.playground.exploreomni.dev/api/", keyed().playground("acme").build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "acme-2", "9lives", "Acme", "a-b-c"})
  void dnsLabelsAreAcceptedAsInstances(String name) {
    assertTargets("https://" + name.toLowerCase() + ".omniapp.co/api/", keyed().instance(name).build());
  }

  @Test
  void longestDnsLabelIsAccepted() {
    String name = "a".repeat(63);

    assertTargets("https://" + name + ".omniapp.co/api/", keyed().instance(name).build());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " acme",
        "acme.omniapp.co",
        "https://acme.omniapp.co",
        "acme/api",
        "-acme",
        "acme-",
        "ac_me",
        "acmé",
        "acme:8080",
        "evil.com#",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void otherInstanceNamesAreRefused(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OmniCanceller.builder().instance(name));
    assertTrue(e.getMessage().contains("DNS label"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OmniCanceller.builder().playground(name));
  }

  @Test
  void nullInstanceIsRefused() {
    assertThrows(NullPointerException.class, () -> OmniCanceller.builder().instance(null));
  }

  @Test
  void buildWithoutTargetExplainsTheThreeOptions() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> keyed().build());

    assertTrue(e.getMessage().contains("instance(\"acme\")"), e.getMessage());
    assertTrue(e.getMessage().contains("playground(\"acme\")"), e.getMessage());
    assertTrue(e.getMessage().contains("baseUrl(..)"), e.getMessage());
  }

  @Test
  void buildWithoutKeyFails() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> OmniCanceller.builder().instance("acme").build());
    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
  }

  @Test
  void lastTargetWins() {
    String mock = server.url(PREFIX).toString();

    assertTargets(mock, keyed().instance("acme").baseUrl(mock).build());
    assertTargets("https://acme.omniapp.co/api/", keyed().baseUrl(mock).instance("acme").build());
  }

  @Test
  void plainHttpIsRefusedForARemoteHost() {
    assertThrows(
        IllegalArgumentException.class,
        () -> OmniCanceller.builder().baseUrl("http://acme.omniapp.co/api"));
  }

  // ---- fromEnv ------------------------------------------------------------------------------

  @Test
  void fromEnvReadsKeyAndInstance() {
    OmniCanceller omni =
        OmniCanceller.fromEnv(Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", " acme ")::get);

    assertTargets("https://acme.omniapp.co/api/", omni);
  }

  @Test
  void fromEnvHonoursOmniBaseUrl() throws Exception {
    server.enqueue(json(200, "cancel-200-cancelled.json"));
    Map<String, String> env = new HashMap<>(serverEnv());
    // A staging host, proxy or simulator wins over the production instance.
    env.put("OMNI_INSTANCE", "acme");

    OmniCanceller omni = OmniCanceller.fromEnv(env::get);

    assertInstanceOf(Cancelled.class, omni.cancel(JOB));
    assertCancelSent(server);
  }

  @Test
  void fromEnvNamesWhatIsMissing() {
    IllegalStateException noKey =
        assertThrows(
            IllegalStateException.class,
            () -> OmniCanceller.fromEnv(Map.of("OMNI_INSTANCE", "acme")::get));
    assertTrue(noKey.getMessage().contains("OMNI_API_KEY"), noKey.getMessage());

    IllegalStateException noTarget =
        assertThrows(
            IllegalStateException.class,
            () -> OmniCanceller.fromEnv(Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", " ")::get));
    assertTrue(noTarget.getMessage().contains("OMNI_INSTANCE"), noTarget.getMessage());
    assertTrue(noTarget.getMessage().contains("OMNI_BASE_URL"), noTarget.getMessage());
    assertFalse(noTarget.getMessage().contains(KEY));
  }

  @Test
  void fromEnvRefusesABadInstance() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OmniCanceller.fromEnv(Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", "acme.omniapp.co")::get));
  }

  // ---- the ServiceLoader entry ----------------------------------------------------------------

  private static CancellerProvider installedOmni() {
    return CancellerProvider.installed().stream()
        .filter(p -> p.name().equals("omni"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no omni provider on the class path"));
  }

  @Test
  void serviceLoaderFindsTheOmniProvider() {
    CancellerProvider omni = installedOmni();

    assertInstanceOf(OmniCanceller.Provider.class, omni);
    assertEquals(List.of("OMNI_API_KEY"), omni.requiredVariables());
    assertEquals(List.of("OMNI_INSTANCE", "OMNI_BASE_URL"), omni.optionalVariables());
  }

  @Test
  void providerIsConfiguredOnlyWithTheKeyAndATarget() {
    CancellerProvider omni = new OmniCanceller.Provider();

    assertFalse(omni.isConfigured(Map.<String, String>of()::get));
    assertFalse(omni.isConfigured(Map.of("OMNI_API_KEY", KEY)::get), "no target");
    assertFalse(omni.isConfigured(Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", "")::get));
    assertFalse(omni.isConfigured(Map.of("OMNI_INSTANCE", "acme")::get), "no key");
    assertTrue(omni.isConfigured(Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", "acme")::get));
    assertTrue(omni.isConfigured(serverEnv()::get));
  }

  @Test
  void providerBuildsACancellerFromTheEnvironment() throws Exception {
    server.enqueue(json(200, "cancel-200-cancelled.json"));

    JobCanceller omni = installedOmni().fromEnv(serverEnv()::get);

    assertEquals("omni", omni.provider());
    assertInstanceOf(Cancelled.class, omni.cancel(JOB));
    assertCancelSent(server);
  }

  // ---- the public surface ---------------------------------------------------------------------

  @Test
  void onlyTheCancellerItsBuilderAndItsProviderArePublic() {
    assertTrue(Modifier.isFinal(OmniCanceller.class.getModifiers()));
    for (Class<?> type :
        List.of(OmniApi.class, OmniMapper.class, OmniJob.class, OmniCancelResult.class)) {
      assertFalse(Modifier.isPublic(type.getModifiers()), type + " is public");
    }
    assertTrue(Modifier.isPublic(OmniCanceller.Builder.class.getModifiers()));
    assertTrue(Modifier.isPublic(OmniCanceller.Provider.class.getModifiers()));
  }
}
