package io.cancelkit.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobCancelException;
import io.cancelkit.layers.LayersCanceller;
import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.Simulators;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real Layers canceller against the Layers simulator, its events recorded as observations. */
class CancelkitObservationsSimulatorTest {
  private final LayersSimulator sim = Simulators.layers();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TestObservationRegistry registry = TestObservationRegistry.create();

  {
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
  }

  @AfterEach
  void close() {
    sim.close();
  }

  private LayersCanceller canceller(String apiKey) {
    return LayersCanceller.builder()
        .apiKey(apiKey)
        .baseUrl(sim.baseUrl())
        // Tiny waits: the retries and polls under test need no real seconds.
        .initialBackoff(Duration.ofMillis(1))
        .pollInterval(Duration.ofMillis(10))
        .listener(CancelkitObservations.listener(registry))
        .build();
  }

  @Test
  void retriedCancelIsOneTimerTaggedWithItsResendCount() {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    sim.failNextWith503(2);

    CancelOutcome outcome = canceller(sim.apiKey()).cancel(jobId);

    assertInstanceOf(CancelPending.class, outcome);
    assertEquals(3, outcome.response().attempts());
    Timer timer =
        meters
            .find("cancelkit.cancel")
            .tag("cancelkit.provider", "layers")
            .tag("cancelkit.outcome", "CancelPending")
            .tag("error.type", "none")
            .tag("http.request.resend_count", "2")
            .tag("error", "none")
            .timer();
    assertNotNull(timer, () -> "no such timer in " + meters.getMetersAsString());
    assertEquals(1, timer.count());
    // High-cardinality values are no tags: one timer serves every job.
    assertEquals(
        List.of("cancelkit.outcome", "cancelkit.provider", "error", "error.type", "http.request.resend_count"),
        timer.getId().getTags().stream().map(Tag::getKey).sorted().toList());
    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("cancelkit.cancel")
        .hasBeenStopped()
        .hasHighCardinalityKeyValue("cancelkit.job.id", jobId)
        .hasHighCardinalityKeyValue("cancelkit.request.id", outcome.response().requestId());
  }

  @Test
  void refusedCancelIsATimerWithItsErrorType() {
    String jobId = sim.addJob("content_generate", "rendering", "running");

    CancelOutcome outcome = canceller(sim.readOnlyApiKey()).cancel(jobId);

    assertEquals(ErrorKind.PERMISSION, assertInstanceOf(Failed.class, outcome).error().kind());
    Timer timer =
        meters
            .find("cancelkit.cancel")
            .tag("cancelkit.outcome", "Failed")
            .tag("error.type", "PERMISSION")
            .tag("error", "JobCancelException")
            .timer();
    assertNotNull(timer, () -> "no such timer in " + meters.getMetersAsString());
    assertThat(registry).hasSingleObservationThat().hasError();
  }

  @Test
  void statusAndAwaitAreTheirOwnTimers() {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    LayersCanceller canceller = canceller(sim.apiKey());

    canceller.status(jobId);
    CancelOutcome awaited = canceller.cancelAndAwait(jobId, Duration.ofSeconds(5));
    assertThrows(JobCancelException.class, () -> canceller.status("job_missing"));

    assertInstanceOf(Cancelled.class, awaited);
    assertNotNull(meters.find("cancelkit.status").tag("cancelkit.outcome", "JobSnapshot").timer());
    assertNotNull(
        meters
            .find("cancelkit.status")
            .tag("cancelkit.outcome", "Failed")
            .tag("error.type", "NOT_FOUND")
            .timer());
    assertNotNull(
        meters
            .find("cancelkit.await")
            .tag("cancelkit.outcome", "Cancelled")
            .tag("http.request.resend_count", "0")
            .timer());
    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo("cancelkit.status", 2)
        .hasNumberOfObservationsWithNameEqualTo("cancelkit.await", 1);
  }

  @Test
  void noTagNorKeyValueNorErrorCarriesTheApiKey() {
    String jobId = sim.addJob("content_generate", "rendering", "running");
    LayersCanceller canceller = canceller(sim.apiKey());
    sim.failNextWith503(1);
    canceller.cancel(jobId);
    canceller.cancel("job_missing");
    assertThrows(JobCancelException.class, () -> canceller.status("job_missing"));
    canceller(sim.readOnlyApiKey()).cancel(jobId);

    List<String> seen = new ArrayList<>();
    for (Meter meter : meters.getMeters()) {
      seen.add(meter.getId().getName());
      meter.getId().getTags().forEach(t -> seen.add(t.getKey() + "=" + t.getValue()));
    }
    assertThat(registry)
        .hasNumberOfObservationsEqualTo(4)
        .hasHandledContextsThatSatisfy(contexts -> contexts.forEach(c -> seen.addAll(texts(c))));
    assertAll(
        () -> assertTrue(seen.contains("cancelkit.outcome=NotFound"), seen::toString),
        () -> assertTrue(seen.contains("error.type=PERMISSION"), seen::toString),
        () -> assertTrue(seen.stream().anyMatch(s -> s.contains("job_missing")), seen::toString));
    for (String text : seen) {
      assertFalse(text.contains(sim.apiKey()), text);
      assertFalse(text.contains(sim.readOnlyApiKey()), text);
    }
  }

  /** Everything of a context a handler may export: names, key values, the error's messages. */
  private static List<String> texts(Observation.Context context) {
    List<String> texts = new ArrayList<>();
    texts.add(context.getName());
    texts.add(context.getContextualName());
    for (KeyValue k : context.getAllKeyValues()) texts.add(k.getKey() + "=" + k.getValue());
    for (Throwable e = context.getError(); e != null; e = e.getCause()) texts.add(String.valueOf(e));
    return texts;
  }
}
