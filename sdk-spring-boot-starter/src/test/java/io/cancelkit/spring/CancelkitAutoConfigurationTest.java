package io.cancelkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobRef;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.mogu.MoguCanceller;
import io.cancelkit.omni.OmniCanceller;
import io.cancelkit.plangrep.PlangrepCanceller;
import io.cancelkit.scale.ScaleCanceller;
import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.Simulators;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CancelkitAutoConfigurationTest {
  // Well-formed keys; no request is sent unless a test points a vendor at a simulator.
  static final String[] ALL_FIVE = {
    "cancelkit.layers.api-key=lp_test_a",
    "cancelkit.plangrep.api-key=pg_test_b",
    "cancelkit.scale.api-key=sgp_test_c",
    "cancelkit.scale.account-id=acct_1",
    "cancelkit.omni.api-key=omni_test_d",
    "cancelkit.omni.instance=acme",
    "cancelkit.mogu.api-key=mogu_test_e"
  };

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CancelkitAutoConfiguration.class));

  @Test
  void noVendorConfiguredGivesNoCancellerAndAnEmptyRouter() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(JobCanceller.class);
          // Present and empty, so an application that injects the router starts without keys.
          assertThat(context).hasSingleBean(CancelRouter.class);
          assertThat(context.getBean(CancelRouter.class).providers()).isEmpty();
        });
  }

  @Test
  void beansExistExactlyForTheConfiguredVendors() {
    runner
        .withPropertyValues(
            "cancelkit.layers.api-key=lp_test_a",
            "cancelkit.omni.api-key=omni_test_d",
            "cancelkit.omni.instance=acme",
            // Only a key turns a vendor on: Scale's other properties alone do not.
            "cancelkit.scale.account-id=acct_1")
        .run(
            context -> {
              assertThat(context.getBeansOfType(JobCanceller.class))
                  .containsOnlyKeys("layersCanceller", "omniCanceller");
              assertThat(context.getBean(CancelRouter.class).providers())
                  .containsExactly("layers", "omni");
            });
  }

  @Test
  void eachVendorsBeanHasTheVendorsOwnTypeAndName() {
    runner
        .withPropertyValues(ALL_FIVE)
        .run(
            context -> {
              assertThat(context.getBean("layersCanceller")).isInstanceOf(LayersCanceller.class);
              assertThat(context.getBean("plangrepCanceller")).isInstanceOf(PlangrepCanceller.class);
              assertThat(context.getBean("scaleCanceller")).isInstanceOf(ScaleCanceller.class);
              assertThat(context.getBean("omniCanceller")).isInstanceOf(OmniCanceller.class);
              assertThat(context.getBean("moguCanceller")).isInstanceOf(MoguCanceller.class);
              // By type, known before the bean is built: what injecting ScaleCanceller needs.
              assertThat(context.getBeanNamesForType(ScaleCanceller.class))
                  .containsExactly("scaleCanceller");
              assertThat(context.getBean(CancelRouter.class).providers())
                  .containsExactly("layers", "mogu", "omni", "plangrep", "scale");
            });
  }

  @Test
  void vendorPropertiesReachTheCanceller() {
    runner
        .withPropertyValues(
            "cancelkit.omni.api-key=omni_test_d",
            "cancelkit.omni.instance=acme",
            "cancelkit.layers.api-key=lp_test_a",
            "cancelkit.layers.base-url=https://layers.staging.example/prefix")
        .run(
            context -> {
              assertThat(context.getBean(OmniCanceller.class).toString())
                  .contains("baseUrl=https://acme.omniapp.co/api/");
              assertThat(context.getBean(LayersCanceller.class).toString())
                  .contains("baseUrl=https://layers.staging.example/prefix/");
            });
  }

  @Test
  void relaxedSpellingsOfThePropertiesAreRead() {
    // As for any Spring Boot property: camel case in a file, or CANCELKIT_SCALE_ACCOUNTID in the
    // environment, are the same property.
    runner
        .withPropertyValues(
            "cancelkit.scale.apiKey=sgp_test_c",
            "cancelkit.scale.accountId=acct_1",
            "cancelkit.scale.project_id=proj_9")
        .run(context -> assertThat(context).hasSingleBean(ScaleCanceller.class));
  }

  @Test
  void sharedSettingsReachEveryCanceller() {
    runner
        .withPropertyValues(ALL_FIVE)
        .withPropertyValues(
            "cancelkit.timeout=5s",
            "cancelkit.max-attempts=1",
            "cancelkit.initial-backoff=50ms",
            "cancelkit.poll-interval=1s")
        .run(
            context -> {
              for (JobCanceller c : context.getBeansOfType(JobCanceller.class).values()) {
                assertThat(c.toString())
                    .contains("maxAttempts=1", "initialBackoff=PT0.05S", "pollInterval=PT1S",
                        "timeout=PT5S");
              }
            });
  }

  @Test
  void unsetSharedSettingsKeepEachVendorsDefaults() {
    // Plangrep asks to be polled no faster than every 5 s: its 6 s default must survive a starter
    // that applies only what was configured.
    runner
        .withPropertyValues(ALL_FIVE)
        .withPropertyValues("cancelkit.max-attempts=2")
        .run(
            context -> {
              assertThat(context.getBean(PlangrepCanceller.class).toString())
                  .contains("pollInterval=PT6S", "maxAttempts=2");
              assertThat(context.getBean(LayersCanceller.class).toString())
                  .contains("pollInterval=PT2S", "timeout=PT30S");
            });
  }

  @Test
  void applicationsOkHttpClientCarriesTheCalls() {
    try (LayersSimulator sim = Simulators.layers()) {
      String jobId = sim.addJob("content_generate", "rendering", "running");
      runner
          .withUserConfiguration(RecordingClient.class)
          .withPropertyValues(
              "cancelkit.layers.api-key=" + sim.apiKey(), "cancelkit.layers.base-url=" + sim.baseUrl())
          .run(
              context -> {
                CancelRouter router = context.getBean(CancelRouter.class);
                assertThat(router.cancel(JobRef.of("layers", jobId)))
                    .isInstanceOf(CancelPending.class);
                // The SDK derives its client from the application's, keeping its interceptors.
                assertThat(context.getBean(RecordingClient.class).seen)
                    .containsExactly("POST /v1/jobs/" + jobId + "/cancel");
              });
    }
  }

  @Test
  void applicationBeanNamedLikeOursReplacesIt() {
    JobCanceller own = LayersCanceller.builder().apiKey("lp_own").build();
    runner
        .withPropertyValues(ALL_FIVE)
        .withBean("layersCanceller", JobCanceller.class, () -> own)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean("layersCanceller")).isSameAs(own);
              assertThat(context.getBean(CancelRouter.class).canceller("layers")).isSameAs(own);
              assertThat(context.getBeansOfType(JobCanceller.class)).hasSize(5);
            });
  }

  @Test
  void applicationBeanOfTheVendorsTypeReplacesOurs() {
    runner
        .withPropertyValues(ALL_FIVE)
        .withUserConfiguration(OwnScale.class)
        .run(
            context -> {
              assertThat(context.getBeansOfType(ScaleCanceller.class)).containsOnlyKeys("myScale");
              assertThat(context.getBean(CancelRouter.class).canceller("scale"))
                  .isSameAs(context.getBean("myScale"));
            });
  }

  @Test
  void applicationsRouterReplacesOurs() {
    CancelRouter own = CancelRouter.of();
    runner
        .withPropertyValues(ALL_FIVE)
        .withBean(CancelRouter.class, () -> own)
        .run(
            context -> {
              assertThat(context.getBean(CancelRouter.class)).isSameAs(own);
              // The cancellers stay: the application may route them itself.
              assertThat(context.getBeansOfType(JobCanceller.class)).hasSize(5);
            });
  }

  /** An application client whose interceptor records each request line. */
  @Configuration(proxyBeanMethods = false)
  static class RecordingClient {
    final List<String> seen = new ArrayList<>();

    @Bean
    OkHttpClient applicationClient() {
      return new OkHttpClient.Builder()
          .addInterceptor(
              chain -> {
                synchronized (seen) {
                  seen.add(chain.request().method() + " " + chain.request().url().encodedPath());
                }
                return chain.proceed(chain.request());
              })
          .build();
    }
  }

  /** An application's own Scale canceller, under a name of its choosing. */
  @Configuration(proxyBeanMethods = false)
  static class OwnScale {
    @Bean
    ScaleCanceller myScale() {
      return ScaleCanceller.builder().apiKey("sgp_own").accountId("acct_own").build();
    }
  }
}
