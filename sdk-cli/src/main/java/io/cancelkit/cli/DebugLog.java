package io.cancelkit.cli;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code --verbose}: routes the SDK's {@code System.Logger} {@code io.cancelkit} at DEBUG to the
 * command's stderr while a command runs. The SDK masks keys in every line it logs.
 */
final class DebugLog {
  // System.Logger is backed by java.util.logging unless the application installs another finder.
  private static final Logger SDK = Logger.getLogger("io.cancelkit");

  private final Handler handler;

  private DebugLog(PrintWriter err) {
    SimpleFormatter formatter = new SimpleFormatter();
    this.handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (!isLoggable(record)) return;
            err.println("debug: " + formatter.formatMessage(record));
            err.flush();
          }

          @Override
          public void flush() {
            err.flush();
          }

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    SDK.addHandler(handler);
    SDK.setLevel(Level.FINE); // System.Logger's DEBUG
    SDK.setUseParentHandlers(false);
  }

  /** Runs {@code command} with the debug log on {@code err} when {@code enabled}. */
  static int around(PrintWriter err, boolean enabled, IntSupplier command) {
    if (!enabled) return command.getAsInt();
    DebugLog log = new DebugLog(err);
    try {
      return command.getAsInt();
    } finally {
      log.close();
    }
  }

  /** Restores the logger as it was. */
  private void close() {
    SDK.removeHandler(handler);
    SDK.setLevel(null);
    SDK.setUseParentHandlers(true);
  }
}
