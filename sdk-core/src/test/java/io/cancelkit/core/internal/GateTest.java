package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.RateLimit;
import io.cancelkit.core.RateLimit.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lane's admission control. resilience4j keeps the permits' cycles on the system clock, so the
 * rate-limit tests run on real time with short periods. No thread sleeps for a permit: a test
 * records when each request would be sent, as a {@link Span} between two clock readings around the
 * reservation, and asserts only what the readings prove, so a test thread that a busy machine
 * preempts makes an assertion weaker, never false. Pauses run on the gate's clock, so those tests
 * are exact on virtual time.
 */
class GateTest {
  /** How far the gate's arithmetic may be off a reading of the clock. */
  private static final long SKEW = ms(1);

  private final VirtualClock clock = new VirtualClock();
  /** When the gate's limiters were made: their cycles start then. */
  private Span made;

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }

  private Gate gate(RateLimit... limits) {
    long before = System.nanoTime();
    Gate gate = Gate.of("test", List.of(limits), clock);
    made = new Span(before, System.nanoTime());
    return gate;
  }

  /** A moment on {@link System#nanoTime()} known to lie between {@code lo} and {@code hi}. */
  private record Span(long lo, long hi) {
    /** True if this may have come {@code nanos} after {@code earlier}, as the readings allow. */
    boolean mayBe(long nanos, Span earlier) {
      return lo - earlier.hi - SKEW <= nanos && nanos <= hi - earlier.lo + SKEW;
    }

    /** True unless this surely came less than {@code nanos} after {@code earlier}. */
    boolean mayBeAtLeast(long nanos, Span earlier) {
      return hi - earlier.lo + SKEW >= nanos;
    }
  }

  /** Reserves one request and returns when it would be sent. */
  private static Span send(Gate gate, boolean write) {
    long before = System.nanoTime();
    long wait = gate.reserve(write);
    return new Span(before + wait, System.nanoTime() + wait);
  }

  /**
   * The least time in which {@code sends} may have held {@code permits + 1} requests: for each run
   * of {@code permits + 1} (ordered by their earliest times), the latest reading less the earliest.
   */
  private static long tightestWindow(List<Span> sends, int permits) {
    List<Span> sorted = new ArrayList<>(sends);
    sorted.sort(Comparator.comparingLong(Span::lo));
    long tightest = Long.MAX_VALUE;
    for (int i = 0; i + permits < sorted.size(); i++) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (Span s : sorted.subList(i, i + permits + 1)) {
        lo = Math.min(lo, s.lo);
        hi = Math.max(hi, s.hi);
      }
      tightest = Math.min(tightest, hi - lo);
    }
    return tightest;
  }

  @Test
  void permitsReservedTogetherLeaveOneCycleApart() {
    // 11 a 200 ms: a cycle of 200 ms / 10 = 20 ms.
    Gate gate = gate(RateLimit.of(11, Duration.ofMillis(200)));

    List<Span> sends = new ArrayList<>();
    for (int i = 0; i < 10; i++) sends.add(send(gate, true));

    // The first goes at once, in the cycle that began when the gate was made; the others at the
    // starts of the nine cycles after it: the tenth 180 ms after the gate was made.
    assertTrue(sends.get(9).mayBe(ms(180), made), "10 permits in " + (sends.get(9).lo - made.hi) + " ns");
    for (int i = 1; i < 10; i++) {
      assertTrue(sends.get(i).mayBe(ms(20) * i, made), "permit " + i + " is not at the start of cycle " + i);
    }
    for (int i = 2; i < 10; i++) {
      assertTrue(sends.get(i).mayBe(ms(20), sends.get(i - 1)), "permits " + (i - 1) + " and " + i + " not a cycle apart");
    }
  }

  @Test
  void noWindowOfThePeriodEverHoldsMoreThanItsPermits() throws InterruptedException {
    Gate gate = gate(RateLimit.of(5, Duration.ofMillis(100)));
    List<Span> sends = new ArrayList<>();
    // Bursts and idle stretches of every length; the lane's past must never allow a burst.
    for (int i = 0; i < 40; i++) {
      sends.add(send(gate, true));
      Thread.sleep((i * 7L) % 31); // real idle time: the cycles run on the system clock
    }

    long tightest = tightestWindow(sends, 5);
    assertTrue(tightest > ms(100) - SKEW, "6 requests within " + tightest + " ns");
  }

  @Test
  void aOnePermitBudgetKeepsEveryTwoRequestsAPeriodApart() throws InterruptedException {
    Gate gate = gate(RateLimit.of(1, Duration.ofMillis(30)));
    List<Span> sends = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sends.add(send(gate, true));
      Thread.sleep((i * 11L) % 37); // idle for less or more than a period, landing anywhere in a cycle
    }

    long tightest = tightestWindow(sends, 1);
    assertTrue(tightest >= ms(30) - SKEW, "two requests within " + tightest + " ns");
  }

  @Test
  void anIdleGateGrantsAtOnceThenAFullPeriodLaterNotAtTheNextCycle() throws InterruptedException {
    Gate gate = gate(RateLimit.of(1, Duration.ofMillis(100)));
    Thread.sleep(90); // idle for most of the first cycle (101 ms)

    long before = System.nanoTime();
    assertEquals(0, gate.reserve(true), "an idle gate grants at once");
    Span first = new Span(before, System.nanoTime());
    // Not some 11 ms later (the rest of the fixed cycle): two requests never come closer than the period.
    Span second = send(gate, true);
    assertTrue(second.mayBeAtLeast(ms(100), first), "the second came " + (second.lo - first.hi) + " ns after");
  }

  @Test
  void aRequestHeldBackByOneBudgetTakesTheOtherBudgetsCycleItIsSentIn() throws InterruptedException {
    // All requests: 3 a 60 ms (a 30 ms cycle). Writes also: 1 a 100 ms.
    Gate gate = gate(RateLimit.of(3, Duration.ofMillis(60)), new RateLimit(Kind.WRITES, 1, Duration.ofMillis(100)));
    List<Span> all = new ArrayList<>();
    Span first = send(gate, true);
    Span second = send(gate, true); // some 100 ms away, for the writes' own budget
    all.add(first);
    all.add(second);
    Thread.sleep(95); // real time: reads come while the second write still waits
    for (int i = 0; i < 3; i++) all.add(send(gate, false));

    assertTrue(second.mayBeAtLeast(ms(100), first), "writes closer than 100 ms");
    // Had the second write held the shared cycle at 30 ms, a read would go at once at 95 ms, within
    // the cycle the write is sent in, and 4 requests would fall within 60 ms.
    long tightest = tightestWindow(all, 3);
    assertTrue(tightest > ms(60) - SKEW, "4 requests within " + tightest + " ns");
  }

  @Test
  void writesAndReadsHaveTheirOwnBudgetsAndAllIsShared() {
    Gate split =
        gate(new RateLimit(Kind.WRITES, 1, Duration.ofSeconds(1)), new RateLimit(Kind.READS, 3, Duration.ofSeconds(1)));
    Span splitMade = made;
    Span firstWrite = send(split, true);
    assertEquals(0, split.reserve(false), "a write takes nothing from the reads");
    assertTrue(send(split, false).mayBe(ms(500), splitMade), "3 reads a second: the second at the next 500 ms cycle");
    assertTrue(send(split, true).mayBeAtLeast(ms(1000), firstWrite), "1 write a second");

    Gate shared = gate(RateLimit.of(3, Duration.ofSeconds(1)));
    assertEquals(0, shared.reserve(true));
    assertTrue(send(shared, false).mayBe(ms(500), made), "ALL counts writes and reads alike");
  }

  @Test
  void aRequestTakesAPermitOfEveryBudgetOfItsKind() {
    // 60 a minute in all (a cycle of 60 s / 59), and at most 1 write every 2 s: a write must pass both.
    Gate gate =
        gate(RateLimit.of(60, Duration.ofMinutes(1)), new RateLimit(Kind.WRITES, 1, Duration.ofSeconds(2)));
    long cycle = Duration.ofMinutes(1).dividedBy(59).toNanos();

    Span first = send(gate, true);
    assertTrue(send(gate, false).mayBe(cycle, made), "the write used the shared budget too");
    // The write's own next permit is 2.02 s after the first; the shared budget's is its third cycle.
    Span second = send(gate, true);
    assertTrue(second.mayBeAtLeast(Duration.ofSeconds(2).toNanos(), first), "a write waits for its own budget");
    assertTrue(second.mayBeAtLeast(2 * cycle, made), "and for the shared one");
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
  void requestsHeldByAPauseTakeNoPermitAndLeaveOneCycleApartAfterIt() {
    Gate gate = gate(RateLimit.of(11, Duration.ofMillis(200))); // a 20 ms cycle
    gate.pause(ms(1000));

    // Sixteen workers asking during the pause (virtual time): each is told to ask again after it.
    for (int i = 0; i < 16; i++) {
      assertEquals(ms(1000), gate.reserve(true));
      assertEquals(-ms(1000), gate.admit(true, Long.MAX_VALUE), "the engine is told it is a pause");
    }
    clock.advance(Duration.ofMillis(1000));
    List<Span> sends = new ArrayList<>();
    for (int i = 0; i < 16; i++) sends.add(send(gate, true));

    // Had the held requests taken permits, the first after the pause would wait 16 cycles.
    assertTrue(sends.get(0).lo - made.hi < ms(20) * 16 - SKEW, "the first after the pause waited for the held ones");
    for (int i = 2; i < 16; i++) {
      assertTrue(sends.get(i).mayBeAtLeast(ms(20), sends.get(i - 1)), "a burst after the pause at " + i);
    }
  }

  @Test
  void theOpenGateNeverWaitsAndIgnoresPauses() {
    Gate.OPEN.pause(ms(60_000));

    assertEquals(0, Gate.OPEN.reserve(true));
    assertEquals(0, Gate.OPEN.reserve(false, 0));
  }

  @Test
  void aReservationHoursAwayIsReturnedNotRefused() {
    Gate gate = gate(RateLimit.of(1, Duration.ofHours(2)));

    assertEquals(0, gate.reserve(true));
    long wait = gate.reserve(true);
    // Two hours and the 1 % margin of a one-permit budget; the caller's deadline decides to wait.
    assertTrue(wait >= Duration.ofHours(2).toNanos() && wait <= Duration.ofMinutes(122).toNanos(), "" + wait);
  }

  @Test
  void aPermitBeyondTheDeadlineIsNotTaken() {
    Gate gate = gate(RateLimit.of(1, Duration.ofSeconds(1)));
    assertEquals(0, gate.reserve(false));

    // A poll with half a second left is refused, and leaves its slot to the next request.
    long before = System.nanoTime();
    long wait = gate.reserve(false, ms(500));
    Span refused = new Span(before + wait, System.nanoTime() + wait);
    assertTrue(wait >= ms(1000), "refused: a second away, past the deadline");
    assertTrue(gate.reserve(false, ms(500)) >= ms(500), "refused again");
    Span taken = send(gate, false);
    assertTrue(taken.mayBe(0, refused), "the refused reservations took nothing");
    assertTrue(send(gate, false).mayBe(ms(1010), taken), "the one after it, a cycle later");
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
