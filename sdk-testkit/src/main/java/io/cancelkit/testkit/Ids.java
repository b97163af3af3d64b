package io.cancelkit.testkit;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/** Generates vendor-shaped ids from a seeded sequence, so runs are reproducible. */
final class Ids {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final Random random;

  Ids(long seed) {
    this.random = new Random(seed);
  }

  /** A ULID: 48 bits of milliseconds then 80 bits of randomness, Crockford base32, 26 chars. */
  synchronized String ulid(Instant at) {
    StringBuilder out = new StringBuilder(26);
    appendBase32(out, at.toEpochMilli(), 10);
    appendBase32(out, random.nextLong() & 0xFF_FFFF_FFFFL, 8);
    appendBase32(out, random.nextLong() & 0xFF_FFFF_FFFFL, 8);
    return out.toString();
  }

  /** A random (version 4) UUID drawn from the seeded sequence. */
  synchronized String uuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  private static void appendBase32(StringBuilder out, long value, int chars) {
    for (int shift = 5 * (chars - 1); shift >= 0; shift -= 5) {
      out.append(CROCKFORD[(int) ((value >>> shift) & 31)]);
    }
  }
}
