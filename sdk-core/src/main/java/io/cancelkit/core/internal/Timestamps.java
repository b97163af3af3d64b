package io.cancelkit.core.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads vendors' ISO-8601 timestamps. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * Parses {@code text} as an instant; a time without offset is read as UTC. Returns null for null
   * or unreadable text, because a timestamp only informs and must not fail an answer.
   */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
