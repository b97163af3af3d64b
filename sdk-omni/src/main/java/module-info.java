import io.cancelkit.core.CancellerProvider;

/** Cancels Omni jobs through the cancelkit {@link io.cancelkit.core.JobCanceller} contract. */
module io.cancelkit.omni {
  requires transitive io.cancelkit.core; // and with it Retrofit and Moshi, which the engine builds on

  exports io.cancelkit.omni;
  // Core's record adapter reads and builds the package-private wire records by reflection.
  opens io.cancelkit.omni to io.cancelkit.core;
  provides CancellerProvider with io.cancelkit.omni.OmniCanceller.Provider;
}
