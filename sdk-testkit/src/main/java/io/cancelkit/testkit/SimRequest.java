package io.cancelkit.testkit;

import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.ByteString;

/**
 * One request as a simulator received it, for assertions; the accessors keep MockWebServer's
 * {@code RecordedRequest} names.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SimRequest {
  private final String method;
  private final String path;
  private final String version;
  private final Headers headers;
  private final ByteString body;
  private final HttpUrl requestUrl;

  /** A request as received by the server at {@code origin}, such as {@code http://127.0.0.1:1}. */
  SimRequest(
      String method, String path, String version, Headers headers, ByteString body, String origin) {
    this.method = method;
    this.path = path;
    this.version = version;
    this.headers = headers;
    this.body = body;
    // A target that is not a path (absolute-form, "*") has no URL on this server.
    this.requestUrl = path.startsWith("/") ? HttpUrl.parse(origin + path) : null;
  }

  /** {@return the method, such as {@code POST}} */
  public String getMethod() {
    return method;
  }

  /** {@return the encoded path and query as sent, such as {@code /v1/jobs/a%20b?x=1}} */
  public String getPath() {
    return path;
  }

  /**
   * {@return the first value of the header {@code name}, matched case-insensitively, or null}
   *
   * @param name a header name, such as {@code Authorization}
   */
  public String getHeader(String name) {
    List<String> values = headers.values(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** {@return every header in the order sent, names as sent} */
  public Headers getHeaders() {
    return headers;
  }

  /** {@return the body's length in bytes; 0 when there was none} */
  public long getBodySize() {
    return body.size();
  }

  /** {@return the body decoded as UTF-8; empty when there was none} */
  public String getBody() {
    return body.utf8();
  }

  /** {@return the URL the request was sent to, on the simulator's address; null if no path} */
  public HttpUrl getRequestUrl() {
    return requestUrl;
  }

  /** The protocol of the request line, such as {@code HTTP/1.1}. */
  String version() {
    return version;
  }

  /** The body's bytes, for hashing without decoding. */
  ByteString bodyBytes() {
    return body;
  }

  /** {@return the request line, such as {@code POST /v1/jobs/j/cancel HTTP/1.1}} */
  @Override
  public String toString() {
    return method + " " + path + " " + version;
  }
}
