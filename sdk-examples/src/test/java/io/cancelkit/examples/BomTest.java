package io.cancelkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * sdk-bom has no parent (importing it must not pin an application's Retrofit or JUnit), so its
 * version and list are written out: this test fails when either drifts from the reactor.
 */
class BomTest {
  private static final Path ROOT = Path.of(System.getProperty("cancelkit.root", ".."));

  @Test
  void theBomManagesEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Document bom = parse(ROOT.resolve("sdk-bom/pom.xml"));
    String version = System.getProperty("cancelkit.version");
    assertEquals(version, child(bom.getDocumentElement(), "version"), "sdk-bom's own version");

    Set<String> managed = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      assertEquals("io.cancelkit", child(dep, "groupId"));
      assertEquals("${project.version}", child(dep, "version"), child(dep, "artifactId"));
      managed.add(child(dep, "artifactId"));
    }

    assertEquals(publishedModules(), managed);
  }

  @Test
  void everyPublishedPomCarriesWhatMavenCentralRequires() throws Exception {
    // The modules inherit url, licenses, developers and scm from the parent; name and description
    // are each module's own. The BOM, which has no parent, carries all of them itself.
    Element parent = parse(ROOT.resolve("pom.xml")).getDocumentElement();
    for (String inherited : List.of("url", "licenses", "developers", "scm")) {
      assertTrue(child(parent, inherited) != null, "the parent POM lacks <" + inherited + ">");
    }
    Element bom = parse(ROOT.resolve("sdk-bom/pom.xml")).getDocumentElement();
    for (String field : List.of("name", "description", "url", "licenses", "developers", "scm")) {
      assertTrue(child(bom, field) != null, "sdk-bom lacks <" + field + ">");
    }
    for (String module : publishedModules()) {
      Element project = parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      for (String own : List.of("name", "description")) {
        String value = child(project, own);
        assertTrue(value != null && !value.isBlank(), module + " lacks <" + own + ">");
      }
    }
  }

  /** The root reactor's jar modules that deploy: those not marked {@code maven.deploy.skip}. */
  private static Set<String> publishedModules() throws Exception {
    Set<String> published = new TreeSet<>();
    List<String> modules = new ArrayList<>();
    NodeList list = parse(ROOT.resolve("pom.xml")).getElementsByTagName("module");
    for (int i = 0; i < list.getLength(); i++) modules.add(list.item(i).getTextContent().trim());
    assertTrue(modules.contains("sdk-core") && modules.contains("sdk-examples"), modules::toString);
    for (String module : modules) {
      Path pom = ROOT.resolve(module).resolve("pom.xml");
      Element project = parse(pom).getDocumentElement();
      boolean skipped = Files.readString(pom).contains("<maven.deploy.skip>true</maven.deploy.skip>");
      if (!"pom".equals(child(project, "packaging")) && !skipped) {
        published.add(child(project, "artifactId"));
      }
    }
    return published;
  }

  private static Document parse(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** The text of {@code parent}'s direct child {@code name}, or null. */
  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) return e.getTextContent().trim();
    }
    return null;
  }
}
