package io.cancelkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.internal.StubCanceller;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CancellerProviderTest {
  /** A provider with a name and the variables it requires; its canceller is a stub. */
  abstract static class Stub implements CancellerProvider {
    private final String name;
    private final List<String> required;

    Stub(String name, List<String> required) {
      this.name = name;
      this.required = required;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> requiredVariables() {
      return required;
    }

    @Override
    public List<String> optionalVariables() {
      return List.of(name.toUpperCase(Locale.ROOT) + "_BASE_URL");
    }

    @Override
    public JobCanceller fromEnv(
        Function<String, String> env, Consumer<? super CancellerBuilder<?>> options) {
      return new StubCanceller(name);
    }
  }

  /** Needs two variables, as Scale's provider does; registered for ServiceLoader in tests. */
  public static final class Zeta extends Stub {
    /** For ServiceLoader. */
    public Zeta() {
      super("zeta", List.of("ZETA_API_KEY", "ZETA_ACCOUNT_ID"));
    }
  }

  /** Needs nothing; registered second, so that the order of {@code installed()} shows. */
  public static final class Alpha extends Stub {
    /** For ServiceLoader. */
    public Alpha() {
      super("alpha", List.of());
    }
  }

  static Function<String, String> env(Map<String, String> variables) {
    return variables::get;
  }

  @Test
  void isConfiguredOnlyWhenEveryRequiredVariableIsSetAndNotBlank() {
    CancellerProvider zeta = new Zeta();

    assertTrue(zeta.isConfigured(env(Map.of("ZETA_API_KEY", "k", "ZETA_ACCOUNT_ID", "a"))));
    assertFalse(zeta.isConfigured(env(Map.of("ZETA_API_KEY", "k"))));
    assertFalse(zeta.isConfigured(env(Map.of("ZETA_API_KEY", "k", "ZETA_ACCOUNT_ID", "  "))));
    assertFalse(
        zeta.isConfigured(env(Map.of("ZETA_API_KEY", "k", "ZETA_BASE_URL", "https://z"))),
        "an optional variable stands in for no required one");
    assertTrue(new Alpha().isConfigured(env(Map.of())), "nothing required, always configured");
  }

  @Test
  void installedFindsEveryRegisteredProviderByName() {
    List<String> names = CancellerProvider.installed().stream().map(CancellerProvider::name).toList();

    assertEquals(List.of("alpha", "paced", "zeta"), names);
  }
}
