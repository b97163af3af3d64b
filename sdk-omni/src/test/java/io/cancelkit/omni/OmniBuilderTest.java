package io.cancelkit.omni;

import static io.cancelkit.omni.OmniTestSupport.KEY;
import static io.cancelkit.omni.OmniTestSupport.canceller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder targets, {@code fromEnv}, job-id validation and {@code toString}. */
class OmniBuilderTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static String base(OmniCanceller c) {
    return c.settings().baseUrl().toString();
  }

  // ---- targets --------------------------------------------------------------------------------

  @Test
  void instanceTargetsProduction() {
    OmniCanceller c = OmniCanceller.builder().apiKey(KEY).instance("acme").build();

    assertEquals("https://acme.omniapp.co/api/", base(c));
    assertTrue(c.toString().contains("https://acme.omniapp.co/api/"), c.toString());
    assertEquals("omni", c.provider());
  }

  @Test
  void playgroundTargetsThePlayground() {
    OmniCanceller c = OmniCanceller.builder().apiKey(KEY).playground("acme").build();

    assertEquals("https://acme.playground.exploreomni.dev/api/", base(c));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "acme-2", "9lives", "Acme", "a-b-c"})
  void dnsLabelsAreAccepted(String name) {
    OmniCanceller c = OmniCanceller.builder().apiKey(KEY).instance(name).build();

    assertEquals("https://" + name.toLowerCase() + ".omniapp.co/api/", base(c));
  }

  @Test
  void longestDnsLabelIsAccepted() {
    String name = "a".repeat(63);

    assertEquals(
        "https://" + name + ".omniapp.co/api/",
        base(OmniCanceller.builder().apiKey(KEY).instance(name).build()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        " acme",
        "acme.omniapp.co",
        "https://acme.omniapp.co",
        "acme/api",
        "-acme",
        "acme-",
        "ac me",
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
    assertThrows(NullPointerException.class, () -> OmniCanceller.builder().playground(null));
  }

  @Test
  void buildWithoutTargetExplainsTheThreeOptions() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> OmniCanceller.builder().apiKey(KEY).build());

    assertTrue(e.getMessage().contains("instance(\"acme\")"), e.getMessage());
    assertTrue(e.getMessage().contains("playground(\"acme\")"), e.getMessage());
    assertTrue(e.getMessage().contains("baseUrl(..)"), e.getMessage());
  }

  @Test
  void buildWithoutKeyFails() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> OmniCanceller.builder().instance("acme").build());
    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
  }

  @Test
  void lastTargetWins() {
    String mock = server.url("/api/").toString();

    assertEquals(
        mock, base(OmniCanceller.builder().apiKey(KEY).instance("acme").baseUrl(mock).build()));
    assertEquals(
        "https://acme.playground.exploreomni.dev/api/",
        base(OmniCanceller.builder().apiKey(KEY).baseUrl(mock).playground("acme").build()));
    assertEquals(
        "https://acme.omniapp.co/api/",
        base(OmniCanceller.builder().apiKey(KEY).playground("x").instance("acme").build()));
  }

  @Test
  void plainHttpIsRefusedForRemoteHosts() {
    assertThrows(
        IllegalArgumentException.class,
        () -> OmniCanceller.builder().baseUrl("http://acme.omniapp.co/api"));
  }

  // ---- fromEnv ----------------------------------------------------------------------------

  @Test
  void fromEnvReadsKeyAndInstance() {
    OmniCanceller c =
        OmniCanceller.fromEnv(Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", " acme ")::get);

    assertEquals("https://acme.omniapp.co/api/", base(c));
    assertEquals(KEY, c.settings().apiKey());
  }

  @Test
  void fromEnvNamesTheMissingKey() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> OmniCanceller.fromEnv(Map.of("OMNI_INSTANCE", "acme")::get));
    assertTrue(e.getMessage().contains("OMNI_API_KEY"), e.getMessage());
  }

  @Test
  void fromEnvNamesTheMissingInstance() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> OmniCanceller.fromEnv(Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", "")::get));
    assertTrue(e.getMessage().contains("OMNI_INSTANCE"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void fromEnvRefusesABadInstance() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OmniCanceller.fromEnv(
                Map.of("OMNI_API_KEY", KEY, "OMNI_INSTANCE", "acme.omniapp.co")::get));
  }

  // ---- job ids ------------------------------------------------------------------------------

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "job_1",
        "a1b2c3d4e5f67890abcdef1234567890",
        "{a1b2c3d4-e5f6-7890-abcd-ef1234567890}",
        "urn:uuid:a1b2c3d4-e5f6-7890-abcd-ef1234567890",
        "a1b2c3d4-e5f6-7890-abcd-ef1234567890 ",
        "a1b2c3d4-e5f6-7890-abcd-ef123456789",
        "a1b2c3d4-e5f6-7890-abcd-ef12345678901",
        "g1b2c3d4-e5f6-7890-abcd-ef1234567890",
        "1-1-1-1-1",
        "a1b2c3d4-e5f6-7890-abcd-ef1234567890/../x",
        "..",
        "a1b2c3d4-e5f6-7890-abcd-ef1234567890\n"
      })
  void nonUuidIdsAreRefusedBeforeAnyRequest(String id) {
    OmniCanceller c = canceller(server);

    assertThrows(IllegalArgumentException.class, () -> c.cancel(id));
    assertThrows(IllegalArgumentException.class, () -> c.cancelAsync(id));
    assertThrows(IllegalArgumentException.class, () -> c.status(id));
    assertThrows(IllegalArgumentException.class, () -> c.cancelAndAwait(id, Duration.ofSeconds(1)));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void nonUuidMessageShowsTheExpectedForm() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> canceller(server).cancel("job_1"));

    assertTrue(e.getMessage().contains("not a UUID"), e.getMessage());
    assertTrue(e.getMessage().contains("job_1"), e.getMessage());
  }

  // ---- toString -------------------------------------------------------------------------------

  @Test
  void toStringNeverShowsTheKey() {
    OmniCanceller.Builder builder = OmniCanceller.builder().apiKey(KEY).instance("acme");

    assertFalse(builder.toString().contains(KEY), builder.toString());
    assertFalse(builder.build().toString().contains(KEY));
    assertFalse(canceller(server).toString().contains(KEY));
    assertTrue(canceller(server).toString().contains(server.url("/api/").toString()));
  }
}
