package io.cancelkit.bench;

import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.micrometer.CancelkitObservations;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One blocking cancel on a keep-alive loopback connection: {@code LayersCanceller.cancel()} with no
 * listener, a no-op listener and the Micrometer listener, against {@link #raw} written by hand on
 * OkHttp and Moshi. Every twin derives its client from one {@link OkHttpClient}, so all share one
 * connection pool; run with {@code -prof gc} for {@code gc.alloc.rate.norm} (bytes per cancel).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class PerCallBenchmark {
  private LoopbackServer server;
  private LayersCanceller sdk;
  private LayersCanceller sdkNoopListener;
  private LayersCanceller sdkMicrometer;
  private RawLayers raw;

  /** Starts the server and builds the twins; one cancel each proves that they are answered 202. */
  @Setup
  public void setUp() throws IOException {
    server = LoopbackServer.start(0);
    OkHttpClient base = new OkHttpClient();
    sdk = Twins.sdk(server.baseUrl(), base, CancelListener.NONE);
    // An anonymous class, not CancelListener.NONE: the engine must not recognise it and skip it.
    sdkNoopListener = Twins.sdk(server.baseUrl(), base, new CancelListener() {});
    sdkMicrometer = Twins.sdk(server.baseUrl(), base, micrometer());
    raw = new RawLayers(base, server.baseUrl(), Twins.API_KEY);
    Twins.pending(sdk.cancel(LoopbackServer.JOB_ID));
    Twins.pending(sdkNoopListener.cancel(LoopbackServer.JOB_ID));
    Twins.pending(sdkMicrometer.cancel(LoopbackServer.JOB_ID));
    raw.cancel(LoopbackServer.JOB_ID);
  }

  /** The Micrometer listener as an application wires it: meters from a SimpleMeterRegistry. */
  private static CancelListener micrometer() {
    ObservationRegistry registry = ObservationRegistry.create();
    registry
        .observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
    return CancelkitObservations.listener(registry);
  }

  /** Closes the server; every request it answered must have been a 202. */
  @TearDown
  public void tearDown() throws IOException {
    raw.close();
    server.closeChecked();
  }

  /** The SDK, no listener. */
  @Benchmark
  public CancelOutcome sdk() {
    return Twins.pending(sdk.cancel(LoopbackServer.JOB_ID));
  }

  /** The SDK with a listener that overrides nothing: the cost of emitting events. */
  @Benchmark
  public CancelOutcome sdkNoopListener() {
    return Twins.pending(sdkNoopListener.cancel(LoopbackServer.JOB_ID));
  }

  /** The SDK with {@code CancelkitObservations.listener} recording into a SimpleMeterRegistry. */
  @Benchmark
  public CancelOutcome sdkMicrometer() {
    return Twins.pending(sdkMicrometer.cancel(LoopbackServer.JOB_ID));
  }

  /** The same cancel by hand on OkHttp and Moshi. */
  @Benchmark
  public Object raw() throws IOException {
    return raw.cancel(LoopbackServer.JOB_ID);
  }
}
