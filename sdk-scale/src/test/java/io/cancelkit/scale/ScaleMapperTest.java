package io.cancelkit.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.core.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN.md's Scale status-word table, without a server. */
class ScaleMapperTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "pending, QUEUED",
    "running, RUNNING",
    "succeeded, COMPLETED",
    "partially_succeeded, COMPLETED",
    "failed, FAILED",
    "cancelled, CANCELLED",
    "Cancelled, CANCELLED",
    "SUCCEEDED, COMPLETED",
    "'', UNKNOWN",
    "queued, UNKNOWN",
    "expired, UNKNOWN",
  })
  void statusWords(String word, JobState state) {
    assertEquals(state, ScaleMapper.state(word));
  }

  @Test
  void noWordIsUnknown() {
    assertEquals(JobState.UNKNOWN, ScaleMapper.state(null));
  }
}
