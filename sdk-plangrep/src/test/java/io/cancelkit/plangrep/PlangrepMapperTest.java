package io.cancelkit.plangrep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.internal.Answer;
import io.cancelkit.core.internal.ClientSettings;
import io.cancelkit.core.internal.HttpClients;
import io.cancelkit.core.internal.ProviderError;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure parts of the Plangrep mapping, without a server. */
class PlangrepMapperTest {
  static final String JOB = "job_01hy3m8qtn2e5r7k9p0w4x1def";

  @ParameterizedTest
  @CsvSource({
    "provisioning, QUEUED",
    "awaiting_uploads, QUEUED",
    "uploading, QUEUED",
    "preflighting, QUEUED",
    "blocked_insufficient_credits, QUEUED",
    "processing, RUNNING",
    "completed, COMPLETED",
    "completed_with_errors, COMPLETED",
    "failed, FAILED",
    "cancelled, CANCELLED",
    "expired, EXPIRED",
    // Layers' and Mogu's spelling is not Plangrep's word.
    "canceled, UNKNOWN",
    "Cancelled, UNKNOWN",
    "archived, UNKNOWN"
  })
  void stateMapsPlangrepsWords(String word, JobState state) {
    assertEquals(state, PlangrepMapper.state(word));
  }

  @ParameterizedTest
  @NullAndEmptySource
  void stateOfNoWordIsUnknown(String word) {
    assertEquals(JobState.UNKNOWN, PlangrepMapper.state(word));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"error\":{\"code\":\"validation_error\",\"message\":\"jobId is malformed\"}}",
        "{\"code\":\"VALIDATION\",\"message\":\"bad\"}",
        "{\"detail\":[{\"loc\":[\"path\",\"jobId\"],\"msg\":\"bad\"}]}"
      })
  void clearValidationErrors(String body) {
    assertTrue(PlangrepMapper.isValidationError(ProviderError.parse(body), body), body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"code\":\"invalid_state\",\"message\":\"Job is completed\"}",
        "{\"code\":\"invalid_request\",\"message\":\"Job already completed\"}",
        "{\"code\":\"INVALID_OPERATION\"}",
        "{\"code\":\"invalid_job_id\",\"message\":\"bad\"}",
        "{\"code\":\"invalid_status_transition\"}",
        "{\"error\":{\"code\":\"job_not_terminal_invalid\"}}",
        "{\"error\":{\"code\":\"job_not_cancellable\",\"message\":\"Invalid: job is completed\"}}",
        "{\"code\":\"conflict\",\"message\":\"validation failed\"}",
        "{\"detail\":\"Job already cancelled\"}",
        "{\"detail\":[]}",
        "{}",
        "[]",
        "Invalid job: already completed",
        "<html><body>400 Bad Request</body></html>",
        ""
      })
  void everythingElseMayBeTerminal(String body) {
    assertEquals(false, PlangrepMapper.isValidationError(ProviderError.parse(body), body), body);
  }

  @Test
  void plainTextErrorBodyIsItsOwnMessage() {
    ProviderError e = mapper().parseError(answer(422, "  Job cannot be cancelled.\n"));

    assertNull(e.code());
    assertEquals("Job cannot be cancelled.", e.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{}", "{\"foo\":1}", "[1,2]"})
  void errorBodiesThatSayNothingStayEmpty(String body) {
    assertEquals(ProviderError.NONE, mapper().parseError(answer(409, body)));
  }

  @Test
  void jsonErrorBodiesUseTheCommonParser() {
    ProviderError e =
        mapper().parseError(answer(409, "{\"code\":\"job_terminal\",\"message\":\"done\"}"));

    assertEquals(new ProviderError("job_terminal", "done", null), e);
  }

  @Test
  void relativePathsKeepTheDefaultBasePrefix() {
    PlangrepMapper mapper = mapper();

    Request cancel = mapper.cancelCall(JOB, "ignored-idempotency-key").request();
    Request get = mapper.statusCall(JOB, "\"etag\"").request();

    assertEquals(
        "https://plangrep.com/api/open/v1/jobs/" + JOB + "/cancel", cancel.url().toString());
    assertEquals("POST", cancel.method());
    assertEquals(0, contentLength(cancel));
    assertNull(cancel.header("Idempotency-Key"));
    assertEquals("https://plangrep.com/api/open/v1/jobs/" + JOB, get.url().toString());
    assertEquals("GET", get.method());
    assertNull(get.header("If-None-Match"));
    assertEquals("Bearer pgk_test_k", get.header("Authorization"));
  }

  @Test
  void usageOfSnapshotWithoutTheFieldsIsEmpty() {
    PlangrepCanceller.Usage u = PlangrepCanceller.usage(snapshot(Map.of("status", "processing")));

    assertTrue(u.pageCount().isEmpty());
    assertTrue(u.successfulPageCount().isEmpty());
    assertTrue(u.creditsDebited().isEmpty());
  }

  @Test
  void usageIgnoresValuesOfTheWrongType() {
    Map<String, Object> job = new HashMap<>();
    job.put("pageCount", "204");
    job.put("successfulPageCount", 20.5);
    job.put("billing", 63.0);

    PlangrepCanceller.Usage u = PlangrepCanceller.usage(snapshot(job));

    assertTrue(u.pageCount().isEmpty());
    assertTrue(u.successfulPageCount().isEmpty());
    assertTrue(u.creditsDebited().isEmpty());
  }

  @Test
  void usageKeepsFractionalCredits() {
    PlangrepCanceller.Usage u =
        PlangrepCanceller.usage(snapshot(Map.of("billing", Map.of("creditsDebited", 12.5))));

    assertEquals(12.5, u.creditsDebited().orElseThrow());
  }

  @Test
  void usageRefusesAnotherVendorsSnapshot() {
    JobSnapshot layers = new JobSnapshot("layers", JOB, JobState.CANCELLED, "canceled", null, null);

    assertThrows(IllegalArgumentException.class, () -> PlangrepCanceller.usage(layers));
    assertThrows(NullPointerException.class, () -> PlangrepCanceller.usage(null));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  static PlangrepMapper mapper() {
    ClientSettings s =
        new ClientSettings(
            "pgk_test_k",
            ClientSettings.checkBaseUrl("https://plangrep.com/api/open/v1"),
            1,
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofSeconds(1),
            null);
    return new PlangrepMapper(HttpClients.retrofit(s).create(PlangrepApi.class), s.apiKey());
  }

  static Answer answer(int status, String body) {
    return new Answer("plangrep", JOB, status, null, body, false, null, 1);
  }

  static JobSnapshot snapshot(Map<String, Object> job) {
    return new JobSnapshot("plangrep", JOB, JobState.RUNNING, "processing", null, null, job);
  }

  static long contentLength(Request r) {
    try {
      return r.body() == null ? -1 : r.body().contentLength();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
