package io.cancelkit.cli;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars on a module path, as an application sees them: each is a named module with its stable
 * name; a consumer module that requires one vendor compiles and runs against them; one that imports
 * the engine does not compile; the command runs its demo. Runs after {@code package} (see the pom)
 * on this module's runtime dependencies, which a reactor build resolves to the siblings' jars.
 */
class ModulePathIT {
  private static final List<String> VENDORS = List.of("layers", "mogu", "omni", "plangrep", "scale");
  private static final String PROVIDER = "io.cancelkit.core.CancellerProvider";
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

  /** This module's jar, then its runtime dependencies, in Maven's order. */
  private static final List<Path> MODULE_PATH = modulePath();

  private static List<Path> modulePath() {
    List<Path> path = new ArrayList<>();
    path.add(Path.of(System.getProperty("cancelkit.moduleJar")));
    try {
      String runtime = Files.readString(Path.of(System.getProperty("cancelkit.runtimePath")), UTF_8);
      for (String entry : runtime.strip().split(Pattern.quote(File.pathSeparator))) {
        path.add(Path.of(entry));
      }
    } catch (IOException e) {
      throw new IllegalStateException("no runtime path written by the dependency plugin", e);
    }
    return List.copyOf(path);
  }

  private static String modulePathString(Path... first) {
    return Stream.concat(Arrays.stream(first), MODULE_PATH.stream())
        .map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The descriptor of every cancelkit jar on the path, by artifactId. */
  private static Map<String, ModuleDescriptor> cancelkitModules() {
    return MODULE_PATH.stream()
        .filter(p -> p.getFileName().toString().startsWith("sdk-"))
        .collect(
            toMap(
                p -> p.getFileName().toString().replaceFirst("-\\d.*\\.jar$", ""),
                p -> descriptor(p)));
  }

  private static ModuleDescriptor descriptor(Path jar) {
    Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
    assertEquals(1, found.size(), jar.toString());
    return found.iterator().next().descriptor();
  }

  @Test
  void everyJarIsANamedModuleWithItsStableName() {
    Map<String, ModuleDescriptor> modules = cancelkitModules();
    // An automatic module named after the file (sdk.core) would mean a stale jar from ~/.m2: the
    // test needs this build's jars, so run it in a reactor build (-am).
    Map<String, String> expected =
        Map.of(
            "sdk-core", "io.cancelkit.core",
            "sdk-testkit", "io.cancelkit.testkit",
            "sdk-cli", "io.cancelkit.cli",
            "sdk-layers", "io.cancelkit.layers",
            "sdk-mogu", "io.cancelkit.mogu",
            "sdk-omni", "io.cancelkit.omni",
            "sdk-plangrep", "io.cancelkit.plangrep",
            "sdk-scale", "io.cancelkit.scale");
    assertEquals(expected.keySet(), modules.keySet());
    expected.forEach(
        (artifact, name) -> {
          ModuleDescriptor d = modules.get(artifact);
          assertEquals(name, d.name(), artifact);
          assertFalse(d.isAutomatic(), artifact + " has no module-info.class");
        });
  }

  @Test
  void coreExportsItsApiToAllAndItsEngineOnlyToTheFiveVendors() {
    ModuleDescriptor core = cancelkitModules().get("sdk-core");
    Map<String, Set<String>> exports =
        core.exports().stream().collect(toMap(Exports::source, Exports::targets));
    Set<String> vendorModules =
        VENDORS.stream().map(v -> "io.cancelkit." + v).collect(Collectors.toSet());
    // An empty target set is an unqualified export: every module may read it.
    assertEquals(
        Map.of("io.cancelkit.core", Set.of(), "io.cancelkit.core.internal", vendorModules), exports);
    assertEquals(Set.of(), core.opens(), "core opens nothing");
    assertEquals(Set.of(PROVIDER), core.uses());
  }

  @Test
  void eachVendorExportsItsPackageOpensItOnlyToCoreAndProvidesItsCanceller() {
    Map<String, ModuleDescriptor> modules = cancelkitModules();
    for (String vendor : VENDORS) {
      ModuleDescriptor d = modules.get("sdk-" + vendor);
      String pkg = "io.cancelkit." + vendor;
      String canceller =
          Character.toUpperCase(vendor.charAt(0)) + vendor.substring(1) + "Canceller";
      assertEquals(
          Map.of(pkg, Set.of()),
          d.exports().stream().collect(toMap(Exports::source, Exports::targets)),
          vendor);
      // Core's record adapter builds the package-private wire records by reflection.
      assertEquals(
          Map.of(pkg, Set.of("io.cancelkit.core")),
          d.opens().stream().collect(toMap(Opens::source, Opens::targets)),
          vendor);
      assertEquals(
          Map.of(PROVIDER, List.of(pkg + "." + canceller + "$Provider")),
          d.provides().stream().collect(toMap(Provides::service, Provides::providers)),
          vendor);
      assertTrue(
          d.requires().stream()
              .anyMatch(r -> r.name().equals("io.cancelkit.core") && r.modifiers().contains(TRANSITIVE)),
          vendor + " requires core transitively, so a consumer reads the outcome types");
    }
  }

  @Test
  void theTestkitExportsItsTwoPackagesAndNeedsJUnitOnlyWhereTheContractSuiteRuns() {
    ModuleDescriptor testkit = cancelkitModules().get("sdk-testkit");
    assertEquals(
        Set.of("io.cancelkit.testkit", "io.cancelkit.testkit.contract"),
        testkit.exports().stream().map(Exports::source).collect(Collectors.toSet()));
    // requires static: an application that only starts simulators does not need JUnit.
    assertTrue(
        testkit.requires().stream()
            .anyMatch(r -> r.name().equals("org.junit.jupiter.api") && r.modifiers().contains(STATIC)),
        testkit.requires().toString());
  }

  @Test
  void aConsumerModuleThatRequiresOneVendorCancelsAndFindsEveryProvider(@TempDir Path dir)
      throws Exception {
    Path src = dir.resolve("src");
    write(
        src.resolve("module-info.java"),
        """
        module demo.consumer {
          requires io.cancelkit.layers;
          requires jdk.httpserver;
        }
        """);
    write(
        src.resolve("demo/Main.java"),
        """
        package demo;

        import com.sun.net.httpserver.HttpServer;
        import io.cancelkit.core.CancelOutcome;
        import io.cancelkit.core.CancellerProvider;
        import io.cancelkit.layers.LayersCanceller;
        import java.net.InetAddress;
        import java.net.InetSocketAddress;
        import java.nio.charset.StandardCharsets;
        import java.util.stream.Collectors;

        public final class Main {
          public static void main(String[] args) throws Exception {
            HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                "/",
                exchange -> {
                  System.out.println("request: " + exchange.getRequestMethod() + " "
                      + exchange.getRequestURI() + " bearer="
                      + "Bearer demo-key".equals(exchange.getRequestHeaders().getFirst("Authorization")));
                  byte[] body = "{\\"jobId\\":\\"job_1\\",\\"accepted\\":true}".getBytes(StandardCharsets.UTF_8);
                  exchange.getResponseHeaders().set("Content-Type", "application/json");
                  exchange.sendResponseHeaders(202, body.length);
                  exchange.getResponseBody().write(body);
                  exchange.close();
                });
            server.start();
            try {
              LayersCanceller canceller =
                  LayersCanceller.builder()
                      .apiKey("demo-key")
                      .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/")
                      .maxAttempts(1)
                      .build();
              CancelOutcome outcome = canceller.cancel("job_1");
              System.out.println("outcome: " + outcome.getClass().getSimpleName());
              System.out.println("module: " + LayersCanceller.class.getModule().getName());
              System.out.println("providers: " + CancellerProvider.installed().stream()
                  .map(p -> p.name() + "@" + p.getClass().getModule().getName())
                  .collect(Collectors.joining(",")));
            } finally {
              server.stop(0);
            }
          }
        }
        """);
    Path classes = dir.resolve("classes");

    List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(src, classes);

    assertEquals(List.of(), diagnostics, "compiles warning-free against the module path");
    Run run =
        run(
            List.of(
                java(),
                "--module-path",
                modulePathString(classes),
                "--module",
                "demo.consumer/demo.Main"));
    assertEquals(0, run.exit(), run.out());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.contains("request: POST /v1/jobs/job_1/cancel bearer=true"), run.out());
    assertTrue(lines.contains("outcome: CancelPending"), run.out());
    // Named, not the unnamed module of a class path.
    assertTrue(lines.contains("module: io.cancelkit.layers"), run.out());
    // Only Layers is required: service binding resolves the other four through their provides.
    String providers =
        VENDORS.stream().map(v -> v + "@io.cancelkit." + v).collect(Collectors.joining(","));
    assertTrue(lines.contains("providers: " + providers), run.out());
  }

  @Test
  void aConsumerModuleThatImportsTheEngineDoesNotCompile(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    write(
        src.resolve("module-info.java"),
        """
        module demo.intruder {
          requires io.cancelkit.layers;
        }
        """);
    write(
        src.resolve("demo/Main.java"),
        """
        package demo;

        import io.cancelkit.core.internal.Engine;

        public final class Main {
          Engine engine;
        }
        """);

    List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(src, dir.resolve("classes"));

    List<Diagnostic<? extends JavaFileObject>> refusals =
        diagnostics.stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .filter(d -> d.getCode().equals("compiler.err.package.not.visible"))
            .filter(d -> d.getMessage(null).contains("io.cancelkit.core.internal"))
            .toList();
    assertFalse(refusals.isEmpty(), "the import is refused as not exported: " + diagnostics);
  }

  @Test
  void theCommandRunsItsDemoOnTheModulePathThroughEveryVendor() throws Exception {
    Run run =
        run(
            List.of(
                java(),
                "--module-path",
                modulePathString(),
                "--module",
                "io.cancelkit.cli/io.cancelkit.cli.CancelkitCommand",
                "demo"));

    assertEquals(0, run.exit(), run.out());
    // A retried, settled cancel per vendor: its Retrofit interface, auth, JSON records and mapper
    // all work across module boundaries (picocli's reflection too, or nothing would run).
    for (String vendor : VENDORS) {
      Pattern row =
          Pattern.compile(vendor + " +503 first +await +503,20[02] +Cancelled +\\d+ +\\d+");
      assertTrue(
          run.out().lines().anyMatch(l -> row.matcher(l).matches()), vendor + " in\n" + run.out());
    }
    assertTrue(
        run.out()
            .contains(
                "Outcome kinds shown: Cancelled, CancelPending, AlreadyFinished, NotCancellable,"
                    + " NotFound, Failed."),
        run.out());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, UTF_8);
  }

  /** Compiles every source under {@code src} as one module into {@code classes}; the diagnostics. */
  private static List<Diagnostic<? extends JavaFileObject>> compile(Path src, Path classes)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(src)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
      List<String> options =
          List.of("-Xlint:all", "--module-path", modulePathString(), "-d", classes.toString());
      javac
          .getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    return diagnostics.getDiagnostics();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private record Run(int exit, String out) {}

  /** Runs {@code command} to its end, within {@link #RUN_LIMIT}; stdout and stderr together. */
  private static Run run(List<String> command) throws Exception {
    // To a file rather than a pipe: a process that hangs cannot block the read, only time out.
    Path out = Files.createTempFile("module-path-it", ".out");
    try {
      Process p =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("still running after " + RUN_LIMIT + ": " + command + "\n" + Files.readString(out, UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(out, UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
