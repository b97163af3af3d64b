package io.cancelkit.core.internal;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.core.JobSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * A {@link JobCanceller} that hands every call to an {@link Engine}: the base of the vendor
 * cancellers, whose own code is their builder and documentation. Not API.
 *
 * <p>Immutable and thread-safe when the subclass is.
 */
public abstract class EngineCanceller implements JobCanceller {
  /** Runs this canceller's calls (through {@link #route}). */
  protected final Engine engine;

  /** A canceller running its calls on {@code engine}. */
  protected EngineCanceller(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine == null");
  }

  /**
   * Runs {@code call} for {@code jobId}; by default on {@link #engine} with the id as given. A
   * vendor whose ids name more than the job (Scale's {@code project/job}) picks the engine here.
   *
   * @param <T> what the call returns
   * @param jobId the job id the caller gave
   * @param call the engine's operation, given the engine and the id it should use
   * @return what {@code call} returned
   */
  protected <T> T route(String jobId, BiFunction<Engine, String, T> call) {
    return call.apply(engine, jobId);
  }

  /** The vendor's short name, from its mapper. */
  @Override
  public final String provider() {
    return engine.provider();
  }

  /** Cancels on the engine; the class Javadoc of the vendor lists the outcomes. */
  @Override
  public final CancelOutcome cancel(String jobId) {
    return route(jobId, Engine::cancel);
  }

  /** Like {@link #cancel}, with the same outcomes, on the engine's callback executor. */
  @Override
  public final CompletableFuture<CancelOutcome> cancelAsync(String jobId) {
    return route(jobId, Engine::cancelAsync);
  }

  /** Reads the job on the engine. */
  @Override
  public final JobSnapshot status(String jobId) {
    return route(jobId, Engine::status);
  }

  /** Cancels, then polls on the engine until the job is terminal or {@code timeout} passes. */
  @Override
  public final CancelOutcome cancelAndAwait(String jobId, Duration timeout) {
    return route(jobId, (e, job) -> e.cancelAndAwait(job, timeout));
  }

  /** The vendor's canceller name and settings, never the API key. */
  @Override
  public String toString() {
    return engine.toString();
  }
}
