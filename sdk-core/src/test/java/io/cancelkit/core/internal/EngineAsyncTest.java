package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cancelAsync}: its outcomes, its deadline, its abort, and the threads it completes on. */
class EngineAsyncTest extends ServerFixture {
  static final String CALLBACK_THREAD = "test-callback";

  final ExecutorService callbacks =
      Executors.newSingleThreadExecutor(r -> new Thread(r, CALLBACK_THREAD));

  @AfterEach
  void stopCallbacks() {
    callbacks.shutdownNow();
  }

  static CancelOutcome await(CompletableFuture<CancelOutcome> future) throws Exception {
    return future.get(5, TimeUnit.SECONDS);
  }

  /**
   * The thread that completes {@code future} once {@code trigger} lets it: a continuation attached
   * before completion runs there, as long as no test thread waits on {@code future} itself (a
   * waiter may run continuations too).
   */
  static Thread completingThread(CompletableFuture<CancelOutcome> future, Runnable trigger)
      throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    future.whenComplete((outcome, error) -> thread.complete(Thread.currentThread()));
    trigger.run();
    return thread.get(5, TimeUnit.SECONDS);
  }

  // ---- outcomes ---------------------------------------------------------------------------------

  @Test
  void asyncCancelRetriesAndCompletes() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

    Cancelled cancelled = assertInstanceOf(Cancelled.class, await(canceller().cancelAsync("job_1")));

    assertEquals(2, cancelled.response().attempts());
    assertEquals(List.of(Duration.ofMillis(1)), clock.waits(), "the backoff ran on the clock");
  }

  @Test
  void asyncSettlesAmbiguousAnswers() throws Exception {
    server.enqueue(json(409, "{\"error\":{\"code\":\"TERMINAL\"}}"));
    server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"done\"}"));

    CancelOutcome outcome = await(canceller().cancelAsync("job_1"));

    assertEquals(JobState.COMPLETED, assertInstanceOf(AlreadyFinished.class, outcome).finalState());
  }

  @Test
  void asyncFailuresAreOutcomesNotExceptions() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }

    CancelOutcome outcome = await(canceller().cancelAsync("job_1"));

    assertEquals(ErrorKind.NETWORK, assertInstanceOf(Failed.class, outcome).error().kind());
    assertEquals(3, outcome.response().attempts());
  }

  @Test
  void asyncCompletesWhenACallFactoryThrowsOnARetry() throws Exception {
    server.enqueue(json(503, "{}"));
    AtomicInteger built = new AtomicInteger();
    Engine canceller =
        builder()
            .build(
                clock,
                api ->
                    VendorCalls.of(
                        (id, key) -> {
                          if (built.incrementAndGet() > 1) throw new IllegalStateException("factory failed");
                          return api.cancel(id, key);
                        },
                        api::get));

    CancelOutcome async = await(canceller.cancelAsync("job_1"));
    built.set(1);
    CancelOutcome sync = canceller.cancel("job_1");

    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, assertInstanceOf(Failed.class, async).error().kind());
    assertEquals(ErrorKind.UNEXPECTED_RESPONSE, assertInstanceOf(Failed.class, sync).error().kind());
  }

  @Test
  void callsBeyondTheHostsLimitWaitInTheEngineAndAllComplete() throws Exception {
    // The dispatcher's threads are held back until the counts are read, so that no call can end
    // (and hand its slot over) before then.
    List<Runnable> held = new ArrayList<>();
    AtomicBoolean open = new AtomicBoolean();
    ExecutorService gated =
        new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>()) {
          @Override
          public void execute(Runnable task) {
            synchronized (held) {
              if (!open.get()) {
                held.add(task);
                return;
              }
            }
            super.execute(task);
          }
        };
    Dispatcher dispatcher = new Dispatcher(gated);
    dispatcher.setMaxRequestsPerHost(2);
    OkHttpClient client = new OkHttpClient.Builder().dispatcher(dispatcher).build();
    for (int i = 0; i < 12; i++) server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"cancelled\"}"));
    AtomicReference<VendorCalls> calls = new AtomicReference<>();
    Engine canceller =
        builder().okHttpClient(client).build(clock, api -> {
          calls.set(VendorCalls.of(api::cancel, api::get));
          return calls.get();
        });
    // As Scale's other projects: an engine of its own, on the same host, so the same queue.
    Engine sibling = canceller.withCalls(calls.get());

    List<CompletableFuture<CancelOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < 12; i++) futures.add((i % 2 == 0 ? canceller : sibling).cancelAsync("job_1"));
    // Only the host's two are OkHttp's; the others wait in the engine, where no scan reaches them.
    assertEquals(2, dispatcher.runningCallsCount(), "calls OkHttp has started");
    assertEquals(0, dispatcher.queuedCallsCount(), "calls in OkHttp's own queue");
    List<Runnable> release;
    synchronized (held) {
      open.set(true);
      release = List.copyOf(held);
    }
    release.forEach(gated::execute);

    for (CompletableFuture<CancelOutcome> f : futures) assertInstanceOf(Cancelled.class, await(f));
    assertEquals(12, server.getRequestCount());
  }

  @Test
  void callsADispatcherRefusesEachFailWithoutDeepeningTheStack() throws Exception {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    Dispatcher dispatcher = new Dispatcher(stopped);
    dispatcher.setMaxRequestsPerHost(1);
    OkHttpClient client = new OkHttpClient.Builder().dispatcher(dispatcher).build();
    Engine canceller = builder().maxAttempts(1).okHttpClient(client).build(clock);

    // Each refused call ends inside its own enqueue; the next waiting one must not start there.
    List<CompletableFuture<CancelOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) futures.add(canceller.cancelAsync("job_" + i));

    for (CompletableFuture<CancelOutcome> f : futures) {
      Failed failed = assertInstanceOf(Failed.class, await(f));
      assertTrue(failed.error().message().contains("executor rejected"), failed.error().message());
    }
    assertEquals(0, server.getRequestCount());
  }

  // ---- deadline and abort -----------------------------------------------------------------------

  @Test
  void asyncDeadlineHoldsWhileTheCallWaitsInOkHttpsQueue() throws Exception {
    OkHttpClient client = new OkHttpClient.Builder().dispatcher(oneAtATime()).build();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    Engine slow = builder().timeout(Duration.ofSeconds(20)).okHttpClient(client).build(clock);
    Engine quick = builder().timeout(Duration.ofMillis(300)).okHttpClient(client).build(clock);
    CompletableFuture<CancelOutcome> first = slow.cancelAsync("job_1");
    take(); // the first call now holds the only slot for this host
    CompletableFuture<CancelOutcome> queued = quick.cancelAsync("job_2");

    clock.advance(Duration.ofMillis(300));

    Failed failed = assertInstanceOf(Failed.class, await(queued));
    assertEquals(ErrorKind.TIMEOUT, failed.error().kind());
    assertEquals(1, server.getRequestCount(), "the queued call was never sent");
    first.cancel(true);
  }

  @Test
  void cancellingTheFutureAbortsTheCallInFlightAndReportsNoOutcome() throws Exception {
    CountDownLatch canceled = new CountDownLatch(1);
    CountDownLatch idle = new CountDownLatch(1);
    Dispatcher dispatcher = new Dispatcher();
    // Runs once the aborted call's callback has returned, so every step of the engine is done.
    dispatcher.setIdleCallback(idle::countDown);
    OkHttpClient listening =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .eventListener(
                new EventListener() {
                  @Override
                  public void canceled(Call call) {
                    canceled.countDown();
                  }
                })
            .build();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    AtomicInteger delivered = new AtomicInteger();
    Engine canceller =
        builder()
            .okHttpClient(listening)
            .callbackExecutor(r -> delivered.incrementAndGet())
            .build(clock);

    CompletableFuture<CancelOutcome> future = canceller.cancelAsync("job_1");
    take();
    assertTrue(future.cancel(true));

    assertTrue(canceled.await(5, TimeUnit.SECONDS), "the HTTP call was cancelled");
    assertTrue(idle.await(5, TimeUnit.SECONDS), "the aborted call ended");
    assertThrows(CancellationException.class, future::join);
    assertEquals(1, server.getRequestCount(), "no retry after a local abort");
    assertEquals(0, delivered.get(), "no outcome is delivered for a call the caller cancelled");
  }

  // ---- the threads futures complete on (issue 9, defect 3) --------------------------------------

  @Test
  void completesOnTheCallbackExecutorNotOnAnOkHttpThread() throws Exception {
    CountDownLatch answers = holdAnswers();
    server.enqueue(json(202, "{}"));
    Engine canceller = builder().callbackExecutor(callbacks).build(clock);

    CompletableFuture<CancelOutcome> future = canceller.cancelAsync("job_1");
    Thread thread = completingThread(future, answers::countDown);

    assertInstanceOf(CancelPending.class, future.join());
    assertEquals(CALLBACK_THREAD, thread.getName());
  }

  @Test
  void completesOnTheCallbackExecutorAfterAScheduledRetry() throws Exception {
    CountDownLatch answers = holdAnswers();
    server.enqueue(json(503, "{}"));
    server.enqueue(json(202, "{}"));
    Engine canceller = builder().callbackExecutor(callbacks).build(clock);

    CompletableFuture<CancelOutcome> future = canceller.cancelAsync("job_1");
    Thread thread = completingThread(future, answers::countDown);

    assertEquals(2, assertInstanceOf(CancelPending.class, future.join()).response().attempts());
    assertEquals(CALLBACK_THREAD, thread.getName(), "not the timer that started the retry");
  }

  @Test
  void completesOnTheCallbackExecutorWhenTheDeadlineFires() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    Engine canceller =
        builder().timeout(Duration.ofSeconds(10)).callbackExecutor(callbacks).build(clock);

    CompletableFuture<CancelOutcome> future = canceller.cancelAsync("job_1");
    take();
    // The deadline fires as virtual time passes it, on the clock's timer thread.
    Thread thread = completingThread(future, () -> clock.advance(Duration.ofSeconds(10)));

    Failed failed = assertInstanceOf(Failed.class, future.join());
    assertEquals(ErrorKind.TIMEOUT, failed.error().kind());
    assertEquals(CALLBACK_THREAD, thread.getName(), "not the timer that fired the deadline");
  }

  @Test
  void theDefaultCallbackExecutorRunsDaemonThreadsNamedCancelkitCallback() throws Exception {
    CountDownLatch answers = holdAnswers();
    server.enqueue(json(202, "{}"));

    CompletableFuture<CancelOutcome> future = canceller().cancelAsync("job_1");
    Thread thread = completingThread(future, answers::countDown);

    assertTrue(thread.getName().matches("cancelkit-callback-\\d+"), thread.getName());
    assertTrue(thread.isDaemon(), "an idle pool never keeps the JVM alive");
    assertEquals(CallbackExecutor.shared(), canceller().settings().callbackExecutor());
  }

  @Test
  void aBlockingContinuationDoesNotDelayAnotherCallsBackoff() throws Exception {
    // A waits in OkHttp's queue behind a call that holds the host's only slot, so A's deadline is
    // the engine's timer, not OkHttp's; A's continuation then blocks until released. On the old
    // engine it ran on the SDK's one scheduler thread, and stalled every other call's retry.
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          final AtomicInteger b = new AtomicInteger();

          @Override
          public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
            if (!request.getPath().contains("job_b")) {
              return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            }
            return b.getAndIncrement() == 0 ? json(503, "{}") : json(202, "{}");
          }
        });
    OkHttpClient oneSlot = new OkHttpClient.Builder().dispatcher(oneAtATime()).build();
    Engine hog = builder().timeout(Duration.ofMinutes(1)).okHttpClient(oneSlot).build(clock);
    Engine a = builder().timeout(Duration.ofSeconds(1)).okHttpClient(oneSlot).build(clock);
    Engine b = builder().initialBackoff(Duration.ofMillis(40)).build(clock);
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<CancelOutcome> holding = hog.cancelAsync("job_hog");
    take();
    CompletableFuture<CancelOutcome> first = a.cancelAsync("job_a");
    CompletableFuture<Void> stuck =
        first.thenRun(
            () -> {
              blocked.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try {
      clock.advance(Duration.ofSeconds(1));
      assertTrue(blocked.await(5, TimeUnit.SECONDS), "A's deadline fired and its continuation blocks");

      CancelOutcome second = await(b.cancelAsync("job_b"));

      assertEquals(2, assertInstanceOf(CancelPending.class, second).response().attempts());
      assertEquals(List.of(Duration.ofMillis(20)), clock.waits(), "B waited its 20 ms backoff only");
      assertFalse(stuck.isDone(), "B finished while A's continuation still blocked");
    } finally {
      release.countDown();
      holding.cancel(true);
    }
  }

  static Dispatcher oneAtATime() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(1);
    return dispatcher;
  }
}
