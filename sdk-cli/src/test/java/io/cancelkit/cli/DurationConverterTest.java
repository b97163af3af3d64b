package io.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@code --await} values. */
class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsUnitsBareSecondsAndIso() {
    assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    assertEquals(Duration.ofSeconds(60), converter.convert("60s"));
    assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
    assertEquals(Duration.ofHours(1), converter.convert("1H"));
    assertEquals(Duration.ofSeconds(90), converter.convert("90"));
    assertEquals(Duration.ofSeconds(90), converter.convert("PT90S"));
    assertEquals(Duration.ofSeconds(90), converter.convert("pt1m30s"));
  }

  @Test
  void refusesNonPositiveAndGarbage() {
    assertThrows(TypeConversionException.class, () -> converter.convert("0s"));
    assertThrows(TypeConversionException.class, () -> converter.convert("PT-1S"));
    assertThrows(TypeConversionException.class, () -> converter.convert("-5s"));
    assertThrows(TypeConversionException.class, () -> converter.convert("soon"));
    assertThrows(TypeConversionException.class, () -> converter.convert(""));
  }
}
