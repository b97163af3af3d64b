package io.cancelkit.spring;

import io.cancelkit.core.CancellerBuilder;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings every auto-configured canceller shares, under {@code cancelkit}: retries and timing.
 *
 * <p>An unset value leaves the vendor's own default, so a vendor that documents a slower polling
 * pace keeps it. Each value is checked by the SDK's own rule as it is bound, so a bad one fails
 * startup naming its property. The vendors' keys, URLs and extras are not here but under {@code
 * cancelkit.<vendor>}, read through each vendor module's {@link io.cancelkit.core.CancellerProvider}.
 */
@ConfigurationProperties("cancelkit")
public class CancelkitProperties {
  /** Overall deadline of one call, retries included. Default 30s. */
  private Duration timeout;

  /** HTTP attempts per call, retries included; 1 disables retries. Default 3. */
  private Integer maxAttempts;

  /** First retry's backoff ceiling, doubled per retry with full jitter up to 8s. Default 500ms. */
  private Duration initialBackoff;

  /**
   * First poll delay of cancelAndAwait, grown x1.3 per poll up to 10s. Default 2s, or the vendor's
   * documented minimum polling pace where it asks for a slower one (Plangrep: 6s).
   */
  private Duration pollInterval;

  /** {@return the overall deadline of one call, or null for the default} */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets the overall deadline of one call; it must be positive.
   *
   * @param timeout the deadline, or null for the default of 30 s
   * @throws IllegalArgumentException if it is zero or negative
   */
  public void setTimeout(Duration timeout) {
    if (timeout != null) new Check().timeout(timeout);
    this.timeout = timeout;
  }

  /** {@return the HTTP attempts per call, or null for the default} */
  public Integer getMaxAttempts() {
    return maxAttempts;
  }

  /**
   * Sets the HTTP attempts per call; at least 1.
   *
   * @param maxAttempts the attempts, retries included, or null for the default of 3
   * @throws IllegalArgumentException if it is below 1
   */
  public void setMaxAttempts(Integer maxAttempts) {
    if (maxAttempts != null) new Check().maxAttempts(maxAttempts);
    this.maxAttempts = maxAttempts;
  }

  /** {@return the first retry's backoff ceiling, or null for the default} */
  public Duration getInitialBackoff() {
    return initialBackoff;
  }

  /**
   * Sets the first retry's backoff ceiling; it must not be negative.
   *
   * @param initialBackoff the ceiling, or null for the default of 500 ms
   * @throws IllegalArgumentException if it is negative
   */
  public void setInitialBackoff(Duration initialBackoff) {
    if (initialBackoff != null) new Check().initialBackoff(initialBackoff);
    this.initialBackoff = initialBackoff;
  }

  /** {@return the first poll delay of cancelAndAwait, or null for the vendor's default} */
  public Duration getPollInterval() {
    return pollInterval;
  }

  /**
   * Sets the first poll delay of cancelAndAwait; it must be positive.
   *
   * @param pollInterval the delay, or null for the vendor's default
   * @throws IllegalArgumentException if it is zero or negative
   */
  public void setPollInterval(Duration pollInterval) {
    if (pollInterval != null) new Check().pollInterval(pollInterval);
    this.pollInterval = pollInterval;
  }

  /** Sets on {@code builder} the values that were configured, leaving the others at its defaults. */
  void applyTo(CancellerBuilder<?> builder) {
    if (timeout != null) builder.timeout(timeout);
    if (maxAttempts != null) builder.maxAttempts(maxAttempts);
    if (initialBackoff != null) builder.initialBackoff(initialBackoff);
    if (pollInterval != null) builder.pollInterval(pollInterval);
  }

  // The SDK's builders check each value as it is set: one of their own checks it here, so that the
  // starter has no second copy of the rules and a bad value fails at binding, naming its property.
  private static final class Check extends CancellerBuilder<Check> {
    @Override
    protected Check self() {
      return this;
    }
  }
}
