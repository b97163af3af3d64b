package io.cancelkit.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The vendors the command can talk to, by the name {@code --vendor} takes. */
enum Vendor {
  LAYERS,
  PLANGREP,
  SCALE,
  OMNI,
  MOGU;

  /** The name on the command line and in output, as {@code JobCanceller.provider()} spells it. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }

  /** Every vendor's id, comma-separated, for messages. */
  static String ids() {
    return Arrays.stream(values()).map(Vendor::id).collect(Collectors.joining(", "));
  }

  /** Parses {@code --vendor}, ignoring case, with a message that lists the choices. */
  static final class Converter implements ITypeConverter<Vendor> {
    @Override
    public Vendor convert(String value) {
      for (Vendor v : values()) {
        if (v.id().equalsIgnoreCase(value.trim())) return v;
      }
      throw new TypeConversionException("'" + value + "' is not one of " + ids());
    }
  }
}
