package io.cancelkit.spring;

import org.springframework.boot.origin.Origin;

/**
 * A {@code cancelkit.*} property that is missing or malformed, found as a canceller was built; the
 * message names the property and never carries its value.
 */
final class InvalidCancelkitPropertyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String reason;
  private final transient Origin origin;
  private final String vendorProperties;

  /**
   * @param property the property's name, such as {@code cancelkit.omni.instance}
   * @param reason what is wrong with it, without its value where that is a key
   * @param origin where it was set, or null
   * @param vendorProperties the vendor's properties, listed for the suggested action
   * @param cause the SDK's own exception, or null
   */
  InvalidCancelkitPropertyException(
      String property, String reason, Origin origin, String vendorProperties, Throwable cause) {
    super(property + ": " + reason, cause);
    this.property = property;
    this.reason = reason;
    this.origin = origin;
    this.vendorProperties = vendorProperties;
  }

  /** The property's name. */
  String property() {
    return property;
  }

  /** What is wrong with it. */
  String reason() {
    return reason;
  }

  /** Where it was set, or null. */
  Origin origin() {
    return origin;
  }

  /** The vendor's properties, the required ones marked. */
  String vendorProperties() {
    return vendorProperties;
  }
}
