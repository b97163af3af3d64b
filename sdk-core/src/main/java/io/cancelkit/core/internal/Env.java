package io.cancelkit.core.internal;

import io.cancelkit.core.CancellerBuilder;
import java.util.function.Function;

/** Reads the environment variables behind each vendor's {@code fromEnv()}. */
public final class Env {
  private Env() {}

  /** Returns the variable's value, or throws naming the variable (never its value). */
  public static String require(Function<String, String> env, String name) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value.trim();
  }

  /** Returns the variable's value, or null when it is unset or blank. */
  public static String optional(Function<String, String> env, String name) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * Points {@code builder} at the base URL in variable {@code name} when it is set, and returns it;
   * a malformed value is an {@link IllegalArgumentException} naming the variable, as {@link
   * io.cancelkit.core.CancellerProvider#fromEnv} promises.
   */
  public static <B extends CancellerBuilder<?>> B baseUrl(
      Function<String, String> env, String name, B builder) {
    String value = optional(env, name);
    if (value == null) return builder;
    try {
      builder.baseUrl(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    return builder;
  }
}
