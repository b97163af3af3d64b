package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.API_KEY;
import static io.cancelkit.layers.LayersFixtures.JOB;
import static io.cancelkit.layers.LayersFixtures.assertCancelRequest;
import static io.cancelkit.layers.LayersFixtures.builder;
import static io.cancelkit.layers.LayersFixtures.fixture;
import static io.cancelkit.layers.LayersFixtures.json;
import static io.cancelkit.layers.LayersFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Construction, the environment, the ServiceLoader entry and the public surface. */
class LayersCancellerTest {
  @AutoClose private final MockWebServer server = new MockWebServer();

  /** The environment of a canceller pointed at {@code server} under {@code /prefix/}. */
  private Map<String, String> envOnServer() {
    return Map.of(
        "LAYERS_API_KEY", API_KEY, "LAYERS_BASE_URL", server.url("/prefix/").toString());
  }

  @Test
  void fromEnvReadsTheKeyAndUsesTheProductionUrl() {
    LayersCanceller layers = LayersCanceller.fromEnv(Map.of("LAYERS_API_KEY", API_KEY)::get);

    assertEquals("layers", layers.provider());
    assertTrue(layers.toString().contains("https://api.layers.com/"), layers.toString());
    assertFalse(layers.toString().contains(API_KEY), layers.toString());
  }

  @Test
  void fromEnvHonoursLayersBaseUrl() throws Exception {
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    JobCanceller layers = LayersCanceller.fromEnv(envOnServer()::get);

    assertInstanceOf(CancelPending.class, layers.cancel(JOB));
    assertCancelRequest(take(server), JOB);
  }

  @Test
  void fromEnvWithoutTheKeyNamesTheVariable() {
    Map<String, String> env = new HashMap<>();
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> LayersCanceller.fromEnv(env::get));
    assertTrue(missing.getMessage().contains("LAYERS_API_KEY"), missing.getMessage());

    env.put("LAYERS_API_KEY", "   ");
    IllegalStateException blank =
        assertThrows(IllegalStateException.class, () -> LayersCanceller.fromEnv(env::get));
    assertTrue(blank.getMessage().contains("LAYERS_API_KEY"), blank.getMessage());
  }

  @Test
  void fromEnvWithAMalformedBaseUrlNamesTheVariableNotTheKey() {
    Map<String, String> env =
        Map.of("LAYERS_API_KEY", API_KEY, "LAYERS_BASE_URL", "http://api.layers.com");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LayersCanceller.fromEnv(env::get));

    assertTrue(e.getMessage().startsWith("LAYERS_BASE_URL: "), e.getMessage());
    assertFalse(e.getMessage().contains(API_KEY), e.getMessage());
  }

  @Test
  void serviceLoaderFindsTheLayersProvider() throws Exception {
    List<CancellerProvider> layers =
        ServiceLoader.load(CancellerProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("layers"))
            .toList();

    assertEquals(1, layers.size(), "one Layers entry on the class path");
    CancellerProvider provider = layers.get(0);
    assertInstanceOf(LayersCanceller.Provider.class, provider);
    assertEquals(List.of("LAYERS_API_KEY"), provider.requiredVariables());
    assertEquals(List.of("LAYERS_BASE_URL"), provider.optionalVariables());
    assertTrue(provider.isConfigured(Map.of("LAYERS_API_KEY", API_KEY)::get));
    assertFalse(provider.isConfigured(Map.of("LAYERS_BASE_URL", "https://x.example")::get));

    // The provider's canceller honours LAYERS_BASE_URL like LayersCanceller.fromEnv.
    server.enqueue(json(202, fixture("cancel-202-accepted.json")));
    JobCanceller canceller = provider.fromEnv(envOnServer()::get);
    assertEquals("layers", canceller.provider());
    assertInstanceOf(CancelPending.class, canceller.cancel(JOB));
    assertCancelRequest(take(server), JOB);
  }

  @Test
  void buildWithoutKeyFails() {
    assertThrows(IllegalStateException.class, () -> LayersCanceller.builder().build());
  }

  @Test
  void plainHttpIsRefusedForARemoteHost() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LayersCanceller.builder().baseUrl("http://api.layers.com"));
  }

  @Test
  void onlyTheCancellerItsBuilderAndItsProviderArePublic() {
    assertTrue(Modifier.isFinal(LayersCanceller.class.getModifiers()));
    assertTrue(JobCanceller.class.isAssignableFrom(LayersCanceller.class));
    for (Class<?> type :
        List.of(
            LayersApi.class,
            LayersMapper.class,
            LayersJob.class,
            LayersCancelAnswer.class,
            LayersError.class)) {
      assertFalse(Modifier.isPublic(type.getModifiers()), type + " is public");
    }
    assertTrue(Modifier.isPublic(LayersCanceller.Builder.class.getModifiers()));
    // ServiceLoader needs a public class with a public no-argument constructor.
    assertTrue(Modifier.isPublic(LayersCanceller.Provider.class.getModifiers()));
  }
}
