package io.cancelkit.examples;

import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.contract.CancellerContract;

/** The README's contract-suite snippet: every shared behaviour, run against the Layers simulator. */
class LayersContractTest extends CancellerContract<LayersSimulator> {
  LayersContractTest() {
    super(Simulators::layers,
        sim -> sim.addJob("content_generate", "rendering", "running"),   // a running job
        sim -> sim.addJob("content_generate", "rendering", "canceled")); // a cancelled one
  }
}
