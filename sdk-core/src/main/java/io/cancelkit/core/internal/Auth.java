package io.cancelkit.core.internal;

import java.util.Objects;

/**
 * How a vendor carries the API key: the header the engine's client adds to every request whose
 * Retrofit method is not marked {@link Unauthenticated}.
 *
 * <p>The key is added by the client, not passed to the vendor's API interface, so that no vendor
 * code ever holds it.
 */
public final class Auth {
  private final String header;
  private final String prefix;

  private Auth(String header, String prefix) {
    this.header = header;
    this.prefix = prefix;
  }

  /** {@code Authorization: Bearer <key>}. */
  public static Auth bearer() {
    return new Auth("Authorization", "Bearer ");
  }

  /** {@code <name>: <key>}, such as {@code x-api-key}. */
  public static Auth header(String name) {
    return new Auth(Objects.requireNonNull(name, "name == null"), "");
  }

  /** The header's name. */
  public String headerName() {
    return header;
  }

  String value(String apiKey) {
    return prefix + apiKey;
  }

  @Override
  public String toString() {
    return header + ": " + prefix + Redactor.MASK;
  }
}
