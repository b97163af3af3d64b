package io.cancelkit.bench;

import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.BulkReport;
import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.JobRef;
import io.cancelkit.layers.LayersCanceller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@value #JOBS} cancels of distinct jobs with {@value #IN_FLIGHT} in flight, one operation being
 * the whole batch: SDK {@code cancelAsync} on a default canceller (the SDK's shared client, 64
 * requests per host), {@code CancelRouter.cancelAll} (concurrency 64, rate limits lifted), and raw
 * OkHttp {@code enqueue} on a 64/64 dispatcher. All {@value #JOBS} are handed over at once; the
 * dispatcher (or the bulk lane) keeps {@value #IN_FLIGHT} in flight. {@code delayMs} picks the
 * server: 0 answers at once, so client CPU decides; 20 answers after 20 ms, so concurrency does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class AsyncBenchmark {
  /** Jobs per batch. */
  static final int JOBS = 2_000;

  /** Requests in flight at once. */
  static final int IN_FLIGHT = 64;

  /** How long the server waits before each answer, in milliseconds. */
  @Param({"0", "20"})
  public long delayMs;

  private LoopbackServer server;
  private LayersCanceller sdk;
  private CancelRouter router;
  private BulkOptions bulk;
  private RawLayers raw;
  private String[] ids;
  private List<JobRef> refs;

  /** Starts the server and builds the twins; distinct ids, as a bulk run cancels a ref once. */
  @Setup
  public void setUp() throws IOException {
    server = LoopbackServer.start(delayMs);
    sdk = Twins.sdk(server.baseUrl(), null, CancelListener.NONE);
    router = CancelRouter.of(sdk);
    bulk = BulkOptions.builder().concurrency(IN_FLIGHT).noRateLimits().build();
    raw = new RawLayers(RawLayers.client(IN_FLIGHT), server.baseUrl(), Twins.API_KEY);
    ids = new String[JOBS];
    refs = new ArrayList<>(JOBS);
    for (int i = 0; i < JOBS; i++) {
      ids[i] = String.format("job_01HXA1NHKJZXPV8R7Q%08d", i);
      refs.add(JobRef.of("layers", ids[i]));
    }
  }

  /** Closes the server; every request it answered must have been a 202. */
  @TearDown
  public void tearDown() throws IOException {
    raw.close();
    server.closeChecked();
  }

  /** The SDK's {@code cancelAsync} for every job; waits for every future. */
  @Benchmark
  public int sdkCancelAsync() {
    CompletableFuture<?>[] futures = new CompletableFuture<?>[JOBS];
    for (int i = 0; i < JOBS; i++) futures[i] = sdk.cancelAsync(ids[i]).thenApply(Twins::pending);
    CompletableFuture.allOf(futures).join();
    return futures.length;
  }

  /** {@code CancelRouter.cancelAll} of every job, blocking until all have settled. */
  @Benchmark
  public long sdkCancelAll() {
    BulkReport report = router.cancelAll(refs, bulk);
    long pending = report.count(CancelPending.class);
    if (pending != JOBS) throw new IllegalStateException("expected " + JOBS + " pending: " + report);
    return pending;
  }

  /** The same batch by hand: OkHttp {@code enqueue} of every job, each answer read with Moshi. */
  @Benchmark
  public int rawEnqueue() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(JOBS);
    AtomicInteger accepted = new AtomicInteger();
    Callback callback =
        new Callback() {
          @Override
          public void onResponse(Call call, Response response) {
            try (response) {
              RawLayers.accepted(response);
              accepted.incrementAndGet();
            } catch (IOException e) {
              // Counted as missing below, which fails the batch.
            } finally {
              done.countDown();
            }
          }

          @Override
          public void onFailure(Call call, IOException e) {
            done.countDown();
          }
        };
    for (int i = 0; i < JOBS; i++) raw.enqueue(ids[i], callback);
    if (!done.await(RawLayers.TIMEOUT.toSeconds(), TimeUnit.SECONDS) || accepted.get() != JOBS) {
      throw new IllegalStateException("expected " + JOBS + " accepted, got " + accepted.get());
    }
    return JOBS;
  }
}
