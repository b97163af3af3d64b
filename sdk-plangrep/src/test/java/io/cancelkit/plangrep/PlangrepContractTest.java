package io.cancelkit.plangrep;

import io.cancelkit.testkit.PlangrepSimulator;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.contract.CancellerContract;

/** The engine's shared behaviours on Plangrep, whose running job is processing. */
class PlangrepContractTest extends CancellerContract<PlangrepSimulator> {
  PlangrepContractTest() {
    super(Simulators::plangrep, sim -> sim.addJob("processing"), sim -> sim.addJob("cancelled"));
  }
}
