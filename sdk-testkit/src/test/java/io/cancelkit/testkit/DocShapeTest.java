package io.cancelkit.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shape comparison itself, on Plangrep's example job: what it accepts and what it catches. */
class DocShapeTest {
  private static final DocShape JOB = DocShape.of("plangrep/cancel-200-cancelled.json");
  private static final String FILES =
      "[{\"id\":\"f\",\"fileName\":\"a.pdf\",\"status\":\"cancelled\"}]";
  private static final String DOC =
      "{\"job\":{\"id\":\"j\",\"externalId\":\"x\",\"status\":\"cancelled\",\"projectId\":\"p\","
          + "\"limits\":{\"maxDeclaredBytes\":1,\"maxFiles\":2},\"pageCount\":3,"
          + "\"successfulPageCount\":4,\"billing\":{\"creditsDebited\":5},\"files\":"
          + FILES
          + ",\"resultUrl\":null,\"error\":null,\"createdAt\":\"t\",\"updatedAt\":\"t\","
          + "\"completedAt\":\"t\",\"expiresAt\":\"t\"}}";

  @Test
  void otherValuesFilledInNullsAndFewerArrayElementsStillMatch() {
    JOB.assertMatches(DOC);
    JOB.assertMatches(DOC.replace("\"resultUrl\":null", "\"resultUrl\":\"https://r\""));
    JOB.assertMatches(DOC.replace(FILES, "[]"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"maxFiles\":2|\"maxFile\":2|job.limits: missing [maxFiles]",
        "\"pageCount\":3,|\"pageCount\":3,\"pages\":3,|job: not documented [pages]",
        "\"pageCount\":3|\"pageCount\":\"3\"|job.pageCount: string, documented number",
        "\"billing\":{\"creditsDebited\":5}|\"billing\":5|job.billing: number, documented object",
        "\"fileName\":\"a.pdf\"|\"fileName\":[]|job.files[].fileName: array, documented string",
        "\"completedAt\":\"t\"|\"completedAt\":null|job.completedAt: null, documented string"
      })
  void aDriftedFieldFailsWithItsPath(String documented, String drifted, String message) {
    String json = DOC.replace(documented, drifted);

    AssertionError error = assertThrows(AssertionError.class, () -> JOB.assertMatches(json));

    assertTrue(error.getMessage().contains(message), error.getMessage());
  }

  @Test
  void nullableAllowsNullAndOpenAllowsOtherKeys() {
    String completedAtNull = DOC.replace("\"completedAt\":\"t\"", "\"completedAt\":null");
    JOB.nullable("job.completedAt").assertMatches(completedAtNull);
    JOB.open("job.limits").assertMatches(DOC.replace("\"maxFiles\":2", "\"other\":true"));
    String limitsArray = DOC.replace("{\"maxDeclaredBytes\":1,\"maxFiles\":2}", "[]");
    assertThrows(
        AssertionError.class,
        () -> JOB.open("job.limits").assertMatches(limitsArray),
        "open still checks the type");
  }

  @Test
  void aPathTheDocDoesNotHaveIsAMistakeInTheTest() {
    assertThrows(IllegalArgumentException.class, () -> JOB.nullable("job.completed_at"));
    assertThrows(IllegalArgumentException.class, () -> JOB.open("job.files.id"));
  }
}
