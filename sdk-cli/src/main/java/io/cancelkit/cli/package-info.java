/**
 * The {@code cancelkit} command-line tool: {@code cancel} cancels jobs of one vendor by id, or every
 * {@code provider:jobId} line of a file (optionally awaiting each), {@code status} reads a job, and
 * {@code demo} runs every vendor's simulator in-process. {@link io.cancelkit.cli.CancelkitCommand} is the
 * entry point and its only public class; vendors are found through their {@link
 * io.cancelkit.core.CancellerProvider}s and configured from their environment variables, output is
 * text or JSON, keys are never printed, and the exit code tells a script what became of the jobs.
 */
package io.cancelkit.cli;
