package io.cancelkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.JobRef;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.micrometer.CancelkitObservations;
import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.Simulators;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ObservationTest {
  final LayersSimulator sim = Simulators.layers();

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CancelkitAutoConfiguration.class))
          .withPropertyValues(
              "cancelkit.layers.api-key=" + sim.apiKey(),
              "cancelkit.layers.base-url=" + sim.baseUrl());

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void callIsRecordedAsAnObservationWhenTheApplicationHasARegistry() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    String jobId = sim.addJob("content_generate", "rendering", "running");
    runner
        .withBean(ObservationRegistry.class, () -> registry)
        .run(
            context -> {
              CancelOutcome outcome =
                  context.getBean(CancelRouter.class).cancel(JobRef.of("layers", jobId));
              assertThat(outcome).isInstanceOf(CancelPending.class);
              TestObservationRegistryAssert.assertThat(registry)
                  .hasSingleObservationThat()
                  .hasNameEqualTo("cancelkit.cancel")
                  .hasBeenStarted()
                  .hasBeenStopped()
                  .hasLowCardinalityKeyValue("cancelkit.provider", "layers")
                  .hasLowCardinalityKeyValue("cancelkit.outcome", "CancelPending")
                  .hasHighCardinalityKeyValue("cancelkit.job.id", jobId);
            });
  }

  @Test
  void springBootsOwnRegistryIsPickedUp() {
    // Ordered after Spring Boot's ObservationAutoConfiguration, so its registry bean is seen.
    runner
        .withConfiguration(
            AutoConfigurations.of(ObservationAutoConfiguration.class, CancelkitAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(ObservationRegistry.class);
              assertThat(context).hasBean("cancelkitObservationListener");
            });
  }

  @Test
  void withoutARegistryNoListenerIsDefined() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(CancelListener.class);
          assertThat(context.getBean(CancelRouter.class).providers()).containsExactly("layers");
        });
  }

  @Test
  void withoutSdkMicrometerTheStarterStillWorks() {
    // sdk-micrometer is an optional dependency: an application without it loses only observations.
    runner
        .withClassLoader(new FilteredClassLoader(CancelkitObservations.class))
        .withBean(ObservationRegistry.class, TestObservationRegistry::create)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(CancelListener.class);
              assertThat(context.getBean(CancelRouter.class).providers()).containsExactly("layers");
            });
  }

  @Test
  void applicationsOwnListenerReplacesTheObservationsAndHearsEveryCall() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    Recording own = new Recording();
    String jobId = sim.addJob("content_generate", "rendering", "running");
    runner
        .withBean(ObservationRegistry.class, () -> registry)
        .withBean(CancelListener.class, () -> own)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("cancelkitObservationListener");
              context.getBean(CancelRouter.class).cancel(JobRef.of("layers", jobId));
              assertThat(own.events).containsExactly("callStart " + jobId, "callEnd CancelPending");
              TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
            });
  }

  /** Records the start and end of each call. */
  static final class Recording implements CancelListener {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void callStart(Call call) {
      events.add("callStart " + call.jobId());
    }

    @Override
    public synchronized void callEnd(Call call, CancelOutcome outcome) {
      events.add("callEnd " + outcome.getClass().getSimpleName());
    }
  }
}
