package io.cancelkit.core.internal;

import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.JobCanceller;

/**
 * The base of a vendor's builder: {@link #build()} on the system clock, {@link #build(EngineClock)}
 * (the vendor's wiring) on any clock, so that tests run a canceller on virtual time. Not API.
 *
 * @param <B> the vendor's builder type, which must be the subclass itself
 * @param <C> the vendor's canceller type
 */
public abstract class VendorBuilder<B extends VendorBuilder<B, C>, C extends JobCanceller>
    extends CancellerBuilder<B> {
  /** For vendor builders. */
  protected VendorBuilder() {}

  /** Returns this builder, which is a {@code B} by the type's contract. */
  @SuppressWarnings("unchecked")
  @Override
  protected final B self() {
    return (B) this;
  }

  /**
   * The canceller with these options; the vendor's builder documents its defaults.
   *
   * @throws IllegalStateException if no API key, or another option the vendor requires, was set
   */
  public final C build() {
    return build(EngineClock.system());
  }

  /**
   * The canceller on {@code clock}: the vendor's settings, API, mapper and calls.
   *
   * @param clock the clock that times retries, polls and deadlines (virtual in the SDK's tests)
   * @return the canceller
   */
  protected abstract C build(EngineClock clock);
}
