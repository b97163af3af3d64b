package io.cancelkit.layers;

import io.cancelkit.testkit.LayersSimulator;
import io.cancelkit.testkit.Simulators;
import io.cancelkit.testkit.contract.CancellerContract;

/** The engine's shared behaviours on Layers; a job rendering content is cancelable. */
class LayersContractTest extends CancellerContract<LayersSimulator> {
  LayersContractTest() {
    super(
        Simulators::layers,
        sim -> sim.addJob("content_generate", "rendering", "running"),
        sim -> sim.addJob("content_generate", "rendering", "canceled"));
  }
}
