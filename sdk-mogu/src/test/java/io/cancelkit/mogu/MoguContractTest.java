package io.cancelkit.mogu;

import io.cancelkit.testkit.MoguSimulator;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.contract.CancellerContract;

/** The engine's shared behaviours on Mogu, whose only cancelable status is processing. */
class MoguContractTest extends CancellerContract<MoguSimulator> {
  MoguContractTest() {
    super(
        Simulators::mogu,
        sim -> sim.addJob("processing", "generatingBlocks"),
        sim -> sim.addJob("canceled", "generatingBlocks"));
  }
}
