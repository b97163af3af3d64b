package io.cancelkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.core.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure readings of Layers' words, without a server. */
class LayersMapperTest {
  @ParameterizedTest(name = "reason {0} -> {1}")
  @CsvSource({
    "ALREADY_COMPLETED, COMPLETED",
    "COMPLETED, COMPLETED",
    "ALREADY_CANCELED, CANCELLED",
    "ALREADY_CANCELLED, CANCELLED",
    "already_canceled, CANCELLED",
    "Canceled, CANCELLED",
    "CANCELED_BY_USER, CANCELLED",
    "ALREADY_FAILED, FAILED",
    "FAILED, FAILED",
    "JOB_FAILURE, FAILED",
    "NOT_CANCELABLE, UNKNOWN",
    "NOT_CANCELLABLE, UNKNOWN",
    "CANCEL_UNAVAILABLE, UNKNOWN",
    "CANCEL_FAILED, UNKNOWN",
    "UNCANCELABLE, UNKNOWN",
    "NONCANCELLABLE, UNKNOWN",
    "ALREADY_EXPIRED, UNKNOWN",
    "ALREADY_TERMINAL, UNKNOWN",
    "'', UNKNOWN"
  })
  void reasonNamesTheTerminalState(String reason, JobState state) {
    assertEquals(state, LayersMapper.terminalState(reason));
  }

  @Test
  void missingReasonIsUnknown() {
    assertEquals(JobState.UNKNOWN, LayersMapper.terminalState(null));
  }

  @ParameterizedTest(name = "status {0} -> {1}")
  @CsvSource({
    "running, RUNNING",
    "completed, COMPLETED",
    "failed, FAILED",
    "canceled, CANCELLED",
    "cancelled, UNKNOWN",
    "queued, UNKNOWN",
    "RUNNING, UNKNOWN"
  })
  void statusWordsFollowTheDesignTable(String word, JobState state) {
    assertEquals(state, LayersMapper.state(word));
  }

  @Test
  void missingStatusWordIsUnknown() {
    assertEquals(JobState.UNKNOWN, LayersMapper.state(null));
  }
}
