package io.cancelkit.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A vendor module's entry for {@link ServiceLoader}: its name, its environment variables, and a
 * canceller built from an environment.
 *
 * <p>Each vendor module registers one, so that tools (the {@code cancelkit} command, a router built
 * from the environment) find the vendors on the classpath without naming them: a new vendor is a
 * new module. Implementations are stateless and thread-safe.
 */
public interface CancellerProvider {
  /**
   * The vendor's name.
   *
   * @return the name its cancellers' {@link JobCanceller#provider()} returns, such as {@code layers}
   */
  String name();

  /**
   * The variables {@link #fromEnv} needs.
   *
   * @return their names, such as {@code LAYERS_API_KEY}
   */
  List<String> requiredVariables();

  /**
   * The variables {@link #fromEnv} also reads when set, such as {@code LAYERS_BASE_URL} (a staging
   * host, a proxy, a simulator).
   *
   * @return their names; empty when the vendor reads none
   */
  List<String> optionalVariables();

  /**
   * A canceller configured from {@code env} (a variable's name to its value, or null when unset),
   * with defaults for everything else.
   *
   * @param env a variable's name to its value, or null when unset
   * @return a new canceller
   * @throws IllegalStateException naming the first required variable that is unset or blank
   * @throws IllegalArgumentException naming a variable whose value is malformed
   */
  default JobCanceller fromEnv(Function<String, String> env) {
    return fromEnv(env, builder -> {});
  }

  /**
   * As {@link #fromEnv(Function)}, with {@code options} applied to the vendor's builder after the
   * environment: a tool's shared settings ({@code timeout}, {@code maxAttempts}, a listener, an
   * {@code OkHttpClient}) for every vendor alike.
   *
   * @param env a variable's name to its value, or null when unset
   * @param options applied to the builder before {@code build()}; what it sets wins over the
   *     environment
   * @return a new canceller
   * @throws IllegalStateException naming the first required variable that is unset or blank
   * @throws IllegalArgumentException naming a variable whose value is malformed
   */
  JobCanceller fromEnv(Function<String, String> env, Consumer<? super CancellerBuilder<?>> options);

  /**
   * A canceller for reading jobs ({@link JobCanceller#status}) from {@code env}: as {@link
   * #fromEnv(Function, Consumer)} unless the vendor's status GET is public, in which case no key is
   * needed (Mogu).
   *
   * @param env a variable's name to its value, or null when unset
   * @param options applied to the builder before {@code build()}
   * @return a new canceller, which may hold no key
   */
  default JobCanceller forStatus(
      Function<String, String> env, Consumer<? super CancellerBuilder<?>> options) {
    return fromEnv(env, options);
  }

  /**
   * The vendor's documented client-side limits per key, which a {@link CancelRouter#cancelAll} lane
   * keeps unless told otherwise.
   *
   * @return the limits; empty (the default) where the vendor documents none
   */
  default List<RateLimit> rateLimits() {
    return List.of();
  }

  /**
   * Whether {@code env} sets every {@linkplain #requiredVariables() required variable}.
   *
   * @param env a variable's name to its value, or null when unset
   * @return true when each required variable is set and not blank
   */
  default boolean isConfigured(Function<String, String> env) {
    for (String name : requiredVariables()) {
      String value = env.apply(name);
      if (value == null || value.isBlank()) return false;
    }
    return true;
  }

  /**
   * Every provider on the class or module path.
   *
   * @return the providers {@link ServiceLoader} finds, sorted by {@link #name()}; unmodifiable
   */
  static List<CancellerProvider> installed() {
    List<CancellerProvider> all = new ArrayList<>();
    ServiceLoader.load(CancellerProvider.class, CancellerProvider.class.getClassLoader())
        .forEach(all::add);
    all.sort(Comparator.comparing(CancellerProvider::name));
    return List.copyOf(all);
  }
}
