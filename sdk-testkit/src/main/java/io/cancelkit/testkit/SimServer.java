package io.cancelkit.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.ByteString;

/**
 * The simulators' HTTP/1.1 server: loopback only, persistent connections, one daemon thread per
 * connection, {@code TCP_NODELAY} on every connection, and each answer written whole in one write.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: it answers a request target that {@code
 * java.net.URI} rejects (OkHttp sends {@code [} and {@code ]} raw in a path) with its own HTML 400
 * before any handler runs, so a simulator could neither answer it as the vendor would nor record
 * it; it takes {@code TCP_NODELAY} only from a JVM-wide property read once, when the JVM's first
 * such server starts, so a test that started one earlier silently costs every answer a delayed-ACK
 * wait (about 40 ms on Linux loopback); and it rewrites header names ({@code ETag} becomes {@code
 * Etag}). This server is for the clients of tests, not the open network: it reads requests with a
 * {@code Content-Length} or chunked body and answers with a {@code Content-Length}.
 */
final class SimServer implements AutoCloseable {
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final Function<SimRequest, SimResponse> handler;
  private final ServerSocket listener;
  private final String origin;
  private final ExecutorService threads;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private SimServer(String name, Function<SimRequest, SimResponse> handler, ServerSocket listener) {
    this.handler = handler;
    this.listener = listener;
    String root =
        new HttpUrl.Builder()
            .scheme("http")
            .host(listener.getInetAddress().getHostAddress())
            .port(listener.getLocalPort())
            .build()
            .toString();
    this.origin = root.substring(0, root.length() - 1); // without the path's "/"
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              // Daemon threads: a simulator that a tool forgets to close does not keep its JVM up.
              Thread thread = new Thread(task, name + " " + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Binds to an ephemeral port of the loopback address and starts accepting connections. */
  static SimServer start(String name, Function<SimRequest, SimResponse> handler)
      throws IOException {
    SimServer server =
        new SimServer(name, handler, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    server.threads.execute(server::accept);
    return server;
  }

  /** The URL of the server's root, such as {@code http://127.0.0.1:40123}, without a slash. */
  String origin() {
    return origin;
  }

  /** Stops accepting, closes every connection, and waits briefly for the threads to end. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    connections.forEach(SimServer::closeQuietly);
    threads.shutdownNow(); // interrupts the answers held back by delayNextHeaders
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.add(socket);
      try {
        threads.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        closeQuietly(socket); // close() ran since accept returned
        return;
      }
      if (closed) {
        closeQuietly(socket); // close() may have copied the set before this socket was added
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        SimRequest request;
        try {
          request = read(in, out);
        } catch (BadRequest e) {
          write(out, text(400, e.getMessage()), true, true);
          return;
        }
        if (request == null) {
          return; // the client closed the connection between requests
        }
        SimResponse response;
        try {
          response = handler.apply(request);
        } catch (RuntimeException e) {
          // A bug in a simulator: say so in the answer rather than only in a thread's stack trace.
          write(out, text(500, "simulator failed: " + e), true, true);
          return;
        }
        if (response.dropped()) {
          return; // closing the connection is the whole answer
        }
        Duration delay = response.headersDelay();
        if (!delay.isZero()) {
          Thread.sleep(delay.toMillis());
        }
        boolean keepAlive = keepAlive(request);
        write(out, response, !request.getMethod().equals("HEAD"), !keepAlive);
        if (!keepAlive) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away, or close() closed the socket: nothing is left to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close() during a held-back answer
    } finally {
      connections.remove(socket);
    }
  }

  /** The next request, or null when the connection ends cleanly before one. */
  private SimRequest read(InputStream in, OutputStream out) throws IOException {
    String line = readLine(in);
    while (line != null && line.isEmpty()) {
      line = readLine(in); // RFC 9112 §2.2: a server ignores empty lines before a request line
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest("not an HTTP/1.x request line: " + line);
    }
    Headers.Builder headers = new Headers.Builder();
    for (int count = 0; ; count++) {
      String header = readLine(in);
      if (header == null) {
        throw new EOFException("connection closed within the headers");
      }
      if (header.isEmpty()) {
        break;
      }
      int colon = header.indexOf(':');
      if (count == MAX_HEADERS || colon < 1) {
        throw new BadRequest("bad header line: " + header);
      }
      try {
        headers.addUnsafeNonAscii(
            header.substring(0, colon).trim(), header.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new BadRequest(e.getMessage());
      }
    }
    Headers all = headers.build();
    ByteString body = readBody(in, out, all);
    return new SimRequest(parts[0], parts[1], parts[2], all, body, origin);
  }

  private static ByteString readBody(InputStream in, OutputStream out, Headers headers)
      throws IOException {
    String encoding = headers.get("Transfer-Encoding");
    String length = headers.get("Content-Length");
    if (encoding == null && length == null) {
      return ByteString.EMPTY;
    }
    if ("100-continue".equalsIgnoreCase(headers.get("Expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(US_ASCII));
      out.flush();
    }
    if (encoding != null) {
      if (!encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
        throw new BadRequest("unsupported Transfer-Encoding: " + encoding);
      }
      return readChunked(in);
    }
    try {
      return ByteString.of(readExactly(in, size(Long.parseLong(length.trim()))));
    } catch (NumberFormatException e) {
      throw new BadRequest("bad Content-Length: " + length);
    }
  }

  private static ByteString readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = requireLine(in);
      int extension = line.indexOf(';');
      long chunk;
      try {
        chunk = Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequest("bad chunk size: " + line);
      }
      if (chunk == 0) {
        break;
      }
      body.write(readExactly(in, size(body.size() + chunk) - body.size()));
      if (!requireLine(in).isEmpty()) {
        throw new BadRequest("chunk longer than its size");
      }
    }
    while (!requireLine(in).isEmpty()) {
      // Trailer fields: nothing here reads them.
    }
    return ByteString.of(body.toByteArray());
  }

  private static int size(long bytes) throws BadRequest {
    if (bytes < 0 || bytes > MAX_BODY) {
      throw new BadRequest("body size out of range: " + bytes);
    }
    return (int) bytes;
  }

  private static byte[] readExactly(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("connection closed within the body");
    }
    return bytes;
  }

  private static String requireLine(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null) {
      throw new EOFException("connection closed within the body");
    }
    return line;
  }

  /** A line without its CRLF (or bare LF), as UTF-8; null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
          end--;
        }
        return new String(bytes, 0, end, UTF_8);
      }
      if (line.size() == MAX_LINE) {
        throw new BadRequest("line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    if (line.size() == 0) {
      return null;
    }
    throw new EOFException("connection closed within a line");
  }

  private static boolean keepAlive(SimRequest request) {
    String connection = request.getHeader("Connection");
    if (connection != null) {
      for (String token : connection.split(",")) {
        if (token.trim().equalsIgnoreCase("close")) {
          return false;
        }
        if (token.trim().equalsIgnoreCase("keep-alive")) {
          return true;
        }
      }
    }
    return request.version().equals("HTTP/1.1");
  }

  private static void write(OutputStream out, SimResponse response, boolean withBody, boolean close)
      throws IOException {
    StringBuilder head =
        new StringBuilder(256)
            .append("HTTP/1.1 ")
            .append(response.code)
            .append(' ')
            .append(reason(response.code))
            .append("\r\n");
    Headers headers = response.headers();
    for (int i = 0; i < headers.size(); i++) {
      head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
    }
    byte[] body = response.body();
    boolean bodyless = response.code < 200 || response.code == 204 || response.code == 304;
    if (!bodyless) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    if (close) {
      head.append("Connection: close\r\n");
    }
    byte[] bytes = head.append("\r\n").toString().getBytes(UTF_8);
    if (withBody && !bodyless && body.length > 0) {
      byte[] whole = new byte[bytes.length + body.length];
      System.arraycopy(bytes, 0, whole, 0, bytes.length);
      System.arraycopy(body, 0, whole, bytes.length, body.length);
      bytes = whole;
    }
    // One write per answer, so that no part of it waits for the client's ACK of another.
    out.write(bytes);
    out.flush();
  }

  /** MockWebServer's reason phrases, which the simulators' answers always had. */
  private static String reason(int code) {
    switch (code / 100) {
      case 1:
        return "Informational";
      case 2:
        return "OK";
      case 3:
        return "Redirection";
      case 4:
        return "Client Error";
      case 5:
        return "Server Error";
      default:
        return "Mock Response";
    }
  }

  private static SimResponse text(int code, String message) {
    return SimResponse.of(code)
        .header("Content-Type", "text/plain; charset=utf-8")
        .body(message + "\n");
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing is best effort: the peer may have gone already.
    }
  }

  /** A request this server cannot read; answered 400, then the connection closes. */
  private static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
