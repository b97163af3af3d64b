package io.cancelkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

class InvalidPropertyFailureTest {
  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CancelkitAutoConfiguration.class));

  @ParameterizedTest(name = "{0}={1} fails naming {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // A key property that is present turns the vendor on, so a blank one is a mistake.
        "cancelkit.layers.api-key  | ' '                        | cancelkit.layers.api-key  | must not be blank",
        // Keys travel in a header: whitespace inside one cannot.
        "cancelkit.mogu.api-key    | mogu key with spaces       | cancelkit.mogu.api-key    | cannot be sent in a header",
        "cancelkit.layers.base-url | http://layers.example.com  | cancelkit.layers.base-url | must use https unless the host is loopback",
        "cancelkit.plangrep.base-url | not a url                | cancelkit.plangrep.base-url | not an http or https URL",
        "cancelkit.omni.instance   | acme.omniapp.co            | cancelkit.omni.instance   | must be a DNS label",
        "cancelkit.scale.account-id | ' '                       | cancelkit.scale.account-id | must not be blank",
        "cancelkit.scale.project-id | a/b                       | cancelkit.scale.project-id | contains '/'",
      })
  void badVendorPropertyFailsStartupNamingIt(
      String property, String value, String named, String reason) {
    runner
        .withPropertyValues(
            "cancelkit.layers.api-key=lp_test_a",
            "cancelkit.mogu.api-key=mogu_test_e",
            "cancelkit.plangrep.api-key=pg_test_b",
            "cancelkit.omni.api-key=omni_test_d",
            "cancelkit.omni.instance=acme",
            "cancelkit.scale.api-key=sgp_test_c",
            "cancelkit.scale.account-id=acct_1")
        .withPropertyValues(property + "=" + value)
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .startsWith("Invalid configuration property '" + named + "'")
                  .contains(reason);
              assertThat(analysis.getAction()).contains(named);
            });
  }

  @Test
  void missingRequiredPropertyFailsNamingIt() {
    runner
        .withPropertyValues("cancelkit.scale.api-key=sgp_test_c")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .isEqualTo(
                      "Invalid configuration property 'cancelkit.scale.account-id': property"
                          + " cancelkit.scale.account-id is not set");
              assertThat(analysis.getAction())
                  .contains("cancelkit.scale.api-key (required), cancelkit.scale.account-id (required),"
                      + " cancelkit.scale.project-id, cancelkit.scale.base-url");
            });
  }

  @Test
  void badPropertyFailsStartupEvenWhenBeansAreLazy() {
    runner
        .withPropertyValues(
            "spring.main.lazy-initialization=true", "cancelkit.omni.api-key=omni_test_d")
        .withInitializer(
            context ->
                context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void omniWithNeitherInstanceNorBaseUrlFailsNamingBoth() {
    runner
        .withPropertyValues("cancelkit.omni.api-key=omni_test_d")
        .run(
            context ->
                assertThat(analyze(context.getStartupFailure()).getDescription())
                    .startsWith("Invalid configuration property 'cancelkit.omni.instance'")
                    .contains("cancelkit.omni.instance (or cancelkit.omni.base-url) is not set"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "cancelkit.max-attempts, 0, maxAttempts < 1",
    "cancelkit.timeout, 0s, timeout must be positive",
    "cancelkit.poll-interval, -1s, pollInterval must be positive",
    "cancelkit.initial-backoff, -5ms, initialBackoff is negative",
    "cancelkit.timeout, soon, 'is not a valid duration'",
  })
  void badSharedPropertyFailsAtBindingNamingIt(String property, String value, String reason) {
    // Checked as bound, so even with no vendor configured; Spring Boot's own analysis of a bind
    // failure names the property.
    runner
        .withPropertyValues(property + "=" + value)
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("Property: " + property)
                  .contains(reason);
            });
  }

  @Test
  void failedStartupReportsTheAnalysisAndNeverTheKey() {
    // The real path: SpringApplication finds the analyzer in META-INF/spring.factories and prints
    // its report. The key has a character a header refuses, so the failure is about the key.
    SpringApplication app =
        TestApplication.with(Map.of("cancelkit.layers.api-key", "lp_live_SECRET\tVALUE"));
    String output;
    try (ConsoleCapture console = ConsoleCapture.start()) {
      assertThatThrownBy(app::run).hasMessageContaining("cancelkit.layers.api-key");
      output = console.text();
    }
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Invalid configuration property 'cancelkit.layers.api-key'")
        .doesNotContain("SECRET");
  }

  /** Runs every registered analyzer as Spring Boot does, in order, and returns the first analysis. */
  static FailureAnalysis analyze(Throwable failure) {
    ArgumentResolver args =
        ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
            .and(Environment.class, new StandardEnvironment());
    // As Spring Boot does, analyzers of technologies absent here (web) are skipped.
    List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, args, (type, name, notLoaded) -> {});
    return analyzers.stream()
        .map(a -> a.analyze(failure))
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no analyzer explains " + failure, failure));
  }
}
