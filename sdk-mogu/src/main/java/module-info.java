/** Cancels Mogu jobs through the cancelkit {@link io.cancelkit.core.JobCanceller} contract. */
// requires-automatic: Retrofit and Moshi are automatic modules (jars with only an
// Automatic-Module-Name), so the warning would say no more than that.
@SuppressWarnings("requires-automatic")
module io.cancelkit.mogu {
  requires transitive io.cancelkit.core;
  requires retrofit2; // MoguApi's annotations
  requires com.squareup.moshi; // the mapper's JSON adapters

  exports io.cancelkit.mogu;
  // Core's record adapter reads and builds the package-private wire records by reflection.
  opens io.cancelkit.mogu to
      io.cancelkit.core;

  provides io.cancelkit.core.CancellerProvider with
      io.cancelkit.mogu.MoguCanceller.Provider;
}
