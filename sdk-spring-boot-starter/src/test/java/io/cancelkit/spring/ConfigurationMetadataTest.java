package io.cancelkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.cancelkit.core.CancellerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ConfigurationMetadataTest {
  static final String METADATA = "META-INF/spring-configuration-metadata.json";

  @Test
  void sharedPropertiesAreGeneratedWithDescriptions() throws IOException {
    // The processor's output for this module, in target/classes.
    URL generated =
        resources().stream()
            .filter(url -> url.toString().contains("/target/classes/"))
            .findFirst()
            .orElseThrow();
    Map<String, Map<String, Object>> starter = properties(List.of(read(generated)));
    assertThat(starter)
        .containsOnlyKeys(
            "cancelkit.timeout",
            "cancelkit.max-attempts",
            "cancelkit.initial-backoff",
            "cancelkit.poll-interval");
    assertThat(starter.get("cancelkit.timeout"))
        .containsEntry("type", "java.time.Duration")
        .containsEntry("defaultValue", "30s");
    assertThat(starter.values()).allSatisfy(p -> assertThat(p).containsKey("description"));
  }

  @Test
  void everyVendorDescribesExactlyThePropertiesTheStarterReads() throws IOException {
    // Each vendor module ships its own metadata, so a new vendor needs no change to the starter.
    // Read from the installed jars and, in this repository, from the vendor modules' sources,
    // which are ahead of the jars until they are installed again.
    List<String> documents = new ArrayList<>();
    for (URL url : resources()) documents.add(read(url));
    for (CancellerProvider provider : CancellerProvider.installed()) {
      Path source =
          Path.of("..", "sdk-" + provider.name(), "src", "main", "resources", METADATA);
      if (Files.exists(source)) documents.add(Files.readString(source));
    }
    Map<String, Map<String, Object>> described = properties(documents);
    for (CancellerProvider provider : CancellerProvider.installed()) {
      VendorProperties vendor = VendorProperties.of(provider, new MockEnvironment());
      Set<String> ofVendor = new TreeSet<>();
      for (String name : described.keySet()) {
        if (name.startsWith(vendor.prefix() + ".")) ofVendor.add(name);
      }
      assertThat(ofVendor).as(provider.name()).isEqualTo(new TreeSet<>(vendor.properties()));
      for (String name : ofVendor) {
        assertThat(described.get(name)).as(name).containsKey("description");
      }
    }
  }

  private static List<URL> resources() throws IOException {
    return Collections.list(ConfigurationMetadataTest.class.getClassLoader().getResources(METADATA));
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> properties(List<String> documents)
      throws IOException {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (String json : documents) {
      Map<String, Object> doc = new Moshi.Builder().build().adapter(Map.class).fromJson(json);
      for (Object p : (List<Object>) doc.get("properties")) {
        Map<String, Object> property = (Map<String, Object>) p;
        byName.put((String) property.get("name"), property);
      }
    }
    return byName;
  }
}
