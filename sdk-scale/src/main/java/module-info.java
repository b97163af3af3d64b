import io.cancelkit.core.CancellerProvider;

/** Cancels Scale jobs through the cancelkit {@link io.cancelkit.core.JobCanceller} contract. */
module io.cancelkit.scale {
  requires transitive io.cancelkit.core; // and with it Retrofit and Moshi, which the engine builds on

  exports io.cancelkit.scale;
  // Core's record adapter reads and builds the package-private wire records by reflection.
  opens io.cancelkit.scale to io.cancelkit.core;
  provides CancellerProvider with io.cancelkit.scale.ScaleCanceller.Provider;
}
