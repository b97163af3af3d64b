/**
 * Stateful loopback simulators of the Layers, Plangrep, Scale Dex, Omni and Mogu cancel and status
 * APIs, for tests and demos; start one with {@link io.cancelkit.testkit.Simulators}.
 *
 * <p>Each simulator runs its own small HTTP/1.1 server on the loopback address (no MockWebServer,
 * so no JUnit 4 on the classpath) and records what it receives as {@link
 * io.cancelkit.testkit.SimRequest}s. Layers and Omni enforce their documented rate limits per key.
 * The engine behaviours that every vendor's canceller shares are tested once, in {@link
 * io.cancelkit.testkit.contract.CancellerContract}.
 */
package io.cancelkit.testkit;
