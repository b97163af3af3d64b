package io.cancelkit.core.internal;

import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link CancellerProvider} of a vendor module, from its name, its variables, how its builder
 * reads an environment and how a builder builds. Not API.
 *
 * @param <B> the vendor's builder type
 */
public abstract class VendorProvider<B extends CancellerBuilder<B>> implements CancellerProvider {
  private final String name;
  private final List<String> requiredVariables;
  private final List<String> optionalVariables;
  private final Function<Function<String, String>, B> builderFromEnv;
  private final Function<? super B, ? extends JobCanceller> build;

  /**
   * A provider named {@code name} whose {@link #fromEnv} configures a builder with {@code
   * builderFromEnv}, applies the options, then calls {@code build}.
   */
  protected VendorProvider(
      String name,
      List<String> requiredVariables,
      List<String> optionalVariables,
      Function<Function<String, String>, B> builderFromEnv,
      Function<? super B, ? extends JobCanceller> build) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.requiredVariables = List.copyOf(requiredVariables);
    this.optionalVariables = List.copyOf(optionalVariables);
    this.builderFromEnv = Objects.requireNonNull(builderFromEnv, "builderFromEnv == null");
    this.build = Objects.requireNonNull(build, "build == null");
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<String> requiredVariables() {
    return requiredVariables;
  }

  @Override
  public final List<String> optionalVariables() {
    return optionalVariables;
  }

  @Override
  public final JobCanceller fromEnv(
      Function<String, String> env, Consumer<? super CancellerBuilder<?>> options) {
    B builder = builderFromEnv.apply(env);
    options.accept(builder);
    return build.apply(builder);
  }
}
