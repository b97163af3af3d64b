package io.cancelkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the README to its compiled twin: every {@code ```java} block must appear verbatim in this
 * module's sources (shifted right as a whole, as a fragment inside a method is), and the {@code
 * ```yaml} block is the examples' application.yml. So a snippet cannot drift from code that
 * compiles and runs.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("cancelkit.root", ".."));
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");

  @Test
  void everyJavaBlockIsCompiledExampleCode() {
    List<String> sources = read(ROOT.resolve("sdk-examples/src"), ".java");
    List<String> missing = new ArrayList<>();
    List<String> blocks = blocks("java");
    for (String block : blocks) {
      if (sources.stream().noneMatch(source -> containsShifted(source, block))) {
        missing.add(block.lines().findFirst().orElse(""));
      }
    }
    assertTrue(blocks.size() >= 10, "the README's java blocks were not found: " + blocks.size());
    assertEquals(
        List.of(), missing, "README java blocks not found verbatim under sdk-examples/src");
  }

  @Test
  void theYamlBlockIsTheExamplesApplicationYml() throws IOException {
    List<String> yaml = blocks("yaml");
    assertEquals(1, yaml.size(), "the README has one yaml block");
    Path file = ROOT.resolve("sdk-examples/src/main/resources/application.yml");
    assertEquals(yaml.get(0), Files.readString(file, UTF_8));
  }

  @Test
  void aBlockMatchesOnlyWholeAndUnchanged() {
    String source = "class A {\n  void m() {\n    int a = 1;\n\n    int b = 2;\n  }\n}\n";
    assertTrue(containsShifted(source, "int a = 1;\n\nint b = 2;\n"));
    assertFalse(containsShifted(source, "int a = 1;\n\nint b = 3;\n"), "a changed line");
    assertFalse(containsShifted(source, "int a = 1;\n  int b = 2;\n"), "a changed indentation");
    assertFalse(containsShifted(source, "int a = 1;\nint b = 2;\n"), "a dropped line");
  }

  /** True if {@code block}, every non-blank line indented by the same n spaces, is in {@code source}. */
  static boolean containsShifted(String source, String block) {
    for (int n = 0; n <= 12; n += 2) {
      String pad = " ".repeat(n);
      StringBuilder shifted = new StringBuilder();
      block.lines().forEach(l -> shifted.append(l.isBlank() ? l : pad + l).append('\n'));
      if (source.contains(shifted)) return true;
    }
    return false;
  }

  private static List<String> blocks(String language) {
    String readme;
    try {
      readme = Files.readString(ROOT.resolve("README.md"), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> blocks = new ArrayList<>();
    Matcher m = FENCE.matcher(readme);
    while (m.find()) {
      if (m.group(1).equals(language)) blocks.add(m.group(2));
    }
    return blocks;
  }

  private static List<String> read(Path dir, String suffix) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(suffix))
          .map(
              f -> {
                try {
                  return Files.readString(f, UTF_8);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
