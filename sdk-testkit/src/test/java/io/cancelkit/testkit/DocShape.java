package io.cancelkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cancelkit.testkit.Http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A vendor doc's answer body (a copy under {@code src/test/resources/docs/}) as the shape that a
 * simulator's answer must have: exactly the documented keys at every level, the same nesting and
 * the same JSON types; values may differ.
 *
 * <p>Paths name a value from the root: {@code job.completedAt}, {@code history[].details}. A
 * documented {@code null} shows that a field is there, not its type, so it matches any value.
 * Immutable; {@link #nullable} and {@link #open} return a new shape.
 */
final class DocShape {
  private final String resource;
  private final Object documented;
  private final Set<String> nullable;
  private final Set<String> open;

  private DocShape(String resource, Object documented, Set<String> nullable, Set<String> open) {
    this.resource = resource;
    this.documented = documented;
    this.nullable = Set.copyOf(nullable);
    this.open = Set.copyOf(open);
  }

  /** The shape of {@code docs/<resource>}, such as {@code layers/cancel-202-accepted.json}. */
  static DocShape of(String resource) {
    String path = "/docs/" + resource;
    try (InputStream in = DocShape.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new DocShape(path, Http.json(json), Set.of(), Set.of());
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }

  /** The same shape, where the doc also allows {@code null} at {@code paths}. */
  DocShape nullable(String... paths) {
    return new DocShape(resource, documented, union(nullable, paths), open);
  }

  /** The same shape, where the doc fixes the type at {@code paths} but not what is inside. */
  DocShape open(String... paths) {
    return new DocShape(resource, documented, nullable, union(open, paths));
  }

  /** Asserts the answer's status, then that its body has this shape. */
  void assertMatches(int status, Reply reply) {
    assertEquals(status, reply.code(), reply.body());
    assertMatches(reply.body());
  }

  /** Asserts that {@code json} has this shape, listing every difference with its path. */
  void assertMatches(String json) {
    List<String> differences = new ArrayList<>();
    compare("", documented, Http.json(json), differences);
    if (!differences.isEmpty()) {
      throw new AssertionError(
          "not the shape of " + resource + ":\n  " + String.join("\n  ", differences)
              + "\nanswer: " + json);
    }
  }

  private void compare(String path, Object doc, Object actual, List<String> differences) {
    if (doc == null) {
      return;
    }
    String where = path.isEmpty() ? "$" : path;
    if (actual == null) {
      if (!nullable.contains(path)) {
        differences.add(where + ": null, documented " + type(doc));
      }
      return;
    }
    if (!type(doc).equals(type(actual))) {
      differences.add(where + ": " + type(actual) + ", documented " + type(doc));
      return;
    }
    if (open.contains(path)) {
      return;
    }
    if (doc instanceof Map<?, ?> docObject) {
      Map<?, ?> object = (Map<?, ?>) actual;
      Set<Object> missing = new TreeSet<>(docObject.keySet());
      missing.removeAll(object.keySet());
      Set<Object> extra = new TreeSet<>(object.keySet());
      extra.removeAll(docObject.keySet());
      if (!missing.isEmpty()) {
        differences.add(where + ": missing " + missing);
      }
      if (!extra.isEmpty()) {
        differences.add(where + ": not documented " + extra);
      }
      for (Map.Entry<?, ?> field : docObject.entrySet()) {
        if (object.containsKey(field.getKey())) {
          String child = path.isEmpty() ? "" + field.getKey() : path + "." + field.getKey();
          compare(child, field.getValue(), object.get(field.getKey()), differences);
        }
      }
    } else if (doc instanceof List<?> docArray && !docArray.isEmpty()) {
      // A documented array shows one element of its kind; every element must have that shape.
      for (Object element : (List<?>) actual) {
        compare(path + "[]", docArray.get(0), element, differences);
      }
    }
  }

  private Set<String> union(Set<String> declared, String... paths) {
    Set<String> known = new HashSet<>();
    collectPaths("", documented, known);
    Set<String> all = new HashSet<>(declared);
    for (String path : paths) {
      // A typo would silently loosen nothing and check nothing; fail instead.
      if (!known.contains(path)) {
        throw new IllegalArgumentException("no path " + path + " in " + resource + ": " + known);
      }
      all.add(path);
    }
    return all;
  }

  private static void collectPaths(String path, Object node, Set<String> paths) {
    paths.add(path);
    if (node instanceof Map<?, ?> object) {
      object.forEach(
          (key, value) -> collectPaths(path.isEmpty() ? "" + key : path + "." + key, value, paths));
    } else if (node instanceof List<?> array && !array.isEmpty()) {
      collectPaths(path + "[]", array.get(0), paths);
    }
  }

  private static String type(Object value) {
    if (value instanceof Map) {
      return "object";
    } else if (value instanceof List) {
      return "array";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Number) {
      return "number";
    } else if (value instanceof Boolean) {
      return "boolean";
    }
    return "null";
  }
}
