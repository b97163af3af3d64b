/**
 * The {@link io.cancelkit.core.JobCanceller} contract and its outcomes; the engine package
 * {@code io.cancelkit.core.internal} is not API and is exported only to the vendor modules.
 */
// requires-automatic, requires-transitive-automatic: every library below is an automatic module (a
// jar with only an Automatic-Module-Name), so these warnings would say no more than that.
// module: the vendor modules depend on this one, so they cannot exist yet when it compiles, and
// javac warns that the targets of the qualified export below are not found.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module io.cancelkit.core {
  // Public API: CancellerBuilder.okHttpClient(OkHttpClient).
  requires transitive okhttp3;
  requires okio; // bounded bodies and call timeouts
  // OkHttp, Okio and Retrofit are written in Kotlin, but as automatic modules they cannot say so:
  // without this, nothing on a module path would resolve the Kotlin standard library.
  requires kotlin.stdlib;
  // Vendor modules build on both through the engine (VendorCalls returns retrofit2.Call, Json.MOSHI
  // makes their adapters), so they come with it.
  requires transitive retrofit2;
  requires transitive com.squareup.moshi;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.core; // Either, in a retry predicate's signature
  requires io.github.resilience4j.ratelimiter; // client-side rate limits (DESIGN, Dependencies)

  exports io.cancelkit.core;
  exports io.cancelkit.core.internal to
      io.cancelkit.layers,
      io.cancelkit.plangrep,
      io.cancelkit.scale,
      io.cancelkit.omni,
      io.cancelkit.mogu;

  // CancellerProvider.installed() finds the vendors with ServiceLoader.
  uses io.cancelkit.core.CancellerProvider;
}
