package io.cancelkit.omni;

import io.cancelkit.testkit.OmniSimulator;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.contract.CancellerContract;

/** The engine's shared behaviours on Omni, whose running job is EXECUTING (QUEUED ends at once). */
class OmniContractTest extends CancellerContract<OmniSimulator> {
  OmniContractTest() {
    super(Simulators::omni, sim -> sim.addJob("EXECUTING"), sim -> sim.addJob("CANCELLED"));
  }
}
