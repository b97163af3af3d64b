package io.cancelkit.spring;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps what is written to {@code System.out} and {@code System.err} while open, instead of printing
 * it, so that a test can read the log. Spring Boot's {@code OutputCaptureExtension} would do this,
 * but Boot 4's test extensions need JUnit 6, and the project builds on JUnit 5.
 */
final class ConsoleCapture implements AutoCloseable {
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  private ConsoleCapture() {
    System.setOut(capture());
    System.setErr(capture());
  }

  /** Starts keeping the output; close to print to the console again. */
  static ConsoleCapture start() {
    return new ConsoleCapture();
  }

  private PrintStream capture() {
    OutputStream kept =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (copy) {
              copy.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (copy) {
              copy.write(b, off, len);
            }
          }
        };
    return new PrintStream(kept, true, StandardCharsets.UTF_8);
  }

  /** Everything written so far. */
  String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setOut(out);
    System.setErr(err);
  }
}
