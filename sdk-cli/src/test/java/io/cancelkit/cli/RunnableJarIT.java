package io.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code target/cancelkit.jar} as shade wrote it; runs after {@code package} (see the pom),
 * so it sees this build's jar, not an earlier one.
 */
class RunnableJarIT {
  private static final Path JAR = Path.of(System.getProperty("cancelkit.jar", "target/cancelkit.jar"));

  @Test
  void holdsNoTestLibraries() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> test =
          Collections.list(jar.entries()).stream()
              .map(ZipEntry::getName)
              .filter(
                  n ->
                      n.startsWith("junit/")
                          || n.startsWith("org/junit/")
                          || n.startsWith("org/hamcrest/")
                          || n.startsWith("org/opentest4j/")
                          || n.startsWith("okhttp3/mockwebserver/"))
              .toList();
      assertEquals(List.of(), test);
    }
  }

  @Test
  void mergesTheVendorsServiceFilesAndNamesItsMainClass() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String services =
          new String(
              jar.getInputStream(jar.getEntry("META-INF/services/io.cancelkit.core.CancellerProvider"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      for (String vendor : List.of("layers", "plangrep", "scale", "omni", "mogu")) {
        assertTrue(services.contains("io.cancelkit." + vendor + "."), vendor + " in " + services);
      }
      assertEquals(
          "io.cancelkit.cli.CancelkitCommand",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }

  @Test
  void aRebuildLeavesNoOriginalJarBehind() {
    assertFalse(Files.exists(JAR.resolveSibling("original-cancelkit.jar")));
  }

  @Test
  void runsAndFindsEveryVendorThroughServiceLoader() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "cancel", "--help")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(
        out.replaceAll("\\s+", " ").contains("The vendor of the JOB_IDs: layers, mogu, omni, plangrep, scale."),
        out);
  }
}
