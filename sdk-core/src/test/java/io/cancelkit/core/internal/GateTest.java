package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.RateLimit;
import io.cancelkit.core.RateLimit.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lane's admission control, on virtual time: every wait it hands out is exact. */
class GateTest {
  private final VirtualClock clock = new VirtualClock();

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }

  private Gate gate(RateLimit... limits) {
    return Gate.of("test", List.of(limits), clock);
  }

  @Test
  void permitsAreSpreadEvenlyOneSpacingApart() {
    Gate gate = gate(RateLimit.of(4, Duration.ofSeconds(1)));

    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) waits.add(gate.reserve(true));

    // Reserved at one instant: the first goes now, each next one a quarter second later.
    assertEquals(List.of(0L, ms(250), ms(500), ms(750), ms(1000)), waits);
  }

  @Test
  void anIdleGateGrantsAtOnceThenAFullSpacingLater() {
    Gate gate = gate(RateLimit.of(1, Duration.ofSeconds(1)));
    clock.advance(Duration.ofMillis(900)); // idle for most of a spacing

    assertEquals(0, gate.reserve(true));
    // Not 100 ms (the rest of a fixed one-second cycle): two requests never come closer than a spacing.
    assertEquals(ms(1000), gate.reserve(true));
  }

  @Test
  void noWindowOfThePeriodEverHoldsMoreThanItsPermits() {
    Gate gate = gate(RateLimit.of(10, Duration.ofMillis(200)));
    List<Long> sent = new ArrayList<>();
    // Bursts and pauses of every length: requests go when their permit says.
    for (int i = 0; i < 200; i++) {
      long wait = gate.reserve(true);
      sent.add(clock.nanoTime() + wait);
      clock.advance(Duration.ofMillis((i * 7L) % 31));
    }
    sent.sort(null);
    for (int i = 0; i + 10 < sent.size(); i++) {
      long window = sent.get(i + 10) - sent.get(i);
      assertTrue(window >= ms(200), "11 requests within " + window + " ns from #" + i);
    }
  }

  @Test
  void writesAndReadsHaveTheirOwnBudgetsAndAllIsShared() {
    Gate split =
        gate(new RateLimit(Kind.WRITES, 1, Duration.ofSeconds(1)), new RateLimit(Kind.READS, 2, Duration.ofSeconds(1)));
    assertEquals(0, split.reserve(true));
    assertEquals(0, split.reserve(false), "a write takes nothing from the reads");
    assertEquals(ms(500), split.reserve(false));
    assertEquals(ms(1000), split.reserve(true));

    Gate shared = gate(RateLimit.of(2, Duration.ofSeconds(1)));
    assertEquals(0, shared.reserve(true));
    assertEquals(ms(500), shared.reserve(false), "ALL counts writes and reads alike");
  }

  @Test
  void aRequestTakesAPermitOfEveryBudgetOfItsKind() {
    // 60 a minute in all, and at most 1 write every 2 s: a write must pass both.
    Gate gate = gate(RateLimit.of(60, Duration.ofMinutes(1)), new RateLimit(Kind.WRITES, 1, Duration.ofSeconds(2)));

    assertEquals(0, gate.reserve(true));
    assertEquals(ms(1000), gate.reserve(false), "the write used the shared budget too");
    assertEquals(ms(2000), gate.reserve(true));
  }

  @Test
  void aGateWithoutLimitsNeverWaitsUnlessPaused() {
    Gate gate = gate();

    assertEquals(0, gate.reserve(true));
    assertEquals(0, gate.reserve(false));
    gate.pause(ms(300));
    assertEquals(ms(300), gate.reserve(true));
  }

  @Test
  void aPauseExtendsButNeverShortens() {
    Gate gate = gate();

    gate.pause(ms(2000));
    gate.pause(ms(1000));
    assertEquals(ms(2000), gate.reserve(true), "a shorter pause does not cut the longer one");

    gate.pause(ms(3000));
    assertEquals(ms(3000), gate.reserve(true), "a longer one extends it");

    clock.advance(Duration.ofMillis(3000));
    assertEquals(0, gate.reserve(true), "the pause is over");
    gate.pause(ms(100));
    assertEquals(ms(100), gate.reserve(true), "a pause after one that ended counts from now");
  }

  @Test
  void requestsHeldByAPauseLeaveOneSpacingApartNotInABurst() {
    Gate gate = gate(RateLimit.of(10, Duration.ofSeconds(1)));
    gate.pause(ms(1000));

    // Sixteen workers asking during the pause: all after it, one every 100 ms.
    for (int i = 0; i < 16; i++) assertEquals(ms(1000 + 100L * i), gate.reserve(true));
  }

  @Test
  void theOpenGateNeverWaitsAndIgnoresPauses() {
    Gate.OPEN.pause(ms(60_000));

    assertEquals(0, Gate.OPEN.reserve(true));
    assertEquals(0, Gate.OPEN.reserve(false, 0));
  }

  @Test
  void aReservationThatCannotBeMetWithinAnHourIsNotZero() {
    Gate gate = gate(RateLimit.of(1, Duration.ofHours(2)));

    assertEquals(0, gate.reserve(true));
    assertEquals(Duration.ofHours(2).toNanos(), gate.reserve(true));
  }

  @Test
  void aPermitBeyondTheDeadlineIsNotTaken() {
    Gate gate = gate(RateLimit.of(1, Duration.ofSeconds(1)));
    assertEquals(0, gate.reserve(false));

    // A poll with half a second left is refused, and leaves its slot to the next request.
    assertEquals(ms(1000), gate.reserve(false, ms(500)));
    assertEquals(ms(1000), gate.reserve(false, ms(500)));
    assertEquals(ms(1000), gate.reserve(false), "the refused reservations took nothing");
    assertEquals(ms(2000), gate.reserve(false));
  }

  @Test
  void enterMakesTheGateTheThreadsUntilClosed() {
    Gate outer = gate();
    Gate inner = gate();
    assertSame(Gate.OPEN, Gate.current(), "outside a lane");

    Gate.Scope a = outer.enter();
    assertSame(outer, Gate.current());
    Gate.Scope b = inner.enter();
    assertSame(inner, Gate.current());
    b.close();
    assertSame(outer, Gate.current(), "leaving restores the gate before");
    a.close();
    assertSame(Gate.OPEN, Gate.current());
  }
}
