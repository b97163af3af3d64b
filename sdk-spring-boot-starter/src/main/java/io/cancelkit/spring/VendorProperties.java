package io.cancelkit.spring;

import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * One vendor's {@code cancelkit.<vendor>.*} properties, read as the environment variables that its
 * {@link CancellerProvider} names: {@code cancelkit.scale.account-id} is {@code SGP_ACCOUNT_ID},
 * where {@code SGP} is what comes before the first {@code _} of the provider's first required
 * variable. So the starter knows no vendor: a new vendor module brings its own properties.
 */
final class VendorProperties {
  // A variable's name where it stands alone, not as part of a longer one.
  private static final String NOT_NAME_CHAR = "(?![A-Za-z0-9_])";

  private final CancellerProvider provider;
  private final String prefix;
  private final Map<String, String> propertyOfVariable = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();
  private final Environment environment;
  private final Binder binder;

  private VendorProperties(CancellerProvider provider, Environment environment) {
    this.provider = provider;
    this.environment = environment;
    this.binder = Binder.get(environment);
    this.prefix = "cancelkit." + provider.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    // A vendor that requires nothing has no key property to turn it on: it stays off.
    String first = provider.requiredVariables().isEmpty() ? "" : provider.requiredVariables().get(0);
    int underscore = first.indexOf('_');
    String envPrefix = underscore < 0 ? "" : first.substring(0, underscore + 1);
    for (String variable : provider.requiredVariables()) {
      String property = add(variable, envPrefix);
      if (property != null) required.add(property);
    }
    for (String variable : provider.optionalVariables()) {
      add(variable, envPrefix);
    }
  }

  /** The properties of {@code provider}, read from {@code environment}. */
  static VendorProperties of(CancellerProvider provider, Environment environment) {
    return new VendorProperties(provider, environment);
  }

  private String add(String variable, String envPrefix) {
    // A variable outside the vendor's prefix has no property: it is left unset.
    if (!variable.startsWith(envPrefix) || variable.length() == envPrefix.length()) return null;
    String suffix = variable.substring(envPrefix.length());
    String property = prefix + "." + suffix.toLowerCase(Locale.ROOT).replace('_', '-');
    propertyOfVariable.put(variable, property);
    return property;
  }

  /** {@code cancelkit.<vendor>}, the prefix of the vendor's properties. */
  String prefix() {
    return prefix;
  }

  /**
   * The property of the first required variable, such as {@code cancelkit.layers.api-key}; null for
   * a vendor that requires none.
   */
  String keyProperty() {
    return required.isEmpty() ? null : required.get(0);
  }

  /** Every property of the vendor, required ones first. */
  List<String> properties() {
    return List.copyOf(propertyOfVariable.values());
  }

  /** True when the key property is present, blank or not: the vendor is then configured. */
  boolean isConfigured() {
    return keyProperty() != null && value(keyProperty()) != null;
  }

  /** The key property's value, or null when it is absent or blank. */
  String key() {
    String key = keyProperty() == null ? null : value(keyProperty());
    return key == null || key.isBlank() ? null : key.trim();
  }

  /**
   * A canceller from these properties, with {@code options} (the shared settings) applied after
   * them.
   *
   * @throws InvalidCancelkitPropertyException naming the property that is missing or malformed
   */
  JobCanceller create(Consumer<? super CancellerBuilder<?>> options) {
    for (String property : required) {
      String value = value(property);
      if (value != null && value.isBlank()) throw invalid(property, "must not be blank", null);
    }
    Function<String, String> env =
        variable -> {
          String property = propertyOfVariable.get(variable);
          return property == null ? null : value(property);
        };
    try {
      return provider.fromEnv(env, options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The provider names environment variables; the application set properties.
      String message = String.valueOf(e.getMessage()).replace("environment variable ", "property ");
      String property = blame(message);
      for (Map.Entry<String, String> v : propertyOfVariable.entrySet()) {
        message =
            message.replaceAll(
                Pattern.quote(v.getKey()) + NOT_NAME_CHAR, Matcher.quoteReplacement(v.getValue()));
      }
      if (message.startsWith(property + ": ")) message = message.substring(property.length() + 2);
      throw invalid(property, message, e);
    }
  }

  /**
   * The property a provider's message is about: the first variable it names ({@code
   * LAYERS_BASE_URL: ...}) or else the first builder option it names ({@code instance must be a DNS
   * label}, {@code accountId is blank}); the vendor's prefix when it names neither.
   */
  private String blame(String message) {
    String blamed = prefix;
    int first = Integer.MAX_VALUE;
    for (Map.Entry<String, String> v : propertyOfVariable.entrySet()) {
      int at = find(message, Pattern.quote(v.getKey()) + NOT_NAME_CHAR);
      if (at < first) {
        first = at;
        blamed = v.getValue();
      }
    }
    if (first != Integer.MAX_VALUE) return blamed;
    for (String property : propertyOfVariable.values()) {
      String option = camelCase(property.substring(prefix.length() + 1));
      int at = find(message, "\\b" + option + "\\b");
      if (at < first) {
        first = at;
        blamed = property;
      }
    }
    return blamed;
  }

  private static int find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.start() : Integer.MAX_VALUE;
  }

  private static String camelCase(String kebab) {
    StringBuilder s = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        s.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return s.toString();
  }

  private InvalidCancelkitPropertyException invalid(String property, String reason, Throwable cause) {
    return new InvalidCancelkitPropertyException(
        property, reason, origin(property), describe(), cause);
  }

  /** The property's value with placeholders resolved and relaxed names matched, or null. */
  private String value(String property) {
    return binder.bind(property, String.class).orElse(null);
  }

  /** Where the property was set, such as a line of {@code application.yml}, or null. */
  private Origin origin(String property) {
    if (!ConfigurationPropertyName.isValid(property)) return null;
    ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      ConfigurationProperty found = source.getConfigurationProperty(name);
      if (found != null) return found.getOrigin();
    }
    return null;
  }

  /** Lists the properties, marking the required ones, for a failure's suggested action. */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (String property : propertyOfVariable.values()) {
      parts.add(property + (required.contains(property) ? " (required)" : ""));
    }
    return String.join(", ", parts);
  }
}
