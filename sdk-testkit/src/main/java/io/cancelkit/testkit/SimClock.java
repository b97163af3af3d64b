package io.cancelkit.testkit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A simulated clock that advances one second per event, so every timestamp that a simulator writes
 * is reproducible and strictly increasing.
 */
final class SimClock {
  private static final Instant START = Instant.parse("2025-01-15T10:00:00Z");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private long seconds;

  synchronized Instant now() {
    return START.plusSeconds(seconds);
  }

  synchronized Instant tick() {
    seconds++;
    return now();
  }

  /** ISO-8601 with milliseconds, as Layers, Plangrep and Omni write it. */
  static String millis(Instant instant) {
    return instant == null ? null : MILLIS.format(instant);
  }

  /** ISO-8601 without fractions, as Scale and Mogu write it. */
  static String seconds(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
