package io.cancelkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jars a user puts on the module path carry the module names the README's table promises: real
 * modules where a {@code module-info} is compiled in, and an {@code Automatic-Module-Name} where the
 * module's dependencies are automatic modules themselves (Micrometer, Spring Boot). Without either,
 * Java would derive a name from the file name ({@code sdk.micrometer}), which a release must never
 * ship.
 */
class ModuleNamesTest {
  @ParameterizedTest
  @CsvSource({
    "sdk-core, io.cancelkit.core, false",
    "sdk-layers, io.cancelkit.layers, false",
    "sdk-plangrep, io.cancelkit.plangrep, false",
    "sdk-scale, io.cancelkit.scale, false",
    "sdk-omni, io.cancelkit.omni, false",
    "sdk-mogu, io.cancelkit.mogu, false",
    "sdk-testkit, io.cancelkit.testkit, false",
    "sdk-micrometer, io.cancelkit.micrometer, true",
    "sdk-spring-boot-starter, io.cancelkit.spring, true",
  })
  void eachJarCarriesItsModuleName(String artifactId, String module, boolean automatic)
      throws Exception {
    Path jar = jarOnClassPath(artifactId);

    ModuleDescriptor descriptor =
        ModuleFinder.of(jar).findAll().iterator().next().descriptor();
    assertEquals(module, descriptor.name(), jar.toString());
    assertEquals(automatic, descriptor.isAutomatic(), jar + ": an automatic module");
    if (automatic) {
      try (JarFile file = new JarFile(jar.toFile())) {
        assertEquals(module, file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
      }
    }
  }

  /**
   * The artifact's jar on this test's class path: the reactor's own after {@code package}, else the
   * local repository's. A build that stops before {@code package} ({@code mvn test}) has only class
   * directories, which carry no manifest: the test is skipped there and runs in {@code verify}.
   */
  private static Path jarOnClassPath(String artifactId) {
    String classPath = Example.classPath();
    String jarName = artifactId + "-" + System.getProperty("cancelkit.version") + ".jar";
    List<Path> entries =
        Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of).toList();
    Optional<Path> jar = entries.stream().filter(p -> p.endsWith(jarName)).findFirst();
    if (jar.isEmpty()) {
      String classes = Path.of(artifactId, "target", "classes").toString();
      assumeTrue(entries.stream().noneMatch(p -> p.toString().endsWith(classes)),
          () -> artifactId + " is on the class path as its classes, not as a jar, before package");
    }
    assertTrue(jar.isPresent(), () -> jarName + " is not on the class path: " + classPath);
    return jar.get();
  }
}
