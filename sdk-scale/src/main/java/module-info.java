/** Cancels Scale jobs through the cancelkit {@link io.cancelkit.core.JobCanceller} contract. */
// requires-automatic: Retrofit and Moshi are automatic modules (jars with only an
// Automatic-Module-Name), so the warning would say no more than that.
@SuppressWarnings("requires-automatic")
module io.cancelkit.scale {
  requires transitive io.cancelkit.core;
  requires retrofit2; // ScaleApi's annotations
  requires com.squareup.moshi; // the mapper's JSON adapters

  exports io.cancelkit.scale;
  // Core's record adapter reads and builds the package-private wire records by reflection.
  opens io.cancelkit.scale to
      io.cancelkit.core;

  provides io.cancelkit.core.CancellerProvider with
      io.cancelkit.scale.ScaleCanceller.Provider;
}
