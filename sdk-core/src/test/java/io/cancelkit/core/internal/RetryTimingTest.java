package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import okhttp3.Headers;
import okhttp3.internal.http.DatesKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryTimingTest {
  static final Duration HALF_SECOND = Duration.ofMillis(500);

  @ParameterizedTest(name = "after {0} failed attempt(s) the ceiling is {1} ms")
  @CsvSource({"1, 500", "2, 1000", "3, 2000", "4, 4000", "5, 8000", "6, 8000", "30, 8000"})
  void backoffDoublesUpToEightSecondsWithFullJitter(int failed, long ceiling) {
    assertEquals(0, RetryTiming.backoffMillis(failed, HALF_SECOND, 0.0));
    assertEquals(ceiling / 2, RetryTiming.backoffMillis(failed, HALF_SECOND, 0.5), 1);
    assertEquals(ceiling, RetryTiming.backoffMillis(failed, HALF_SECOND, 0.999_999_9));
  }

  @Test
  void zeroInitialBackoffNeverWaits() {
    assertEquals(0, RetryTiming.backoffMillis(5, Duration.ZERO, 0.99));
  }

  @Test
  void retryAfterInSeconds() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    assertEquals(Duration.ofSeconds(42), RetryTiming.retryAfter(Headers.of("Retry-After", "42"), now));
    assertEquals(Duration.ZERO, RetryTiming.retryAfter(Headers.of("Retry-After", " 0 "), now));
  }

  @Test
  void retryAfterAsHttpDate() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    String date = DatesKt.toHttpDateString(Date.from(now.plusSeconds(90)));

    assertEquals(Duration.ofSeconds(90), RetryTiming.retryAfter(Headers.of("Retry-After", date), now));
  }

  @Test
  void retryAfterInThePastIsZero() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    String date = DatesKt.toHttpDateString(Date.from(now.minusSeconds(90)));

    assertEquals(Duration.ZERO, RetryTiming.retryAfter(Headers.of("Retry-After", date), now));
  }

  @Test
  void absentOrGarbageRetryAfterIsNull() {
    Instant now = Instant.now();
    assertNull(RetryTiming.retryAfter(Headers.of(), now));
    assertNull(RetryTiming.retryAfter(Headers.of("Retry-After", "soon"), now));
    assertNull(RetryTiming.retryAfter(Headers.of("Retry-After", "-5"), now));
  }

  @Test
  void pollDelayGrowsByThirtyPercentUpToTenSeconds() {
    Duration delay = Duration.ofSeconds(2);
    long[] expected = {2000, 2600, 3380, 4394, 5712, 7425, 9653, 10000, 10000};
    for (long millis : expected) {
      assertEquals(millis, delay.toMillis(), 2);
      delay = RetryTiming.nextPoll(delay);
    }
  }

  @Test
  void pollJitterIsTenPercentEachWayAndCapped() {
    Duration two = Duration.ofSeconds(2);
    assertEquals(1800, RetryTiming.jitteredPollMillis(two, 0.0));
    assertEquals(2000, RetryTiming.jitteredPollMillis(two, 0.5));
    assertEquals(2200, RetryTiming.jitteredPollMillis(two, 0.999_999));
    assertEquals(10_000, RetryTiming.jitteredPollMillis(Duration.ofSeconds(10), 0.999));
  }
}
