package io.cancelkit.layers;

import static io.cancelkit.layers.LayersFixtures.API_KEY;
import static io.cancelkit.layers.LayersFixtures.builder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.JobCanceller;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Construction, environment and the public surface of {@link LayersCanceller}. */
class LayersCancellerTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void shutdown() throws IOException {
    server.shutdown();
  }

  @Test
  void fromEnvReadsTheKeyAndUsesTheProductionUrl() {
    LayersCanceller layers = LayersCanceller.fromEnv(Map.of("LAYERS_API_KEY", API_KEY)::get);

    assertEquals("layers", layers.provider());
    assertTrue(layers.toString().contains("https://api.layers.com/"), layers.toString());
    assertFalse(layers.toString().contains(API_KEY), layers.toString());
  }

  @Test
  void fromEnvWithoutTheVariableNamesIt() {
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
  void buildWithoutKeyFails() {
    assertThrows(IllegalStateException.class, () -> LayersCanceller.builder().build());
  }

  @Test
  void toStringNeverShowsTheKey() {
    LayersCanceller layers = builder(server).build();
    String text = layers.toString();

    assertFalse(text.contains(API_KEY), text);
    assertTrue(text.contains(server.url("/prefix/").toString()), text);
    assertFalse(LayersCanceller.builder().apiKey(API_KEY).toString().contains(API_KEY));
  }

  @Test
  void plainHttpIsRefusedForARemoteHost() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LayersCanceller.builder().baseUrl("http://api.layers.com"));
  }

  @Test
  void onlyTheCancellerIsPublic() throws Exception {
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
  }
}
