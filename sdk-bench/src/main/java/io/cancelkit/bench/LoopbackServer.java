package io.cancelkit.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A keep-alive HTTP/1.1 server on 127.0.0.1 that answers every {@code POST /v1/jobs/{id}/cancel}
 * carrying {@code Authorization} and {@code Idempotency-Key} with Layers' documented 202, after an
 * optional delay; anything else gets a Layers 401 or 404 envelope, so a benchmark that sends the
 * wrong request fails its check instead of timing the wrong path.
 *
 * <p>A plain socket loop, one thread per connection with {@code TCP_NODELAY}: it allocates nothing
 * per request (a reused line buffer, pre-encoded answers), so JMH's {@code gc.alloc.rate.norm},
 * which counts every thread of the JVM, measures the client alone. MockWebServer and the JDK's
 * HttpServer allocate and queue per exchange, which would blur the difference being measured.
 */
final class LoopbackServer implements AutoCloseable {
  /** The job id of the canned answer, Layers' documented example. */
  static final String JOB_ID = "job_01HXA1NHKJZXPV8R7Q6WSM5BCD";

  private static final byte[] ACCEPTED =
      answer(
          "202 Accepted",
          "{\"jobId\":\"" + JOB_ID + "\",\"accepted\":true}");
  private static final byte[] UNAUTHORIZED =
      answer(
          "401 Unauthorized",
          "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Missing Authorization or"
              + " Idempotency-Key.\",\"requestId\":\"req_01HXA1NHZ4KYE8GP9Q2WX3BCDE\"}}");
  private static final byte[] NOT_FOUND =
      answer(
          "404 Not Found",
          "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No such route.\","
              + "\"requestId\":\"req_01HXA1NHZ4KYE8GP9Q2WX3BCDE\"}}");

  private static final byte[] CANCEL_PREFIX = ascii("POST /v1/jobs/");
  private static final byte[] CANCEL_SUFFIX = ascii("/cancel HTTP/1.1");
  private static final byte[] AUTHORIZATION = ascii("authorization:");
  private static final byte[] IDEMPOTENCY_KEY = ascii("idempotency-key:");
  private static final byte[] CONTENT_LENGTH = ascii("content-length:");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding:");

  private final ServerSocket listener;
  private final long delayMillis;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  private LoopbackServer(ServerSocket listener, long delayMillis) {
    this.listener = listener;
    this.delayMillis = delayMillis;
  }

  /** A started server that waits {@code delayMillis} before each answer (0: answers at once). */
  static LoopbackServer start(long delayMillis) throws IOException {
    // A backlog above any benchmark's concurrency, so a burst of new connections is never refused.
    ServerSocket socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    LoopbackServer server = new LoopbackServer(socket, delayMillis);
    Thread acceptor = new Thread(server::acceptLoop, "loopback-accept-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** {@code http://127.0.0.1:PORT/}. */
  String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort() + "/";
  }

  /** Cancels answered with 202 so far. */
  long accepted() {
    return accepted.get();
  }

  /** Requests answered with 401 or 404 so far. */
  long refused() {
    return refused.get();
  }

  /** Connections accepted so far; keep-alive shows as far fewer connections than requests. */
  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(s);
      Thread t = new Thread(() -> serve(s), "loopback-conn-" + connections.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    byte[] line = new byte[8192];
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      OutputStream out = s.getOutputStream();
      while (true) {
        int n = readLine(in, line);
        if (n < 0) return; // the client closed the connection
        boolean cancel = startsWith(line, n, CANCEL_PREFIX) && endsWith(line, n, CANCEL_SUFFIX);
        boolean auth = false;
        boolean key = false;
        long contentLength = 0;
        while ((n = readLine(in, line)) > 0) {
          if (startsWithIgnoreCase(line, n, AUTHORIZATION)) auth = true;
          else if (startsWithIgnoreCase(line, n, IDEMPOTENCY_KEY)) key = true;
          else if (startsWithIgnoreCase(line, n, CONTENT_LENGTH)) {
            contentLength = number(line, n, CONTENT_LENGTH.length);
          } else if (startsWithIgnoreCase(line, n, TRANSFER_ENCODING)) {
            throw new IOException("chunked requests are not served"); // no benchmark sends one
          }
        }
        if (n < 0) return;
        in.skipNBytes(contentLength);
        if (delayMillis > 0) Thread.sleep(delayMillis);
        // Counted before the answer leaves: a client that has its answer must find it counted.
        if (cancel && auth && key) {
          accepted.incrementAndGet();
          out.write(ACCEPTED);
        } else {
          refused.incrementAndGet();
          out.write(cancel ? UNAUTHORIZED : NOT_FOUND);
        }
        out.flush();
      }
    } catch (SocketException e) {
      // The client or close() dropped the connection: nothing to answer.
    } catch (IOException e) {
      System.err.println("loopback server: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
    }
  }

  /** Reads one CRLF-ended line into {@code buf} without the CRLF: its length, or -1 at EOF. */
  private static int readLine(InputStream in, byte[] buf) throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) return n == 0 ? -1 : n;
      if (b == '\n') return n > 0 && buf[n - 1] == '\r' ? n - 1 : n;
      if (n == buf.length) throw new IOException("request line over " + buf.length + " bytes");
      buf[n++] = (byte) b;
    }
  }

  private static boolean startsWith(byte[] line, int n, byte[] prefix) {
    if (n < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (line[i] != prefix[i]) return false;
    return true;
  }

  private static boolean endsWith(byte[] line, int n, byte[] suffix) {
    if (n < suffix.length) return false;
    for (int i = 0; i < suffix.length; i++) if (line[n - suffix.length + i] != suffix[i]) return false;
    return true;
  }

  /** {@code lowerPrefix} is lower case; header names are ASCII, so setting bit 5 folds case. */
  private static boolean startsWithIgnoreCase(byte[] line, int n, byte[] lowerPrefix) {
    if (n < lowerPrefix.length) return false;
    for (int i = 0; i < lowerPrefix.length; i++) {
      byte b = line[i];
      if (b >= 'A' && b <= 'Z') b |= 0x20;
      if (b != lowerPrefix[i]) return false;
    }
    return true;
  }

  private static long number(byte[] line, int n, int from) throws IOException {
    long value = 0;
    boolean digits = false;
    for (int i = from; i < n; i++) {
      byte b = line[i];
      if (b == ' ' || b == '\t') continue;
      if (b < '0' || b > '9') throw new IOException("bad Content-Length");
      value = value * 10 + (b - '0');
      digits = true;
    }
    if (!digits) throw new IOException("empty Content-Length");
    return value;
  }

  private static byte[] answer(String status, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 " + status + "\r\n"
            + "Content-Type: application/json\r\n"
            + "X-Request-Id: req_01HXA1NHZ4KYE8GP9Q2WX3BCDE\r\n"
            + "Content-Length: " + body.length + "\r\n"
            + "\r\n";
    byte[] headBytes = ascii(head);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@link #close}, then throws if any request was refused: a benchmark that timed refusals timed
   * the wrong path.
   */
  void closeChecked() throws IOException {
    close();
    if (refused() > 0) throw new IllegalStateException(refused() + " requests were refused");
  }

  /** Stops accepting and drops every open connection. */
  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Closing is best effort: the process ends soon after.
      }
    }
  }
}
