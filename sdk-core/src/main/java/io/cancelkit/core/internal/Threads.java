package io.cancelkit.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The SDK's own threads: daemons, so none of them holds a JVM open, and named for thread dumps. */
public final class Threads {
  private Threads() {}

  /** Daemon threads named {@code prefix + n}, n counting from 1. */
  public static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
