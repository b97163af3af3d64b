package io.cancelkit.core.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps how much of a response body is ever read: the engine reads its bodies within the bound
 * ({@link #read}), and {@link #cap} wraps the bodies that Retrofit reads whole on its own.
 */
final class BoundedBody {
  private static final byte[] NONE = new byte[0];

  private BoundedBody() {}

  /** The bytes of a body, cut at the bound. */
  record Bytes(byte[] bytes, boolean truncated) {}

  /** {@code response} with a body from which at most {@code limit + 1} bytes can be read. */
  static Response cap(Response response, long limit) {
    ResponseBody body = response.body();
    if (body == null) return response;
    return response.newBuilder().body(new Capped(body, limit + 1)).build();
  }

  /** Reads and closes {@code body}: at most {@code limit} bytes, and whether there was more. */
  static Bytes read(ResponseBody body, long limit) throws IOException {
    if (body == null) return new Bytes(NONE, false);
    try (body) {
      BufferedSource source = body.source();
      Buffer buffer = new Buffer();
      while (buffer.size() <= limit) {
        if (source.read(buffer, Math.min(8192, limit + 1 - buffer.size())) == -1) break;
      }
      boolean truncated = buffer.size() > limit;
      return new Bytes(buffer.readByteArray(Math.min(buffer.size(), limit)), truncated);
    }
  }

  /** The charset that {@code type} names, else UTF-8. */
  static Charset charset(MediaType type) {
    Charset charset = type == null ? null : type.charset(null);
    return charset != null ? charset : StandardCharsets.UTF_8;
  }

  private static final class Capped extends ResponseBody {
    private final ResponseBody delegate;
    private final BufferedSource source;
    // Parsed once: Retrofit asks for it twice (its own copy of the response, and the buffered body).
    private MediaType contentType;
    private boolean typed;

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
      if (!typed) {
        contentType = delegate.contentType();
        typed = true;
      }
      return contentType;
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
