package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSettingsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://api.example.com, https://api.example.com/",
    "https://api.example.com/, https://api.example.com/",
    "https://example.com/api/open/v1, https://example.com/api/open/v1/",
    "https://example.com/api/open/v1/, https://example.com/api/open/v1/",
    "http://localhost:8080/prefix, http://localhost:8080/prefix/",
    "http://127.0.0.1:9/p/, http://127.0.0.1:9/p/",
    "http://127.8.9.10/, http://127.8.9.10/",
    "http://[::1]:8080, http://[::1]:8080/",
  })
  void baseUrlKeepsItsPrefixWithOrWithoutTrailingSlash(String given, String expected) {
    assertEquals(expected, ClientSettings.checkBaseUrl(given).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.example.com",
        "http://10.0.0.1/",
        "http://localhost.example.com/",
        "ftp://example.com",
        "not a url",
        "https://user:pw@example.com/",
        "https://example.com/?q=1",
      })
  void unsafeOrMalformedBaseUrlsAreRefused(String given) {
    assertThrows(IllegalArgumentException.class, () -> ClientSettings.checkBaseUrl(given));
  }

  @Test
  void credentialsInBaseUrlAreNotEchoed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClientSettings.checkBaseUrl("https://user:hunter2@example.com/"));
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void apiKeyIsCheckedWithoutBeingEchoed() {
    assertThrows(NullPointerException.class, () -> ClientSettings.checkApiKey(null));
    assertThrows(IllegalArgumentException.class, () -> ClientSettings.checkApiKey("  "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.checkApiKey("sk_abc\r\nX-Evil: 1"));
    assertFalse(e.getMessage().contains("sk_abc"));
  }

  @Test
  void builderChecksValuesAsTheyAreSet() {
    TestVendor.Builder b = TestVendor.builder();
    assertThrows(IllegalArgumentException.class, () -> b.maxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.pollInterval(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.initialBackoff(Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> b.okHttpClient(null));
    assertThrows(NullPointerException.class, () -> b.callbackExecutor(null));
    assertThrows(IllegalArgumentException.class, () -> b.baseUrl("http://example.com"));
    IllegalStateException missing = assertThrows(IllegalStateException.class, b::build);
    assertTrue(missing.getMessage().contains("apiKey"));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    Engine canceller = TestVendor.builder().apiKey("k").build();
    ClientSettings s = canceller.settings();
    assertEquals(3, s.maxAttempts());
    assertEquals(Duration.ofMillis(500), s.initialBackoff());
    assertEquals(Duration.ofSeconds(2), s.pollInterval());
    assertEquals(Duration.ofSeconds(30), s.timeout());
    assertEquals("https://api.test.invalid/", s.baseUrl().toString());
    assertSame(CallbackExecutor.shared(), s.callbackExecutor());
    assertSame(EngineClock.system(), s.clock());
    assertEquals("test", canceller.provider());
  }

  @Test
  void withClockChangesOnlyTheClockAndKeepsTheKey() {
    ClientSettings s = TestVendor.builder().apiKey("sk_settings_key").maxAttempts(5).settings(EngineClock.system());
    VirtualClock clock = new VirtualClock();

    ClientSettings onClock = s.withClock(clock);

    assertSame(clock, onClock.clock());
    assertEquals(s.pollInterval(), onClock.pollInterval());
    assertEquals(5, onClock.maxAttempts());
    assertEquals("sk_settings_key", onClock.apiKey());
    assertFalse(onClock.toString().contains("sk_settings_key"), onClock.toString());
  }

  @Test
  void envRequireNamesTheVariableNotItsValue() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Env.require(name -> null, "ACME_API_KEY"));
    assertTrue(e.getMessage().contains("ACME_API_KEY"));
    assertEquals("v", Env.require(name -> " v ", "X"));
    assertEquals(null, Env.optional(name -> "", "X"));
  }
}
