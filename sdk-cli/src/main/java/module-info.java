/**
 * The {@code cancelkit} command: {@code cancel}, {@code status} and {@code demo}; it finds the
 * vendors through their {@link io.cancelkit.core.CancellerProvider}s and imports none of them.
 */
// requires-automatic: OkHttp and Moshi are automatic modules (jars with only an
// Automatic-Module-Name), so the warning would say no more than that.
@SuppressWarnings("requires-automatic")
module io.cancelkit.cli {
  requires io.cancelkit.core;
  requires io.cancelkit.testkit; // `cancelkit demo` runs the simulators in-process
  requires transitive info.picocli; // CancelkitCommand.commandLine() hands out a CommandLine
  requires com.squareup.moshi; // JSON output, --resume files, body previews
  requires okhttp3; // the demo's answer recorder is an OkHttp interceptor
  requires java.logging; // --debug routes the SDK's System.Logger output to stderr

  exports io.cancelkit.cli;
  // picocli sets the commands' @Option and @Parameters fields and builds them by reflection.
  opens io.cancelkit.cli to
      info.picocli;
}
