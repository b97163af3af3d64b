package io.cancelkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTypesTest {
  static final ResponseInfo INFO = new ResponseInfo(200, "req_1", 1);

  @Test
  void terminalStates() {
    for (JobState s : JobState.values()) {
      boolean terminal =
          s == JobState.CANCELLED || s == JobState.COMPLETED || s == JobState.FAILED || s == JobState.EXPIRED;
      assertEquals(terminal, s.isTerminal(), s.name());
    }
  }

  @Test
  void everyOutcomeIsOneOfSixAndExhaustive() {
    CancelOutcome[] all = {
      new Cancelled("p", "j", INFO, null),
      new CancelPending("p", "j", INFO, Optional.empty()),
      new AlreadyFinished("p", "j", INFO, JobState.COMPLETED, "done"),
      new NotCancellable("p", "j", INFO, "opening_pr", "refused"),
      new NotFound("p", "j", INFO),
      new Failed("p", "j", INFO, CancelError.of(ErrorKind.NETWORK, 0, null, "reset", null)),
    };
    for (CancelOutcome o : all) {
      assertEquals("p", o.provider());
      assertEquals("j", o.jobId());
      assertEquals(INFO, o.response());
    }
    assertEquals(Optional.empty(), ((Cancelled) all[0]).snapshot());
    assertEquals(6, CancelOutcome.class.getPermittedSubclasses().length);
  }

  @Test
  void componentsAreChecked() {
    assertThrows(NullPointerException.class, () -> new NotFound(null, "j", INFO));
    assertThrows(NullPointerException.class, () -> new Failed("p", "j", INFO, null));
    assertThrows(IllegalArgumentException.class, () -> new ResponseInfo(-1, null, 0));
    assertThrows(NullPointerException.class, () -> new JobSnapshot("p", "j", null, "x", null, null));
  }

  @Test
  void snapshotAttributesAreCopiedAndMayHoldNulls() {
    Map<String, Object> raw = new HashMap<>();
    raw.put("resultUrl", null);
    raw.put("pageCount", 204.0);
    JobSnapshot s = new JobSnapshot("p", "j", JobState.CANCELLED, "cancelled", null, null, raw);
    raw.put("later", 1);
    assertEquals(2, s.attributes().size());
    assertTrue(s.attributes().containsKey("resultUrl"));
    assertThrows(UnsupportedOperationException.class, () -> s.attributes().put("x", 1));
    assertEquals(Map.of(), new JobSnapshot("p", "j", JobState.RUNNING, "r", null, null).attributes());
    Map<String, Object> nested = new HashMap<>();
    nested.put("billing", new HashMap<>(Map.of("creditsDebited", 63.0)));
    nested.put("files", new java.util.ArrayList<>(java.util.List.of(new HashMap<>(Map.of("id", "f1")))));
    JobSnapshot deep = new JobSnapshot("p", "j", JobState.CANCELLED, "cancelled", null, null, nested);
    @SuppressWarnings("unchecked")
    Map<String, Object> billing = (Map<String, Object>) deep.attributes().get("billing");
    assertThrows(UnsupportedOperationException.class, () -> billing.put("x", 1.0));
    assertThrows(UnsupportedOperationException.class, () -> ((java.util.List<?>) deep.attributes().get("files")).clear());
  }

  @Test
  void exceptionMessageDescribesTheError() {
    CancelError error =
        new CancelError(
            ErrorKind.RATE_LIMITED, 429, "RATE_LIMITED", "slow down", "req_7",
            Optional.of(Duration.ofSeconds(3)), Optional.empty());
    JobCancelException e = new JobCancelException(error);
    assertEquals("RATE_LIMITED (HTTP 429): slow down [requestId=req_7]", e.getMessage());
    assertEquals(error, e.error());
    assertFalse(e.getMessage().isEmpty());
  }
}
