package io.cancelkit.core.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;

/**
 * Several test vendors, each named and on a loopback MockWebServer of its own, for the router and
 * bulk tests. They run on real time: a bulk run's lanes pace requests by the system clock.
 *
 * <p>{@link #events} is one log of what happened, in order: every request as it arrives (as {@code
 * "<vendor> <METHOD> <jobId>"}) and what a test notes itself, such as a listener's results.
 */
abstract class FleetFixture {
  static final String ACCEPTED = "{\"accepted\":true}";

  /** The servers' arrivals and the tests' notes, in the order they happened. */
  final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private final List<Vendor> vendors = new ArrayList<>();

  @AfterEach
  void stopVendors() throws IOException {
    for (Vendor v : vendors) v.close();
  }

  /** A test vendor named {@code provider} on a server of its own; it answers 202 until told. */
  Vendor vendor(String provider) throws IOException {
    Vendor v = new Vendor(provider);
    vendors.add(v);
    return v;
  }

  /** The job id of a request to the test vendor: the path's segment after {@code things}. */
  static String jobId(RecordedRequest request) {
    List<String> segments = request.getRequestUrl().pathSegments();
    return segments.get(segments.indexOf("things") + 1);
  }

  /** One vendor's server: it records arrivals, answers by {@link #answer}, and can hold answers. */
  final class Vendor implements AutoCloseable {
    final String provider;
    final MockWebServer server = new MockWebServer();
    /** Arrival times ({@link System#nanoTime}), in order. */
    final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    /** Every request; its permits count them, so that a test can wait for the first n. */
    final Semaphore arrived = new Semaphore(0);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    /** The answer to the n-th request (from 0). */
    volatile Answerer answer = (n, r) -> ServerFixture.json(202, ACCEPTED);
    private volatile CountDownLatch hold = new CountDownLatch(0);

    Vendor(String provider) throws IOException {
      this.provider = provider;
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              return answer(request);
            }
          });
      server.setServerSocketFactory(new NoDelay());
      server.start();
    }

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
      int n;
      synchronized (requests) {
        n = requests.size();
        requests.add(request);
        arrivals.add(System.nanoTime());
        events.add(provider + " " + request.getMethod() + " " + jobId(request));
      }
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      arrived.release();
      try {
        if (!hold.await(10, TimeUnit.SECONDS)) throw new AssertionError("answers never released");
        return answer.answer(n, request);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    /**
     * Sends one cancel outside any lane and forgets it: the run that follows finds the JVM's paths
     * and a connection warm, so that its first request is not late by a cold start (some 50 ms),
     * which would crowd the next ones together at the server.
     */
    void warmUp(Engine canceller) throws InterruptedException {
      canceller.cancel("warm-up");
      synchronized (requests) {
        requests.clear();
        arrivals.clear();
        events.clear();
      }
      arrived.acquire(1);
    }

    /** Holds every answer until the returned latch is opened. */
    CountDownLatch holdAnswers() {
      CountDownLatch open = new CountDownLatch(1);
      hold = open;
      return open;
    }

    /** Waits until {@code n} requests have arrived in all. */
    void awaitArrivals(int n) throws InterruptedException {
      if (!arrived.tryAcquire(n, 10, TimeUnit.SECONDS)) throw new AssertionError(provider + ": fewer than " + n + " requests");
      arrived.release(n);
    }

    /** The requests so far, in order of arrival. */
    List<RecordedRequest> requests() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }

    /** The job ids of the requests with {@code method}, in order of arrival. */
    List<String> jobIds(String method) {
      return requests().stream().filter(r -> r.getMethod().equals(method)).map(FleetFixture::jobId).toList();
    }

    /** The test vendor on this server, on real time, with tiny backoffs and poll delays. */
    Engine canceller() {
      return canceller(UnaryOperator.identity());
    }

    /** As {@link #canceller()}, with {@code options} applied to the builder. */
    Engine canceller(UnaryOperator<TestVendor.Builder> options) {
      TestVendor.Builder b =
          TestVendor.builder()
              .provider(provider)
              .apiKey(ServerFixture.KEY)
              .baseUrl(baseUrl())
              .initialBackoff(Duration.ofMillis(1))
              .pollInterval(Duration.ofMillis(2));
      return options.apply(b).build();
    }

    String baseUrl() {
      return server.url("/prefix").toString();
    }

    @Override
    public void close() throws IOException {
      hold.countDown(); // a test that failed while holding must not keep the server's threads
      server.shutdown();
    }
  }

  /** Answers the {@code n}-th request (from 0) of one vendor. */
  @FunctionalInterface
  interface Answerer {
    MockResponse answer(int n, RecordedRequest request);
  }

  /** A function as an {@link Answerer} that ignores the request's number. */
  static Answerer byRequest(Function<RecordedRequest, MockResponse> answer) {
    return (n, r) -> answer.apply(r);
  }
}
