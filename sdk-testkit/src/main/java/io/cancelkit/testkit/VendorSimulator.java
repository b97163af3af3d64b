package io.cancelkit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;

/**
 * What every vendor simulator shares: a loopback HTTP/1.1 server with persistent connections, its
 * base URL and API key, fault injection, request recording as {@link SimRequest}s, and the poll
 * countdown of asynchronous cancels.
 *
 * <pre>{@code
 * try (VendorSimulator sim = Simulators.plangrep()) {
 *   sim.failNextWith503(2);                   // then the real answer
 *   sim.dropNextAnswer();                     // acted on, answer lost
 *   ...
 *   assertEquals("POST", sim.takeRequest().getMethod());
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe: the server answers on its own threads while a test adds jobs and
 * reads their status. Nothing depends on wall-clock time except the faults that ask for it ({@link
 * #delayNextHeaders}) and the rate-limit windows of Layers and Omni.
 */
public abstract class VendorSimulator implements AutoCloseable {
  private final String provider;
  /** The prefix of the vendor's environment variables, such as {@code LAYERS}. */
  private final String envPrefix;
  private final List<String> prefix;
  private final String apiKey;
  private final List<String> statuses;
  private final String cancelledStatus;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<SimRequest> recorded = new ArrayList<>();
  private int taken;
  private int rateLimitedAnswers;
  private int cancelAfterPolls;
  private volatile SimServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  final SimClock clock = new SimClock();
  final Ids ids;

  /**
   * A simulator of vendor {@code provider} (its canceller's {@code provider()}), whose environment
   * variables start with {@code envPrefix}, under {@code pathPrefix} ("" or such as "/api"); jobs
   * are owned by {@code apiKey}, move among {@code statuses} and end a cancel in {@code
   * cancelledStatus}, asynchronously after {@code cancelAfterPolls} GETs by default; generated ids
   * are repeatable from {@code seed}.
   */
  VendorSimulator(
      String provider,
      String envPrefix,
      String pathPrefix,
      String apiKey,
      List<String> statuses,
      String cancelledStatus,
      int cancelAfterPolls,
      long seed) {
    this.ids = new Ids(seed);
    this.prefix =
        pathPrefix.isEmpty() ? List.of() : List.of(pathPrefix.substring(1).split("/", -1));
    this.provider = provider;
    this.envPrefix = envPrefix;
    this.apiKey = apiKey;
    this.statuses = List.copyOf(statuses);
    this.cancelledStatus = cancelledStatus;
    this.cancelAfterPolls = cancelAfterPolls;
  }

  /** Binds to an ephemeral loopback port; called once by {@link Simulators}. */
  final void start() {
    try {
      server = SimServer.start(provider() + " simulator", this::dispatch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the simulator on loopback", e);
    }
  }

  /** {@return the vendor's name, as its canceller's {@code provider()} returns it, such as {@code "layers"}} */
  public final String provider() {
    return provider;
  }

  /**
   * The environment a vendor module's {@code fromEnv} reads to reach this simulator: the key and
   * base URL variables (such as {@code LAYERS_API_KEY}, {@code LAYERS_BASE_URL}), plus the vendor's
   * extras (Scale's account and project). Tools that find vendors through {@code
   * CancellerProvider} point them here without naming a vendor.
   *
   * @return a new, modifiable map of variable names to values
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(envPrefix + "_API_KEY", apiKey());
    env.put(envPrefix + "_BASE_URL", baseUrl());
    return env;
  }

  /** {@return the valid API key that owns every job added with {@code addJob}} */
  public String apiKey() {
    return apiKey;
  }

  /**
   * {@return the base URL to give a client, with the vendor's path prefix and no trailing slash}
   * The host is a loopback IP literal, not {@code localhost}.
   */
  public String baseUrl() {
    // An IP literal, not "localhost": one route, so a dropped answer is not silently retried
    // by OkHttp on a second address.
    return prefix.isEmpty() ? server.origin() : server.origin() + "/" + String.join("/", prefix);
  }

  /**
   * The job's current status in the vendor's own word; reading it does not count as a poll.
   *
   * @param jobId a job added to this simulator
   * @return the status word, such as {@code "RUNNING"} in the vendor's spelling
   * @throws IllegalArgumentException if there is no such job
   */
  public synchronized String status(String jobId) {
    return jobs().require(jobId).status;
  }

  /**
   * Moves the job to {@code status} (a word of the vendor's enum), ending any pending cancel.
   *
   * @param jobId a job added to this simulator
   * @param status one of the vendor's status words, spelled as the vendor spells it
   * @throws IllegalArgumentException if there is no such job or the word is not the vendor's
   */
  public synchronized void setStatus(String jobId, String status) {
    SimJob job = jobs().require(jobId);
    job.pollsUntilCancelled = 0;
    job.moveTo(requireStatus(status), clock.tick());
  }

  /**
   * Sets how many status GETs of a job, after a cancel that the vendor carries out asynchronously,
   * pass until the job reads cancelled: the N-th GET sees it; 0 cancels at once.
   *
   * @param polls the GETs until the job reads cancelled, at least 0; applies to cancels made after
   * @throws IllegalArgumentException if {@code polls} is negative
   */
  public synchronized void cancelAfterPolls(int polls) {
    if (polls < 0) {
      throw new IllegalArgumentException("polls < 0: " + polls);
    }
    this.cancelAfterPolls = polls;
  }

  /** The next request is acted on (state changes), but the connection closes with no answer. */
  public synchronized void dropNextAnswer() {
    faults.add(new Fault.Drop());
  }

  /**
   * The next {@code times} requests are not acted on and get 503 in the vendor's envelope.
   *
   * @param times at least 1
   * @throws IllegalArgumentException if {@code times} is below 1
   */
  public synchronized void failNextWith503(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times < 1: " + times);
    }
    for (int i = 0; i < times; i++) {
      faults.add(new Fault.Unavailable());
    }
  }

  /**
   * The next request is not acted on and gets 429 with {@code Retry-After} in whole seconds.
   *
   * @param retryAfter the wait to name; not negative
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  public synchronized void rateLimitNext(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
    }
    faults.add(new Fault.RateLimited(retryAfter));
  }

  /**
   * The next request is acted on, and its answer's headers are held back for {@code delay}.
   *
   * @param delay wall-clock time to hold the headers back; not negative
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public synchronized void delayNextHeaders(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay is negative: " + delay);
    }
    faults.add(new Fault.SlowHeaders(delay));
  }

  /**
   * The oldest request not yet taken; never waits, because a request is recorded before its answer
   * is written.
   *
   * @return the next request in the order received
   * @throws IllegalStateException if every recorded request was taken already
   */
  public synchronized SimRequest takeRequest() {
    if (taken == recorded.size()) {
      throw new IllegalStateException(
          "no request left to take: " + recorded.size() + " recorded, all taken");
    }
    return recorded.get(taken++);
  }

  /**
   * Every request received so far, oldest first, faulted ones included; unaffected by take.
   *
   * @return an unmodifiable copy
   */
  public synchronized List<SimRequest> requests() {
    return List.copyOf(recorded);
  }

  /**
   * Every request received so far as {@code "METHOD /path"}, oldest first, for asserting a whole
   * sequence in one line, such as {@code List.of("POST /v1/jobs/j/cancel", "GET /v1/jobs/j")}.
   *
   * @return one line per request; the path as sent, query included
   */
  public synchronized List<String> requestLines() {
    List<String> lines = new ArrayList<>(recorded.size());
    for (SimRequest r : recorded) lines.add(r.getMethod() + " " + r.getPath());
    return lines;
  }

  /** {@return how many requests were received so far, faulted ones included} */
  public synchronized int requestCount() {
    return recorded.size();
  }

  /**
   * How many 429 answers this simulator has sent so far: those of {@link #rateLimitNext} and those
   * of the vendor's own rate limit (Layers, Omni) alike; a dropped answer was not sent. A client
   * that keeps within the vendor's limits sees 0.
   *
   * @return the number of 429 answers sent
   */
  public synchronized int rateLimitedAnswers() {
    return rateLimitedAnswers;
  }

  /** Stops the server and closes its connections, held-back answers included; idempotent. */
  @Override
  public void close() {
    // Not under the lock: close waits for the server's threads, which may need the lock to finish.
    if (closed.compareAndSet(false, true)) {
      server.close();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + (server == null ? null : baseUrl()) + "]";
  }

  // ---- for the vendor subclasses -------------------------------------------------------------

  /** This simulator's jobs. */
  abstract JobTable<? extends SimJob> jobs();

  /** Routes a request that no fault pre-empted; runs under this simulator's lock. */
  abstract SimResponse answer(SimRequest request);

  /**
   * The vendor's answer to an injected fault: {@code 503} for {@link #failNextWith503}, {@code 429}
   * (without {@code Retry-After}) for {@link #rateLimitNext}; by default a {@link #codedError}.
   */
  SimResponse faultAnswer(int status) {
    return status == 429
        ? codedError(429, "rate_limited", "Too many requests")
        : codedError(503, "service_unavailable", "Service temporarily unavailable");
  }

  /** A 404 {@link #codedError} for a method and path the vendor does not serve. */
  static SimResponse noRoute(SimRequest request) {
    return codedError(
        404, "not_found", "No route for " + request.getMethod() + " " + request.getPath());
  }

  /**
   * An error in the {@code {"error":{"code":…,"message":…}}} envelope that Plangrep and Mogu share
   * (their pages document it for their own errors; faults use it too).
   */
  static SimResponse codedError(int status, String code, String message) {
    return json(
        status,
        Json.object().with("error", Json.object().with("code", code).with("message", message)));
  }

  /**
   * Moves a new {@code job} to {@code status} (checked against the vendor's enum), adds it to
   * {@code table} and returns its id.
   */
  final <J extends SimJob> String add(JobTable<J> table, J job, String status) {
    job.moveTo(requireStatus(status), clock.tick());
    table.add(job);
    return job.id;
  }

  /** Cancels {@code job} now, as the vendor does where its cancel is synchronous. */
  final void cancelNow(SimJob job) {
    job.pollsUntilCancelled = 0;
    job.moveTo(cancelledStatus, clock.tick());
  }

  /** A cancel was accepted for asynchronous completion: start the countdown, or cancel now. */
  final void acceptCancel(SimJob job) {
    if (cancelAfterPolls == 0) {
      cancelNow(job);
    } else if (job.pollsUntilCancelled == 0) {
      job.pollsUntilCancelled = cancelAfterPolls;
    }
  }

  /** Counts one status GET of {@code job}: the last poll of a countdown cancels it. */
  final void observe(SimJob job) {
    if (job.pollsUntilCancelled > 0 && --job.pollsUntilCancelled == 0) {
      cancelNow(job);
    }
  }

  /** The request's path segments after the vendor prefix, decoded; null outside the prefix. */
  final List<String> path(SimRequest request) {
    HttpUrl url = request.getRequestUrl();
    if (url == null) {
      return null;
    }
    List<String> segments = url.pathSegments();
    if (segments.size() < prefix.size() || !segments.subList(0, prefix.size()).equals(prefix)) {
      return null;
    }
    return segments.subList(prefix.size(), segments.size());
  }

  /**
   * The path variables when {@code request} is a {@code method} call of {@code pattern} (the path
   * after the vendor prefix, {@code {}} for each variable, such as {@code "jobs/{}/cancel"}), else
   * null; a variable matches any non-empty segment.
   */
  final List<String> match(SimRequest request, String method, String pattern) {
    List<String> path = path(request);
    String[] segments = pattern.split("/", -1);
    if (!method.equals(request.getMethod()) || path == null || path.size() != segments.length) {
      return null;
    }
    List<String> vars = new ArrayList<>();
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].equals("{}")) {
        if (path.get(i).isEmpty()) {
          return null;
        }
        vars.add(path.get(i));
      } else if (!segments[i].equals(path.get(i))) {
        return null;
      }
    }
    return vars;
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  static String bearer(SimRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  static SimResponse json(int code, Object body) {
    return SimResponse.of(code)
        .header("Content-Type", "application/json")
        .body(body instanceof String s ? s : Json.write(body));
  }

  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }

  /** Checks a status word against the vendor's enum, so that a typo fails in the test. */
  final String requireStatus(String status) {
    return requireOneOf(status, "status", statuses);
  }

  static String requireOneOf(String value, String name, List<String> allowed) {
    requireText(value, name);
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(
          name + " '" + value + "' is not one of " + String.join(", ", allowed));
    }
    return value;
  }

  // ---- dispatch ------------------------------------------------------------------------------

  private synchronized SimResponse dispatch(SimRequest request) {
    recorded.add(request);
    SimResponse response = faultedOrAnswered(request, faults.poll());
    if (response.code == 429 && !response.dropped()) {
      rateLimitedAnswers++;
    }
    return response;
  }

  private SimResponse faultedOrAnswered(SimRequest request, Fault fault) {
    if (fault instanceof Fault.Unavailable) {
      return faultAnswer(503);
    }
    if (fault instanceof Fault.RateLimited limited) {
      long seconds = (limited.retryAfter().toMillis() + 999) / 1000;
      return faultAnswer(429).header("Retry-After", Long.toString(seconds));
    }
    SimResponse response = answer(request);
    if (fault instanceof Fault.Drop) {
      // Answered first, then dropped: the state change stands and only the answer is lost, which
      // is what a retry after a reset must cope with.
      response.drop();
    } else if (fault instanceof Fault.SlowHeaders slow) {
      response.delayHeaders(slow.delay()); // held back by the server, outside this lock
    }
    return response;
  }
}
