package io.cancelkit.bench;

import io.cancelkit.core.CancelListener;

/** A fresh JVM's first cancel through the SDK: {@code ColdSdk BASE_URL}; see {@link ColdStart}. */
public final class ColdSdk {
  private ColdSdk() {}

  /** One cancel on {@code args[0]}; prints the nanoseconds from main's start to the outcome. */
  public static void main(String[] args) {
    long start = System.nanoTime();
    once(args[0]);
    System.out.println(System.nanoTime() - start);
    // The same exit as the raw twin: neither waits for idle pool threads to time out.
    System.exit(0);
  }

  static void once(String baseUrl) {
    Twins.pending(Twins.sdk(baseUrl, null, CancelListener.NONE).cancel(LoopbackServer.JOB_ID));
  }
}
