package io.cancelkit.bench;

import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.layers.LayersCanceller;
import okhttp3.OkHttpClient;

/**
 * What the SDK twins share: the key, the canceller's settings, and the check of each answer. It
 * names no Micrometer type, so the cold-start twin loads only what a cancel needs.
 */
final class Twins {
  /** A key of Layers' shape; the loopback server only checks that one is sent. */
  static final String API_KEY = "lp_bench_4f9a1c2e7b3d4a5f8e6c0b1d2a3f4e5c";

  private Twins() {}

  /**
   * A Layers canceller on {@code baseUrl} with one attempt per call, as the raw twin makes one;
   * on {@code client}'s pool and dispatcher, or on the SDK's shared default client when null.
   */
  static LayersCanceller sdk(String baseUrl, OkHttpClient client, CancelListener listener) {
    LayersCanceller.Builder b =
        LayersCanceller.builder().apiKey(API_KEY).baseUrl(baseUrl).maxAttempts(1).listener(listener);
    if (client != null) b.okHttpClient(client);
    return b.build();
  }

  /** {@code outcome}, if it is the pending cancel the server's 202 means; else throws. */
  static CancelOutcome pending(CancelOutcome outcome) {
    if (!(outcome instanceof CancelPending)) {
      throw new IllegalStateException("expected CancelPending from the loopback 202, got " + outcome);
    }
    return outcome;
  }
}
