import io.cancelkit.core.CancellerProvider;

/** Cancels Mogu jobs through the cancelkit {@link io.cancelkit.core.JobCanceller} contract. */
module io.cancelkit.mogu {
  requires transitive io.cancelkit.core; // and with it Retrofit and Moshi, which the engine builds on

  exports io.cancelkit.mogu;
  // Core's record adapter reads and builds the package-private wire records by reflection.
  opens io.cancelkit.mogu to io.cancelkit.core;
  provides CancellerProvider with io.cancelkit.mogu.MoguCanceller.Provider;
}
