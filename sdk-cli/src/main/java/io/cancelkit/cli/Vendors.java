package io.cancelkit.cli;

import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The vendors on the class path, found through their {@link CancellerProvider}s, and their
 * cancellers built from the environment exactly as each provider's {@code fromEnv} reads it. The
 * command names no vendor: a new vendor module is a new {@code --vendor} value.
 */
final class Vendors {
  private Vendors() {}

  /**
   * The configured vendors' cancellers and, for each other installed vendor, why it is not
   * configured.
   */
  record Fleet(CancelRouter router, Map<String, String> unconfigured) {}

  /** Every installed vendor's name, sorted. */
  static List<String> names() {
    return CancellerProvider.installed().stream().map(CancellerProvider::name).toList();
  }

  /**
   * The canceller of {@code provider} from {@code env}, with {@code settings} applied to its
   * builder.
   *
   * @throws UsageException naming the variable that is missing or malformed
   */
  static JobCanceller open(
      CancellerProvider provider,
      Function<String, String> env,
      Consumer<? super CancellerBuilder<?>> settings) {
    return build(provider, () -> provider.fromEnv(env, settings));
  }

  /** As {@link #open}, for reading jobs: a vendor whose status GET is public needs no key. */
  static JobCanceller openForStatus(
      CancellerProvider provider,
      Function<String, String> env,
      Consumer<? super CancellerBuilder<?>> settings) {
    return build(provider, () -> provider.forStatus(env, settings));
  }

  private static JobCanceller build(CancellerProvider provider, Supplier<JobCanceller> build) {
    try {
      return build.get();
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage() + "; --vendor " + provider.name() + " needs it");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * A router over every installed vendor whose environment is set.
   *
   * @throws UsageException naming a variable that is set but malformed
   */
  static Fleet openAll(Function<String, String> env, Consumer<? super CancellerBuilder<?>> settings) {
    List<JobCanceller> cancellers = new ArrayList<>();
    Map<String, String> unconfigured = new LinkedHashMap<>();
    for (CancellerProvider p : CancellerProvider.installed()) {
      try {
        // Not configured: its fromEnv says which variable is missing.
        if (!p.isConfigured(env)) p.fromEnv(env);
        cancellers.add(p.fromEnv(env, settings));
      } catch (IllegalStateException e) {
        unconfigured.put(p.name(), e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return new Fleet(CancelRouter.of(cancellers), unconfigured);
  }

  /** Lines for {@code --help}: each vendor's required and optional environment variables. */
  static String[] environmentHelp() {
    List<String> lines = new ArrayList<>();
    for (CancellerProvider p : CancellerProvider.installed()) {
      String line = String.format("  %-9s %s", p.name(), String.join(", ", p.requiredVariables()));
      if (!p.optionalVariables().isEmpty()) {
        line += "; optional " + String.join(", ", p.optionalVariables());
      }
      lines.add(line);
    }
    return lines.toArray(String[]::new);
  }

  /** Parses {@code --vendor}: an installed vendor's name, ignoring case. */
  static final class Converter implements ITypeConverter<CancellerProvider> {
    @Override
    public CancellerProvider convert(String value) {
      for (CancellerProvider p : CancellerProvider.installed()) {
        if (p.name().equalsIgnoreCase(value.trim())) return p;
      }
      throw new TypeConversionException(
          "'" + value + "' is not one of " + String.join(", ", names()));
    }
  }

  /** The installed vendors' names, for {@code ${COMPLETION-CANDIDATES}} in help. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
