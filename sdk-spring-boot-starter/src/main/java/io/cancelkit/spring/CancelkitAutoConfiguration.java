package io.cancelkit.spring;

import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.micrometer.CancelkitObservations;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link JobCanceller} bean for each vendor whose {@code cancelkit.<vendor>.api-key}
 * is set ({@code layersCanceller}, of type {@code LayersCanceller}, and so on) and a {@link
 * CancelRouter} over every {@code JobCanceller} bean. The cancellers use the application's {@link
 * OkHttpClient} bean and {@link CancelListener} bean where it has exactly one; with sdk-micrometer on
 * the class path and an {@code ObservationRegistry} bean, that listener records Observations.
 *
 * <p>Every bean gives way to the application's own: a {@code CancelRouter} or {@code CancelListener}
 * bean, or a canceller bean of the vendor's name or type.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@EnableConfigurationProperties(CancelkitProperties.class)
@Import(CancellerRegistrar.class)
public final class CancelkitAutoConfiguration {
  /** The bean that makes the vendors' canceller beans. */
  static final String FACTORY_BEAN = "cancelkitCancellerFactory";

  /** For Spring. */
  public CancelkitAutoConfiguration() {}

  @Bean(FACTORY_BEAN)
  CancellerFactory cancelkitCancellerFactory(
      Environment environment,
      CancelkitProperties properties,
      ObjectProvider<OkHttpClient> httpClient,
      ObjectProvider<CancelListener> listener) {
    return new CancellerFactory(environment, properties, httpClient, listener);
  }

  /**
   * A router over every {@link JobCanceller} bean, in their order; with no vendor configured it is
   * present and empty, so that an application that injects it starts and its calls say no vendor
   * is configured.
   */
  @Bean
  @ConditionalOnMissingBean
  CancelRouter cancelRouter(ObjectProvider<JobCanceller> cancellers) {
    return CancelRouter.of(cancellers.orderedStream().toList());
  }

  /**
   * With sdk-micrometer on the class path and an {@link ObservationRegistry} bean (Spring Boot's, or
   * the application's): a listener that records each call as an Observation, unless the application
   * has a {@link CancelListener} of its own.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ObservationRegistry.class, CancelkitObservations.class})
  static class ObservationConfiguration {
    @Bean
    @ConditionalOnBean(ObservationRegistry.class)
    @ConditionalOnMissingBean(CancelListener.class)
    CancelListener cancelkitObservationListener(ObservationRegistry registry) {
      return CancelkitObservations.listener(registry);
    }
  }

  /** Masks the vendors' keys in {@code /actuator/env} and {@code /actuator/configprops}. */
  // Every mention of SanitizingFunction stays in this class: Spring introspects the outer class's
  // methods, which must load without Actuator on the class path.
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SanitizingFunction.class)
  static class KeySanitizingConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "cancelkitKeySanitizer")
    SanitizingFunction cancelkitKeySanitizer(Environment environment) {
      return keySanitizer(environment);
    }

    /**
     * Masks a value whose property is a vendor's key property in any spelling ({@code
     * cancelkit.layers.api-key}, {@code CANCELKIT_LAYERS_API_KEY}), and any value that contains a
     * configured key, such as the variable a placeholder read it from or {@code sun.java.command}.
     * Actuator shows no values at all by default ({@code show-values=never}); this holds when an
     * application shows them.
     */
    static SanitizingFunction keySanitizer(Environment environment) {
      List<String> keyProperties = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (CancellerProvider provider : CancellerProvider.installed()) {
        VendorProperties vendor = VendorProperties.of(provider, environment);
        if (vendor.keyProperty() != null) keyProperties.add(squash(vendor.keyProperty()));
        if (vendor.key() != null) keys.add(vendor.key());
      }
      return SanitizingFunction.sanitizeValue()
          .ifKeyMatches(key -> keyProperties.contains(squash(key)))
          .ifValueStringMatches(value -> keys.stream().anyMatch(value::contains));
    }

    // One spelling of a property for every relaxed form: letters and digits, lower case.
    private static String squash(String property) {
      return property.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
  }
}
