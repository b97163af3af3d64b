package io.cancelkit.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.omni.OmniCanceller;
import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.Simulators;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's Spring Boot example: its application.yml and {@code Jobs} service, started with the
 * keys as the README's {@code ${LAYERS_API_KEY}} placeholders read them and the base URLs pointed
 * at the simulators.
 */
class SpringExampleTest {
  @Test
  void jobsCancelsThroughTheStartersRouter() {
    try (LayersSimulator layers = Simulators.layers();
        OmniSimulator omni = Simulators.omni();
        ConfigurableApplicationContext context =
            new SpringApplicationBuilder(ExamplesApplication.class)
                .run(
                    "--LAYERS_API_KEY=" + layers.apiKey(),
                    "--OMNI_API_KEY=" + omni.apiKey(),
                    "--cancelkit.layers.base-url=" + layers.baseUrl(),
                    "--cancelkit.omni.base-url=" + omni.baseUrl(),
                    "--spring.main.banner-mode=off")) {
      String job = layers.addJob("content_generate", "rendering", "running");

      assertInstanceOf(CancelPending.class, context.getBean(Jobs.class).cancel("layers:" + job));

      // One bean per configured vendor, of the vendor's own type, and the router over them.
      context.getBean("layersCanceller", LayersCanceller.class);
      context.getBean("omniCanceller", OmniCanceller.class);
      assertEquals(1, context.getBeansOfType(CancelRouter.class).size());
      assertEquals("POST /v1/jobs/" + job + "/cancel", layers.requestLines().get(0));
    }
  }
}
