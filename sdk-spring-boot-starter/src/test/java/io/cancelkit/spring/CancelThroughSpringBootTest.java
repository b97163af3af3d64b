package io.cancelkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobRef;
import io.cancelkit.scale.ScaleCanceller;
import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.PlangrepSimulator;
import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * A whole Spring Boot application, configured only by properties, cancels on the five vendors'
 * simulators through the {@link CancelRouter} injected into its own bean. It starts the application
 * itself where {@code @SpringBootTest} would: Spring's JUnit extension needs JUnit 6.
 */
class CancelThroughSpringBootTest {
  static LayersSimulator layers;
  static PlangrepSimulator plangrep;
  static ScaleSimulator scale;
  static OmniSimulator omni;
  static MoguSimulator mogu;
  static ConfigurableApplicationContext context;

  @BeforeAll
  static void startSimulatorsAndApplication() {
    layers = Simulators.layers();
    plangrep = Simulators.plangrep();
    scale = Simulators.scale();
    omni = Simulators.omni();
    mogu = Simulators.mogu();
    // What an application.yml would hold, pointing each vendor at its simulator.
    Map<String, Object> properties =
        Map.ofEntries(
            Map.entry("cancelkit.layers.api-key", layers.apiKey()),
            Map.entry("cancelkit.layers.base-url", layers.baseUrl()),
            Map.entry("cancelkit.plangrep.api-key", plangrep.apiKey()),
            Map.entry("cancelkit.plangrep.base-url", plangrep.baseUrl()),
            Map.entry("cancelkit.scale.api-key", scale.apiKey()),
            Map.entry("cancelkit.scale.account-id", scale.accountId()),
            Map.entry("cancelkit.scale.project-id", scale.projectId()),
            Map.entry("cancelkit.scale.base-url", scale.baseUrl()),
            Map.entry("cancelkit.omni.api-key", omni.apiKey()),
            Map.entry("cancelkit.omni.base-url", omni.baseUrl()),
            Map.entry("cancelkit.mogu.api-key", mogu.apiKey()),
            Map.entry("cancelkit.mogu.base-url", mogu.baseUrl()),
            // Short polls, so that awaiting a cancel takes milliseconds, not the vendors' paces.
            Map.entry("cancelkit.poll-interval", "20ms"));
    SpringApplication app = TestApplication.with(properties);
    app.addPrimarySources(List.of(Jobs.class));
    context = app.run();
  }

  @AfterAll
  static void stop() {
    if (context != null) context.close();
    for (AutoCloseable sim : new AutoCloseable[] {layers, plangrep, scale, omni, mogu}) {
      try {
        if (sim != null) sim.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void applicationCancelsOnEveryVendorThroughTheInjectedRouter() {
    Jobs jobs = context.getBean(Jobs.class);
    assertThat(jobs.router.providers()).containsExactly("layers", "mogu", "omni", "plangrep", "scale");

    String layersJob = layers.addJob("content_generate", "rendering", "running");
    String plangrepJob = plangrep.addJob("processing");
    String scaleJob = scale.addJob("running");
    String omniJob = omni.addJob("EXECUTING");
    String moguJob = mogu.addJob("processing", "generatingBlocks");

    assertThat(jobs.cancel("layers:" + layersJob)).isInstanceOf(Cancelled.class);
    assertThat(jobs.cancel("plangrep:" + plangrepJob)).isInstanceOf(Cancelled.class);
    assertThat(jobs.cancel("scale:" + scaleJob)).isInstanceOf(Cancelled.class);
    assertThat(jobs.cancel("omni:" + omniJob)).isInstanceOf(Cancelled.class);
    assertThat(jobs.cancel("mogu:" + moguJob)).isInstanceOf(Cancelled.class);

    // The vendors' own records agree: each job is cancelled there, in the vendor's word.
    assertThat(layers.status(layersJob)).isEqualTo("canceled");
    assertThat(plangrep.status(plangrepJob)).isEqualTo("cancelled");
    assertThat(scale.status(scaleJob)).isEqualTo("cancelled");
    assertThat(omni.status(omniJob)).isEqualTo("CANCELLED");
    assertThat(mogu.status(moguJob)).isEqualTo("canceled");
  }

  @Test
  void vendorsTypeIsInjectableForItsExtras() {
    // Scale's own class, for what only it has: a project per call.
    ScaleCanceller scaleCanceller = context.getBean(ScaleCanceller.class);
    String jobId = scale.addJob("running");
    assertThat(scaleCanceller.cancel(scale.projectId(), jobId)).isNotInstanceOf(Failed.class);
    List<String> lines = scale.requestLines();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("POST /v1/projects/" + scale.projectId() + "/jobs/" + jobId + "/cancel");
  }

  /** An application's bean, given the router by constructor as any Spring bean would be. */
  @Component
  static class Jobs {
    final CancelRouter router;

    Jobs(CancelRouter router) {
      this.router = router;
    }

    /** Cancels the job named {@code provider:jobId} and waits until the vendor confirms it. */
    CancelOutcome cancel(String ref) {
      return router.cancelAndAwait(JobRef.parse(ref), Duration.ofSeconds(10));
    }
  }
}
