package io.cancelkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cancelkit.core.CancelRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.PropertySourceDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keys never show in {@code /actuator/env}, {@code /actuator/configprops} or a startup log. The
 * endpoints run for real, without the web layer: their output is what Actuator would serve.
 */
class KeySecrecyTest {
  // Every key holds SECRET, so one assertion finds any of them anywhere.
  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CancelkitAutoConfiguration.class))
          .withInitializer(
              context ->
                  context
                      .getEnvironment()
                      .getPropertySources()
                      .addFirst(
                          new SystemEnvironmentPropertySource(
                              "systemEnvironment",
                              Map.of(
                                  // Read by a placeholder in the application's properties.
                                  "LAYERS_API_KEY", "lp_live_SECRET_1",
                                  // Spring Boot's own environment spelling of a property.
                                  "CANCELKIT_SCALE_API_KEY", "sgp_live_SECRET_2",
                                  "CANCELKIT_SCALE_ACCOUNT_ID", "acct_1"))))
          .withSystemProperties("sun.java.command=app.jar --cancelkit.omni.api-key=omni_live_SECRET_3")
          .withPropertyValues(
              "cancelkit.layers.api-key=${LAYERS_API_KEY}",
              "cancelkit.layers.base-url=https://layers.staging.example",
              "cancelkit.omni.api-key=omni_live_SECRET_3",
              "cancelkit.omni.instance=acme",
              "cancelkit.timeout=7s");

  @Test
  void envEndpointShowsNoKeyWhenValuesAreShown() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(CancelRouter.class).providers())
              .containsExactly("layers", "omni", "scale");
          // show-values=always: only the sanitizing functions stand between a key and the output.
          EnvironmentEndpoint endpoint =
              new EnvironmentEndpoint(context.getEnvironment(), sanitizers(context), Show.ALWAYS);
          List<String> shown = new ArrayList<>();
          for (PropertySourceDescriptor source : endpoint.environment(null).getPropertySources()) {
            source.getProperties().forEach((name, value) -> shown.add(name + "=" + value.getValue()));
          }
          assertThat(String.join("\n", shown))
              .doesNotContain("SECRET")
              // Everything else still shows: the masking is not a blanket one.
              .contains("cancelkit.layers.base-url=https://layers.staging.example")
              .contains("CANCELKIT_SCALE_ACCOUNT_ID=acct_1")
              .contains("LAYERS_API_KEY=" + SanitizableData.SANITIZED_VALUE)
              .contains("cancelkit.omni.api-key=" + SanitizableData.SANITIZED_VALUE);
        });
  }

  @Test
  void envEndpointShowsNothingByDefault() {
    // Spring Boot's default, management.endpoint.env.show-values=never, masks every value.
    runner.run(
        context -> {
          EnvironmentEndpoint endpoint =
              new EnvironmentEndpoint(context.getEnvironment(), List.of(), Show.NEVER);
          assertThat(
                  endpoint
                      .environmentEntry("cancelkit.omni.api-key")
                      .getProperty()
                      .getValue())
              .isEqualTo(SanitizableData.SANITIZED_VALUE);
        });
  }

  @Test
  void configpropsEndpointShowsNoKey() {
    // The keys are bound to no @ConfigurationProperties bean: the report shows the shared settings.
    runner.run(
        context -> {
          ConfigurationPropertiesReportEndpoint endpoint =
              new ConfigurationPropertiesReportEndpoint(sanitizers(context), Show.ALWAYS);
          endpoint.setApplicationContext(context.getSourceApplicationContext());
          String report =
              JsonMapper.builder().build().writeValueAsString(endpoint.configurationProperties());
          assertThat(report).contains("\"properties\":{\"timeout\":\"PT7S\"}").doesNotContain("SECRET");
        });
  }

  @Test
  void sanitizerMasksKeysAddedLaterInAnySpelling() {
    // As Actuator applies it: applyUnlessFiltered, which masks only what the function's filter takes.
    SanitizingFunction sanitizer = CancelkitAutoConfiguration.KeySanitizingConfiguration.keySanitizer(new MockEnvironment());
    for (String key :
        List.of(
            "cancelkit.mogu.api-key",
            "cancelkit.mogu.apiKey",
            "CANCELKIT_MOGU_API_KEY",
            "CANCELKIT_MOGU_APIKEY")) {
      assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, key, "mogu_live_x")).getValue())
          .as(key)
          .isEqualTo(SanitizableData.SANITIZED_VALUE);
    }
    assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, "cancelkit.mogu.base-url", "https://m")))
        .extracting(SanitizableData::getValue)
        .isEqualTo("https://m");
  }

  @Test
  void withoutActuatorNoSanitizerIsDefined() {
    runner
        .withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("cancelkitKeySanitizer");
            });
  }

  @Test
  void startupLogNeverShowsTheKey() {
    // With the condition report and debug logging on, as an operator chasing a problem would run.
    SpringApplication app =
        TestApplication.with(
            Map.of(
            "debug", "true",
            "logging.level.io.cancelkit", "trace",
            "logging.level.org.springframework.boot.context", "debug",
            "cancelkit.layers.api-key", "lp_live_SECRET_4",
            "cancelkit.omni.api-key", "omni_live_SECRET_5",
                "cancelkit.omni.instance", "acme"));
    String output;
    try (ConsoleCapture console = ConsoleCapture.start();
        ConfigurableApplicationContext context = app.run()) {
      assertThat(context.getBean(CancelRouter.class).providers()).containsExactly("layers", "omni");
      output = console.text();
    }
    assertThat(output).contains("CONDITIONS EVALUATION REPORT").doesNotContain("SECRET");
  }

  private static List<SanitizingFunction> sanitizers(
      ApplicationContext context) {
    return context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
  }
}
