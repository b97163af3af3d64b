import io.cancelkit.core.CancellerProvider;

/** Cancels Plangrep jobs through the cancelkit {@link io.cancelkit.core.JobCanceller} contract. */
module io.cancelkit.plangrep {
  requires transitive io.cancelkit.core; // and with it Retrofit and Moshi, which the engine builds on

  exports io.cancelkit.plangrep;
  // Core's record adapter reads and builds the package-private wire records by reflection.
  opens io.cancelkit.plangrep to io.cancelkit.core;
  provides CancellerProvider with io.cancelkit.plangrep.PlangrepCanceller.Provider;
}
