package io.cancelkit.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed on a bad {@code cancelkit.*} property: which property, where it was
 * set and why it is refused, never its value. Registered in {@code META-INF/spring.factories}.
 */
final class InvalidCancelkitPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidCancelkitPropertyException> {
  /** For {@code SpringFactoriesLoader}. */
  InvalidCancelkitPropertyFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCancelkitPropertyException cause) {
    String where = cause.origin() == null ? "" : " (set in " + cause.origin() + ")";
    String description =
        "Invalid configuration property '" + cause.property() + "'" + where + ": " + cause.reason();
    String action =
        "Correct or remove '"
            + cause.property()
            + "'. The vendor's properties are: "
            + cause.vendorProperties()
            + ".";
    return new FailureAnalysis(description, action, cause);
  }
}
