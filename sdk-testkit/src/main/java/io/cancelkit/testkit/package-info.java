/**
 * Stateful loopback simulators of the Layers, Plangrep, Scale Dex, Omni and Mogu cancel and status
 * APIs, for tests and demos; start one with {@link io.cancelkit.testkit.Simulators}.
 */
package io.cancelkit.testkit;
