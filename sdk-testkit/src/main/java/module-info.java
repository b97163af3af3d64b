/**
 * Stateful loopback simulators of the five vendors, and the contract suite every canceller passes.
 */
// requires-automatic, requires-transitive-automatic: OkHttp, Okio and Moshi are automatic modules
// (jars with only an Automatic-Module-Name), so these warnings would say no more than that.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.cancelkit.testkit {
  requires transitive io.cancelkit.core;
  requires transitive okhttp3; // Headers and HttpUrl in SimRequest, SimResponse
  requires transitive okio; // ByteString in SimRequest
  requires com.squareup.moshi;
  // Only the contract suite needs JUnit, and its users have it in their tests.
  requires static org.junit.jupiter.api;

  exports io.cancelkit.testkit;
  exports io.cancelkit.testkit.contract;
  // JUnit calls the suite's package-private test and lifecycle methods by reflection.
  opens io.cancelkit.testkit.contract to
      org.junit.platform.commons;
}
