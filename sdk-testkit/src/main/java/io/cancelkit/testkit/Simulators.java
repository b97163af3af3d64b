package io.cancelkit.testkit;

import java.util.List;

/**
 * Starts loopback simulators of the five vendors' cancel and status APIs, one HTTP/1.1 server
 * each.
 *
 * <pre>{@code
 * try (var sim = Simulators.layers()) {
 *   String jobId = sim.addJob("content_generate", "rendering", "running");
 *   var c = LayersCanceller.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   CancelOutcome outcome = c.cancel(jobId);  // CancelPending
 *   assertEquals("canceled", c.status(jobId).providerStatus());
 * }
 * }</pre>
 *
 * <p>Each call binds a new server to an ephemeral port on the loopback address; close it (it is
 * {@link AutoCloseable}) to free the port. The server's threads are daemon threads, so a simulator
 * left open does not keep a JVM from exiting.
 */
public final class Simulators {
  private Simulators() {}

  /**
   * A started Layers simulator; base URL without prefix, key {@code lp_test_cancelkit}, 60 writes
   * and 120 reads a minute per key.
   *
   * @return the simulator, listening; close it to free its port
   */
  public static LayersSimulator layers() {
    return started(new LayersSimulator());
  }

  /**
   * A started Plangrep simulator; base URL ends in {@code /api/open/v1}.
   *
   * @return the simulator, listening; close it to free its port
   */
  public static PlangrepSimulator plangrep() {
    return started(new PlangrepSimulator());
  }

  /**
   * A started Scale Dex simulator; also needs {@code accountId()}, jobs in {@code projectId()}.
   *
   * @return the simulator, listening; close it to free its port
   */
  public static ScaleSimulator scale() {
    return started(new ScaleSimulator());
  }

  /**
   * A started Omni simulator; base URL ends in {@code /api}, 60 requests a minute per key.
   *
   * @return the simulator, listening; close it to free its port
   */
  public static OmniSimulator omni() {
    return started(new OmniSimulator());
  }

  /**
   * A started Mogu simulator; the status GET is public, as on the vendor.
   *
   * @return the simulator, listening; close it to free its port
   */
  public static MoguSimulator mogu() {
    return started(new MoguSimulator());
  }

  /**
   * The names {@link #start(String)} takes, as the vendors' cancellers spell them.
   *
   * @return the five names, sorted
   */
  public static List<String> providers() {
    return List.of("layers", "mogu", "omni", "plangrep", "scale");
  }

  /**
   * A started simulator of the vendor named {@code provider}, for tools that know vendors only by
   * name; close it to free its port.
   *
   * @param provider {@code layers}, {@code plangrep}, {@code scale}, {@code omni} or {@code mogu}
   * @return the simulator, listening
   * @throws IllegalArgumentException if no simulator has that name
   */
  public static VendorSimulator start(String provider) {
    switch (provider) {
      case "layers":
        return layers();
      case "plangrep":
        return plangrep();
      case "scale":
        return scale();
      case "omni":
        return omni();
      case "mogu":
        return mogu();
      default:
        throw new IllegalArgumentException(
            "no simulator of '" + provider + "'; one of " + String.join(", ", providers()));
    }
  }

  static <T extends VendorSimulator> T started(T simulator) {
    simulator.start();
    return simulator;
  }
}
