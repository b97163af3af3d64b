package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.core.JobState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusWordsTest {
  private static final Map<String, JobState> TABLE =
      Map.of("running", JobState.RUNNING, "canceled", JobState.CANCELLED);

  @Test
  void aDocumentedWordMapsToItsState() {
    assertEquals(JobState.RUNNING, StatusWords.of(TABLE).state("running"));
    assertEquals(JobState.CANCELLED, StatusWords.of(TABLE).state("canceled"));
  }

  @Test
  void anUnknownWordOrNoneIsUnknownNeverAnError() {
    assertEquals(JobState.UNKNOWN, StatusWords.of(TABLE).state("paused"));
    assertEquals(JobState.UNKNOWN, StatusWords.of(TABLE).state(null));
    assertEquals(JobState.UNKNOWN, StatusWords.of(TABLE).state(""));
  }

  @Test
  void exactTablesTellCaseApartAndIgnoringCaseTablesDoNot() {
    assertEquals(JobState.UNKNOWN, StatusWords.of(TABLE).state("RUNNING"));
    assertEquals(JobState.RUNNING, StatusWords.ignoringCase(TABLE).state("RUNNING"));
    StatusWords mixed = StatusWords.ignoringCase(Map.of("Canceled", JobState.CANCELLED));
    assertEquals(JobState.CANCELLED, mixed.state("CANCELED"));
  }
}
