import io.cancelkit.core.CancellerProvider;

/** Cancels Layers jobs through the cancelkit {@link io.cancelkit.core.JobCanceller} contract. */
module io.cancelkit.layers {
  requires transitive io.cancelkit.core; // and with it Retrofit and Moshi, which the engine builds on

  exports io.cancelkit.layers;
  // Core's record adapter reads and builds the package-private wire records by reflection.
  opens io.cancelkit.layers to io.cancelkit.core;
  provides CancellerProvider with io.cancelkit.layers.LayersCanceller.Provider;
}
