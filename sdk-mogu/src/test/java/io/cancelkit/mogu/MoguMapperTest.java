package io.cancelkit.mogu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.core.JobState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MoguMapper#state}: Mogu's status words, without a server. */
class MoguMapperTest {
  @ParameterizedTest
  @CsvSource({
    "processing, RUNNING",
    "completed, COMPLETED",
    "error, FAILED",
    "canceled, CANCELLED",
  })
  void documentedWordsMapToTheirStates(String word, JobState expected) {
    assertEquals(expected, MoguMapper.state(word));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "queued", "cancelled", "CANCELED", "Processing", "failed", "stopped"})
  void anyOtherWordIsUnknownNeverAnException(String word) {
    assertEquals(JobState.UNKNOWN, MoguMapper.state(word));
  }
}
