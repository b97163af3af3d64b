package io.cancelkit.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What {@code --output} takes. */
enum OutputFormat {
  /** A row of text per job as it settles, then a summary line per vendor. */
  TABLE,
  /** One JSON document at the end: every result, the summary and the exit code. */
  JSON,
  /** One JSON object per job as it settles, a line each; the summary goes to stderr. */
  JSONL;

  /** True for the formats whose usage errors are JSON too. */
  boolean isJson() {
    return this != TABLE;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code table}, {@code json} or {@code jsonl}, ignoring case. */
  static OutputFormat parse(String value) {
    for (OutputFormat f : values()) {
      if (f.name().equalsIgnoreCase(value.trim())) return f;
    }
    return null;
  }

  /** Parses {@code --output} with a message that lists the choices. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      OutputFormat f = parse(value);
      if (f == null) throw new TypeConversionException("'" + value + "' is not one of table, json, jsonl");
      return f;
    }
  }
}
