package io.cancelkit.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what the engine logs while open: System.Logger defaults to java.util.logging, and the
 * engine's DEBUG is its FINE.
 */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger jul = Logger.getLogger("io.cancelkit");
  private final Level was = jul.getLevel();
  private final boolean parents = jul.getUseParentHandlers();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  LogCapture() {
    jul.setLevel(Level.ALL);
    jul.addHandler(this);
    jul.setUseParentHandlers(false); // captured, not printed: a test's expected warning is no noise
  }

  /** Every line logged so far, one per line. */
  String text() {
    return String.join("\n", lines);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(new SimpleFormatter().formatMessage(record));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    jul.removeHandler(this);
    jul.setLevel(was);
    jul.setUseParentHandlers(parents);
  }
}
