package io.cancelkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobRefTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "layers:job_01HXA1NHKJZXPV8R7Q6WSM5BCD",
        "omni:7dadf906-4a1f-4b5c-9a5e-0c6f2f1d2a11",
        "scale:proj_123/job_456",
        "mogu:a:b", // only the first colon separates: the rest is the id's
        "plan-grep_2:x"
      })
  void parseAndToStringAreOneTextForm(String text) {
    JobRef ref = JobRef.parse(text);

    assertEquals(text, ref.toString());
    assertEquals(ref, JobRef.parse(ref.toString()));
    assertEquals(ref, JobRef.of(ref.provider(), ref.jobId()));
  }

  @Test
  void scaleRefKeepsTheProjectInTheJobId() {
    JobRef ref = JobRef.parse("scale:proj_123/job_456");

    assertEquals("scale", ref.provider());
    assertEquals("proj_123/job_456", ref.jobId());
  }

  @Test
  void parseIgnoresWhiteSpaceAroundTheText() {
    // A line of a file may end in a space or a CR.
    assertEquals(JobRef.of("layers", "job_1"), JobRef.parse("  layers:job_1 \r"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "layers job_1         | expected provider:jobId",
        "Layers:job_1         | provider must be a lower-case name",
        "1layers:job_1        | provider must be a lower-case name",
        ":job_1               | provider must be a lower-case name",
        "lay ers:job_1        | provider must be a lower-case name",
        "layers:              | jobId is blank",
        "layers:.             | jobId must not be '.'",
        "layers:..            | jobId must not be '..'",
        "scale:proj_1/..      | jobId must not be '..'",
        "scale:/job_1         | jobId is blank",
        "scale:proj_1/        | jobId is blank",
        "scale:proj_1//job_1  | jobId has more than one '/'",
        "scale:a/b/c          | jobId has more than one '/'"
      })
  void malformedTextIsRefusedWithAClearMessage(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobRef.parse(text));

    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aControlCharacterIsRefusedNamingItsPosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JobRef.of("layers", "job\u0000_1"));

    assertEquals("jobId contains a control character (U+0000) at index 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JobRef.parse("layers:job\n_1"));
  }

  @Test
  void aSegmentOf256CharactersIsAcceptedAnd257AreNot() {
    String max = "j".repeat(256);

    assertEquals(max, JobRef.of("layers", max).jobId());
    assertEquals("p/" + max, JobRef.of("scale", "p/" + max).jobId(), "the limit is per segment");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JobRef.of("layers", max + "j"));
    assertEquals("jobId is 257 characters long; at most 256 are accepted", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JobRef.of("scale", "p/" + max + "j"));
  }

  @Test
  void anIdWithWhiteSpaceAtAnEndIsRefusedSinceItWouldNotReadBack() {
    // parse strips the text, so " job_1" would come back as "job_1": one text form means refusing it.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JobRef.of("layers", " job_1"));

    assertTrue(e.getMessage().startsWith("jobId has white space at its start or end"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JobRef.of("layers", "job_1\u2003"));
  }

  @Test
  void aLongMalformedTextIsShortenedInTheMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JobRef.parse("x".repeat(1000)));

    assertTrue(e.getMessage().endsWith("…' (1000 chars)"), e.getMessage());
    assertTrue(e.getMessage().length() < 200, "a huge line must not flood the message");
  }

  @Test
  void nullPartsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> JobRef.of(null, "job_1"));
    assertThrows(NullPointerException.class, () -> JobRef.of("layers", null));
    assertThrows(NullPointerException.class, () -> JobRef.parse(null));
  }
}
