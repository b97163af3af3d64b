package io.cancelkit.core.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps how much of a response body is ever read, for bodies the SDK reads and for the error bodies
 * Retrofit buffers on its own.
 */
final class BoundedBody {
  private BoundedBody() {}

  /** The text of a body, cut at the bound. */
  record Text(String text, boolean truncated) {}

  /** Wraps every response body so that at most {@code limit + 1} bytes can be read from it. */
  static Interceptor interceptor(long limit) {
    return chain -> {
      Response response = chain.proceed(chain.request());
      ResponseBody body = response.body();
      if (body == null) return response;
      return response.newBuilder().body(new Capped(body, limit + 1)).build();
    };
  }

  /** Reads and closes {@code body}: at most {@code limit} bytes of text, and whether there was more. */
  static Text read(ResponseBody body, long limit) throws IOException {
    if (body == null) return new Text("", false);
    try (body) {
      BufferedSource source = body.source();
      Buffer buffer = new Buffer();
      while (buffer.size() <= limit) {
        if (source.read(buffer, Math.min(8192, limit + 1 - buffer.size())) == -1) break;
      }
      boolean truncated = buffer.size() > limit;
      MediaType type = body.contentType();
      Charset charset = type == null ? null : type.charset(null);
      String text = buffer.readString(Math.min(buffer.size(), limit), charset != null ? charset : StandardCharsets.UTF_8);
      return new Text(text, truncated);
    }
  }

  private static final class Capped extends ResponseBody {
    private final ResponseBody delegate;
    private final BufferedSource source;

    Capped(ResponseBody delegate, long cap) {
      this.delegate = delegate;
      this.source =
          Okio.buffer(
              new ForwardingSource(delegate.source()) {
                private long remaining = cap;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                  if (remaining <= 0) return -1;
                  long read = super.read(sink, Math.min(byteCount, remaining));
                  if (read > 0) remaining -= read;
                  return read;
                }
              });
    }

    @Override
    public MediaType contentType() {
      return delegate.contentType();
    }

    @Override
    public long contentLength() {
      return -1;
    }

    @Override
    public BufferedSource source() {
      return source;
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
