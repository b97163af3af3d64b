package io.cancelkit.scale;

import io.cancelkit.testkit.ScaleSimulator;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.contract.CancellerContract;
import java.util.Arrays;
import java.util.List;

/** The engine's shared behaviours on Scale Dex, where a running job is cancelled asynchronously. */
class ScaleContractTest extends CancellerContract<ScaleSimulator> {
  ScaleContractTest() {
    super(Simulators::scale, sim -> sim.addJob("running"), sim -> sim.addJob("cancelled"));
  }

  /** {@code a/b} is job b of project a here; one slash more, or an empty or dot part, is not. */
  @Override
  protected List<String> malformedIds() {
    return Arrays.asList(
        null, "", " ", "j".repeat(257), ".", "..", "a\nb", "a\u0000b", "a/b/c", "a/..", "/b", "a/");
  }
}
