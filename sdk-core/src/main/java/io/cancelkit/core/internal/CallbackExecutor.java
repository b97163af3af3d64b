package io.cancelkit.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The default executor on which {@code cancelAsync} futures complete: up to 64 daemon threads named
 * {@code cancelkit-callback-N}, started on demand and stopped after 60 s idle, shared by every
 * canceller built without {@code callbackExecutor(..)}.
 *
 * <p>Completing here, never on an OkHttp dispatcher thread or the SDK's timer thread, means a
 * caller's slow continuation holds no connection slot and delays no other call's retry (the AWS SDK
 * v2's future-completion executor, same reasoning). Tasks queue once all 64 threads are busy.
 */
public final class CallbackExecutor {
  private static final int THREADS = 64;

  private CallbackExecutor() {}

  private static final class Holder {
    static final ThreadPoolExecutor SHARED = create();

    private static ThreadPoolExecutor create() {
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(
              THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
              Threads.daemon("cancelkit-callback-"));
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }
  }

  /** The shared default. */
  public static Executor shared() {
    return Holder.SHARED;
  }
}
