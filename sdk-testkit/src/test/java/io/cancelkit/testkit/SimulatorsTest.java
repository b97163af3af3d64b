package io.cancelkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatorsTest {

  static Stream<Arguments> vendors() {
    return Stream.of(
        Arguments.of((Supplier<VendorSimulator>) Simulators::layers, "", "lp_test_cancelkit"),
        Arguments.of(
            (Supplier<VendorSimulator>) Simulators::plangrep, "/api/open/v1", "pgk_test_cancelkit"),
        Arguments.of((Supplier<VendorSimulator>) Simulators::scale, "", "sgp_test_cancelkit"),
        Arguments.of(
            (Supplier<VendorSimulator>) Simulators::omni, "/api", "omni_test_cancelkit_owner"),
        Arguments.of((Supplier<VendorSimulator>) Simulators::mogu, "", "ak_test_cancelkit"));
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void startsOnLoopbackWithTheVendorPrefixAndKey(
      Supplier<VendorSimulator> start, String prefix, String apiKey) {
    try (VendorSimulator sim = start.get()) {
      HttpUrl url = HttpUrl.get(sim.baseUrl());

      assertTrue(url.host().equals("127.0.0.1") || url.host().equals("::1"), url.host());
      assertEquals(prefix.isEmpty() ? "/" : prefix, url.encodedPath());
      assertTrue(!sim.baseUrl().endsWith("/"), sim.baseUrl());
      assertEquals(apiKey, sim.apiKey());
    }
  }

  @Test
  void eachSimulatorHasItsOwnPort() {
    try (LayersSimulator a = Simulators.layers();
        LayersSimulator b = Simulators.layers()) {
      assertNotEquals(a.baseUrl(), b.baseUrl());
    }
  }

  @Test
  void generatedIdsAreReproducibleAcrossRuns() {
    try (OmniSimulator a = Simulators.omni();
        OmniSimulator b = Simulators.omni()) {
      assertEquals(
          List.of(a.addJob("QUEUED"), a.addJob("QUEUED")),
          List.of(b.addJob("QUEUED"), b.addJob("QUEUED")));
    }
  }
}
