package io.cancelkit.core.internal;

import io.cancelkit.core.AlreadyFinished;
import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import io.cancelkit.core.ResponseInfo;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;
import okio.Buffer;

/**
 * One HTTP answer as a vendor mapper sees it: status, headers and the body exactly as the vendor
 * sent it (bounded), parsed at most once.
 *
 * <p>The body is never redacted here: masking the key is the engine's last step, on what leaves the
 * SDK. {@link #json()} parses the body on first use and keeps the tree; {@link #error()} and every
 * later {@link #read} convert that tree, so one answer's text is parsed once however many readings a
 * mapper makes. A {@link #read} before any tree parses the body straight into the record, as a
 * hand-written Moshi call would, and keeps nothing: a mapper that needs the tree as well asks for it
 * first. The body is kept as the bytes that came and decoded to text only when asked for ({@link
 * #body()}, {@link #snippet()}). The factory methods build outcomes that carry this answer's {@link
 * ResponseInfo}.
 *
 * <p>Not thread-safe: an answer belongs to the one call that received it.
 */
public final class Answer {
  private static final int SNIPPET_CHARS = 200;
  private static final Object UNPARSED = new Object();

  private final String provider;
  private final String jobId;
  private final int status;
  private final Headers headers;
  /** The body as sent, when it came as bytes; null when it was given as text. */
  private final byte[] bytes;
  private final Charset charset;
  private String body; // the text, decoded from bytes on first use
  private final boolean truncated;
  private final String requestId;
  private final int attempts;
  private Object json = UNPARSED;
  private IOException malformed;
  private ProviderError error;

  /**
   * An answer; mapper tests build them directly.
   *
   * @param body the body text, at most {@link ClientSettings#MAX_BODY_BYTES}; null or empty when none
   * @param truncated true when the body was longer than the bound and was cut
   * @param requestId the vendor's id for this answer; null when none
   * @param attempts the HTTP attempts made so far for this call, this one included
   */
  public Answer(
      String provider,
      String jobId,
      int status,
      Headers headers,
      String body,
      boolean truncated,
      String requestId,
      int attempts) {
    this.provider = Objects.requireNonNull(provider, "provider == null");
    this.jobId = Objects.requireNonNull(jobId, "jobId == null");
    this.status = status;
    this.headers = headers == null ? Headers.of() : headers;
    this.bytes = null;
    this.charset = StandardCharsets.UTF_8;
    this.body = body == null ? "" : body;
    this.truncated = truncated;
    this.requestId = requestId;
    this.attempts = attempts;
  }

  /** The engine's answer: the body as the bytes that came, in {@code charset}, not yet decoded. */
  Answer(
      String provider,
      String jobId,
      int status,
      Headers headers,
      byte[] bytes,
      Charset charset,
      boolean truncated,
      int attempts) {
    this.provider = provider;
    this.jobId = jobId;
    this.status = status;
    this.headers = headers;
    this.bytes = bytes;
    this.charset = charset;
    this.truncated = truncated;
    this.requestId = null;
    this.attempts = attempts;
  }

  private Answer(Answer a, String requestId) {
    this.provider = a.provider;
    this.jobId = a.jobId;
    this.status = a.status;
    this.headers = a.headers;
    this.bytes = a.bytes;
    this.charset = a.charset;
    this.body = a.body;
    this.truncated = a.truncated;
    this.requestId = requestId;
    this.attempts = a.attempts;
    this.json = a.json;
    this.malformed = a.malformed;
    this.error = a.error;
  }

  /** An answer with no request id, on the first attempt: the shape of a mapper test's input. */
  public static Answer of(String provider, String jobId, int status, Headers headers, String body) {
    return new Answer(provider, jobId, status, headers, body, false, null, 1);
  }

  /** The vendor's name. */
  public String provider() {
    return provider;
  }

  /** The job the call was about, as the caller gave it. */
  public String jobId() {
    return jobId;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The response headers. */
  public Headers headers() {
    return headers;
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body text as sent; empty when none came. */
  public String body() {
    if (body == null) body = new String(bytes, charset);
    return body;
  }

  /** True when a body came, and not an empty one; decodes nothing. */
  public boolean hasBody() {
    return bytes != null ? bytes.length > 0 : !body.isEmpty();
  }

  /** True when the body was longer than the bound and was cut. */
  public boolean truncated() {
    return truncated;
  }

  /** The vendor's id for this answer, from a header or the body; null when none. */
  public String requestId() {
    return requestId;
  }

  /** The HTTP attempts made so far for this call, this one included. */
  public int attempts() {
    return attempts;
  }

  /** True for a 2xx status. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The answer's facts for an outcome. */
  public ResponseInfo info() {
    return new ResponseInfo(status, requestId, attempts);
  }

  /** This answer with another request id; the body and its parse are shared, not made again. */
  public Answer withRequestId(String requestId) {
    return Objects.equals(requestId, this.requestId) ? this : new Answer(this, requestId);
  }

  /**
   * A reader of the body: its bytes when they are UTF-8, as JSON is (RFC 8259 §8.1), else its
   * decoded text, which Moshi reads as UTF-8 again.
   */
  private JsonReader reader() {
    Buffer source = new Buffer();
    if (bytes != null && charset.equals(StandardCharsets.UTF_8)) source.write(bytes);
    else source.writeUtf8(body());
    return JsonReader.of(source);
  }

  /**
   * The body as a JSON tree (maps, lists, strings, numbers as {@code Double}, booleans, nulls),
   * parsed on first use.
   *
   * @throws IOException if the body is not JSON (every call, with the same exception)
   */
  public Object json() throws IOException {
    if (malformed != null) throw malformed;
    if (json == UNPARSED) {
      try {
        json = Json.any(reader());
      } catch (IOException e) {
        malformed = e;
        throw e;
      } catch (JsonDataException e) {
        malformed = new IOException(e.getMessage(), e);
        throw malformed;
      }
    }
    return json;
  }

  /**
   * The body as a JSON object.
   *
   * @throws IOException if the body is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object() throws IOException {
    Object root = json();
    if (!(root instanceof Map<?, ?>)) {
      throw new JsonDataException("expected a JSON object but was " + describe(root));
    }
    return (Map<String, Object>) root;
  }

  /**
   * The body read as one {@code T}, strictly typed: from the tree once there is one, else straight
   * from the body, by the tree's rules (one document, no name twice in an object), keeping nothing.
   *
   * @throws IOException or {@link JsonDataException} if the body is not JSON, is null, or has a
   *     field of the wrong type
   */
  public <T> T read(JsonAdapter<T> adapter) throws IOException {
    if (json != UNPARSED || malformed != null) return readTree(adapter);
    T value = Json.read(adapter, reader());
    if (value == null) throw new JsonDataException("expected a JSON document but was null");
    return value;
  }

  /**
   * As {@link #read}, but from the tree, which is parsed if need be and kept: for a mapper that
   * reads the tree as well, such as a snapshot's attributes.
   *
   * @throws IOException or {@link JsonDataException} as {@link #read} does
   */
  public <T> T readTree(JsonAdapter<T> adapter) throws IOException {
    Object root = json();
    if (root == null) throw new JsonDataException("expected a JSON document but was null");
    T value = adapter.fromJsonValue(root);
    if (value == null) throw new JsonDataException("expected a JSON document but was null");
    return value;
  }

  /** The error envelope's code, message and request id, read leniently; never throws. */
  public ProviderError error() {
    if (error == null) {
      Object root;
      try {
        root = json();
      } catch (IOException e) {
        root = null;
      }
      error = ProviderError.of(root);
    }
    return error;
  }

  private static String describe(Object root) {
    if (root == null) return "null";
    if (root instanceof java.util.List<?>) return "an array";
    return root instanceof String ? "a string" : "a " + root.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** The wait that {@code Retry-After} asks for, read as seconds or an HTTP date at {@code now}. */
  public Optional<Duration> retryAfter(Instant now) {
    return Optional.ofNullable(RetryTiming.retryAfter(headers, now));
  }

  /** The start of the body on one line, for error messages. */
  public String snippet() {
    String body = body();
    if (body.isEmpty()) return "(empty body)";
    StringBuilder s = new StringBuilder();
    int limit = Math.min(body.length(), SNIPPET_CHARS);
    boolean space = false;
    for (int i = 0; i < limit; i++) {
      char c = body.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = s.length() > 0;
        continue;
      }
      if (space) s.append(' ');
      space = false;
      s.append(c);
    }
    if (body.length() > limit || truncated) s.append('…');
    return s.toString();
  }

  /**
   * The job that this 2xx answer describes, in {@code state}, with the vendor's own {@code
   * providerStatus} and {@code stage} and the vendor's job object as {@code attributes}.
   */
  public JobSnapshot snapshot(
      JobState state,
      String providerStatus,
      String stage,
      Instant updatedAt,
      Map<String, Object> attributes) {
    return new JobSnapshot(provider, jobId, state, providerStatus, stage, updatedAt, attributes);
  }

  /** {@link Cancelled} with this answer's facts. */
  public Cancelled cancelled(JobSnapshot snapshot) {
    return new Cancelled(provider, jobId, info(), Optional.ofNullable(snapshot));
  }

  /** {@link CancelPending} with this answer's facts. */
  public CancelPending pending(JobSnapshot snapshot) {
    return new CancelPending(provider, jobId, info(), Optional.ofNullable(snapshot));
  }

  /** {@link AlreadyFinished} with this answer's facts. */
  public AlreadyFinished alreadyFinished(JobState finalState, String providerStatus) {
    return new AlreadyFinished(provider, jobId, info(), finalState, providerStatus);
  }

  /** {@link NotCancellable} with this answer's facts. */
  public NotCancellable notCancellable(String stage, String reason) {
    return new NotCancellable(provider, jobId, info(), stage, reason);
  }

  /** {@link NotFound} with this answer's facts. */
  public NotFound notFound() {
    return new NotFound(provider, jobId, info());
  }

  /** {@link Failed} with this answer's facts; a 429 keeps its {@code Retry-After} hint. */
  public Failed failed(ErrorKind kind, String providerCode, String message) {
    return new Failed(provider, jobId, info(), error(kind, providerCode, message));
  }

  /** A {@link CancelError} with this answer's facts; a 429 keeps its {@code Retry-After} hint. */
  public CancelError error(ErrorKind kind, String providerCode, String message) {
    // The hint is read against the wall clock: it is advice for the caller, not an engine wait.
    Optional<Duration> retryAfter = status == 429 ? retryAfter(Instant.now()) : Optional.empty();
    return new CancelError(
        kind, status, providerCode, message, requestId, retryAfter, Optional.empty());
  }

  @Override
  public String toString() {
    return "Answer{" + provider + " " + jobId + " HTTP " + status + ", attempts=" + attempts + '}';
  }
}
